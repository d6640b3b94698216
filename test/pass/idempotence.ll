; Running the pass twice instruments once: the module flag set by the first
; run stops the second (LTO and FatLTO can reach the pass twice).
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument,frugal-instrument -S %s | FileCheck %s
; Across separate runs too.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument %s \
; RUN:   | env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S | FileCheck %s

; CHECK-COUNT-1: @frugal.rec.f = private global
; CHECK-NOT:     @frugal.rec.f{{.*}} = private global
; CHECK-COUNT-1: appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 2, ptr @frugal.module_ctor, ptr null }]

define void @f() nounwind {
  ret void
}
; CHECK-LABEL: define void @f()
; CHECK-NEXT:    call void @__frugal_enter(ptr @frugal.rec.f, ptr null)
; CHECK-NEXT:    call void @__frugal_exit(ptr @frugal.rec.f, ptr null)
; CHECK-NEXT:    ret void
; CHECK-NEXT:  }
; CHECK-NOT:   define internal void @frugal.module_ctor.
