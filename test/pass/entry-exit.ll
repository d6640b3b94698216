; Entry and exit hooks: the entry hook goes after the static allocas, an exit
; hook goes before every ret, and both take the function's record. The hook
; calls are `notail`, so the exit hook is never entered by a jump.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s

declare void @use(ptr) nounwind

define i32 @two_returns(i32 %x) nounwind {
entry:
  %slot = alloca i32, align 4
  %buf = alloca [16 x i8], align 1
  call void @use(ptr %slot)
  %c = icmp sgt i32 %x, 0
  br i1 %c, label %pos, label %neg
pos:
  ret i32 1
neg:
  ret i32 0
}
; CHECK-LABEL: define i32 @two_returns(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %slot = alloca i32
; CHECK-NEXT:    %buf = alloca [16 x i8]
; CHECK-NEXT:    notail call void @__frugal_enter(ptr @frugal.rec.two_returns, ptr null)
; CHECK-NEXT:    call void @use(ptr %slot)
; CHECK:       pos:
; CHECK-NEXT:    notail call void @__frugal_exit(ptr @frugal.rec.two_returns, ptr null)
; CHECK-NEXT:    ret i32 1
; CHECK:       neg:
; CHECK-NEXT:    notail call void @__frugal_exit(ptr @frugal.rec.two_returns, ptr null)
; CHECK-NEXT:    ret i32 0
; CHECK-NEXT:  }

; A function that never returns gets the entry hook only.
define void @no_return() nounwind {
  call void @use(ptr null)
  unreachable
}
; CHECK-LABEL: define void @no_return(
; CHECK-NEXT:    call void @__frugal_enter(ptr @frugal.rec.no_return, ptr null)
; CHECK-NEXT:    call void @use(ptr null)
; CHECK-NEXT:    unreachable

; The hooks are declared nounwind, so that they are never turned into
; invokes themselves, and nonlazybind, so that position-independent code
; calls them through the GOT rather than a PLT stub.
; CHECK: declare void @__frugal_enter(ptr, ptr) [[NOUNWIND:#[0-9]+]]
; CHECK: declare void @__frugal_exit(ptr, ptr) [[NOUNWIND]]
; CHECK: attributes [[NOUNWIND]] = { nounwind nonlazybind }
