; The cleanup pad needs a personality. Without __gxx_personality_v0 in the
; module (C code built with -fexceptions), the C one is used.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s

declare void @may_throw()

define void @f() {
  call void @may_throw()
  ret void
}
; CHECK-LABEL: define void @f() personality ptr @__gcc_personality_v0 {
; CHECK:         invoke void @may_throw()
; CHECK:       frugal.unwind:
; CHECK-NEXT:    landingpad { ptr, i32 }
; CHECK-NEXT:            cleanup
; CHECK: declare i32 @__gcc_personality_v0(...)
