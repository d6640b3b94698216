; Both hooks receive the function's return-address slot, computed once at
; entry (so it dominates every exit, the unwind path included), on targets
; that lower llvm.addressofreturnaddress; elsewhere a null pointer.
; RUN: sed -e 's/TRIPLE/x86_64-unknown-linux-gnu/' %s | env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin -passes=frugal-instrument -S | FileCheck %s --check-prefix=SLOT
; RUN: sed -e 's/TRIPLE/aarch64-unknown-linux-gnu/' %s | env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin -passes=frugal-instrument -S | FileCheck %s --check-prefix=SLOT
; RUN: sed -e 's/TRIPLE/riscv64-unknown-linux-gnu/' %s | env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin -passes=frugal-instrument -S | FileCheck %s --check-prefix=NULL

target triple = "TRIPLE"

declare void @may_throw()
declare i32 @__gxx_personality_v0(...)

define i32 @two_exits(i1 %c) personality ptr @__gxx_personality_v0 {
entry:
  call void @may_throw()
  br i1 %c, label %a, label %b
a:
  ret i32 1
b:
  ret i32 2
}

; SLOT-LABEL: define i32 @two_exits(
; SLOT-NEXT:  entry:
; SLOT-NEXT:    [[SLOT:%.*]] = call ptr @llvm.addressofreturnaddress.p0()
; SLOT-NEXT:    notail call void @__frugal_enter(ptr @frugal.rec.two_exits, ptr [[SLOT]])
; SLOT-NEXT:    invoke void @may_throw()
; SLOT-NOT:     call ptr @llvm.addressofreturnaddress
; SLOT:         notail call void @__frugal_exit(ptr @frugal.rec.two_exits, ptr [[SLOT]])
; SLOT-NEXT:    ret i32 1
; SLOT:         notail call void @__frugal_exit(ptr @frugal.rec.two_exits, ptr [[SLOT]])
; SLOT-NEXT:    ret i32 2
; SLOT:       frugal.unwind:
; SLOT:         notail call void @__frugal_exit(ptr @frugal.rec.two_exits, ptr [[SLOT]])
; SLOT-NEXT:    resume

; NULL-NOT:   llvm.addressofreturnaddress
; NULL:       notail call void @__frugal_enter(ptr @frugal.rec.two_exits, ptr null)
; NULL:       notail call void @__frugal_exit(ptr @frugal.rec.two_exits, ptr null)
