; A musttail call must stay immediately before its ret, so the exit hook
; goes before the call. The call is not turned into an invoke either.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s

declare i32 @callee(i32)

define i32 @forward(i32 %x) {
  %r = musttail call i32 @callee(i32 %x)
  ret i32 %r
}
; CHECK-LABEL: define i32 @forward(
; CHECK-NOT:     personality
; CHECK-NEXT:    call void @__frugal_enter(ptr @frugal.rec.forward, ptr null)
; CHECK-NEXT:    call void @__frugal_exit(ptr @frugal.rec.forward, ptr null)
; CHECK-NEXT:    %r = musttail call i32 @callee(i32 %x)
; CHECK-NEXT:    ret i32 %r
; CHECK-NEXT:  }

define ptr @forward_ptr(ptr %p) {
entry:
  %c = icmp eq ptr %p, null
  br i1 %c, label %null, label %tail
null:
  ret ptr null
tail:
  %r = musttail call ptr @forward_ptr(ptr %p)
  ret ptr %r
}
; CHECK-LABEL: define ptr @forward_ptr(
; CHECK:       null:
; CHECK-NEXT:    call void @__frugal_exit(ptr @frugal.rec.forward_ptr, ptr null)
; CHECK-NEXT:    ret ptr null
; CHECK:       tail:
; CHECK-NEXT:    call void @__frugal_exit(ptr @frugal.rec.forward_ptr, ptr null)
; CHECK-NEXT:    %r = musttail call ptr @forward_ptr(ptr %p)
; CHECK-NEXT:    ret ptr %r
; CHECK-NOT:   landingpad
