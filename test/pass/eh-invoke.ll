; Exceptions: every way out of a function that may unwind passes the exit
; hook exactly once (Itanium landing pads).
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s

; Records of functions with an unwind exit say so (FRUGAL_FN_UNWIND_EXIT = 4).
; CHECK-DAG: @frugal.rec.plain = private global {{.*}} { i32 1, i32 4,
; CHECK-DAG: @frugal.rec.catches = private global {{.*}} { i32 1, i32 4,
; CHECK-DAG: @frugal.rec.nothrow_fn = private global {{.*}} { i32 1, i32 0,
; CHECK-DAG: @frugal.rec.no_calls = private global {{.*}} { i32 1, i32 0,

declare void @may_throw()
declare void @no_throw() nounwind
declare void @llvm.donothing() nounwind
declare ptr @__cxa_begin_catch(ptr)
declare void @__cxa_end_catch()
declare i32 @__gxx_personality_v0(...)
declare void @llvm.assume(i1)

; A call that may throw becomes an invoke unwinding to a new cleanup pad
; that calls the exit hook and resumes. Calls that cannot throw (nounwind,
; intrinsics) stay calls.
define void @plain(ptr %p) {
  call void @llvm.assume(i1 true)
  call void @no_throw()
  call void @may_throw()
  call void @no_throw()
  ret void
}
; CHECK-LABEL: define void @plain(ptr %p) personality ptr @__gxx_personality_v0 {
; CHECK-NEXT:    call void @__frugal_enter(ptr @frugal.rec.plain, ptr null)
; CHECK-NEXT:    call void @llvm.assume(i1 true)
; CHECK-NEXT:    call void @no_throw()
; CHECK-NEXT:    invoke void @may_throw()
; CHECK-NEXT:            to label %[[CONT:.*]] unwind label %frugal.unwind
; CHECK:       [[CONT]]:
; CHECK-NEXT:    call void @no_throw()
; CHECK-NEXT:    call void @__frugal_exit(ptr @frugal.rec.plain, ptr null)
; CHECK-NEXT:    ret void
; CHECK:       frugal.unwind:
; CHECK-NEXT:    %[[LP:.*]] = landingpad { ptr, i32 }
; CHECK-NEXT:            cleanup
; CHECK-NEXT:    call void @__frugal_exit(ptr @frugal.rec.plain, ptr null)
; CHECK-NEXT:    resume { ptr, i32 } %[[LP]]
; CHECK-NEXT:  }

; An existing landing pad: the catch path continues in the function (no
; exit); the path that resumes leaves it (exit before resume). The calls in
; the handler that may throw unwind to the new pad.
define i32 @catches() personality ptr @__gxx_personality_v0 {
entry:
  invoke void @may_throw()
          to label %ok unwind label %lpad
ok:
  ret i32 0
lpad:
  %lp = landingpad { ptr, i32 }
          cleanup
          catch ptr null
  %sel = extractvalue { ptr, i32 } %lp, 1
  %caught = icmp ne i32 %sel, 0
  br i1 %caught, label %catch, label %unwind
catch:
  %exn = extractvalue { ptr, i32 } %lp, 0
  %obj = call ptr @__cxa_begin_catch(ptr %exn) nounwind
  call void @__cxa_end_catch()
  ret i32 1
unwind:
  resume { ptr, i32 } %lp
}
; CHECK-LABEL: define i32 @catches() personality ptr @__gxx_personality_v0 {
; CHECK:         call void @__frugal_enter(ptr @frugal.rec.catches, ptr null)
; CHECK-NEXT:    invoke void @may_throw()
; CHECK-NEXT:            to label %ok unwind label %lpad
; CHECK:       ok:
; CHECK-NEXT:    call void @__frugal_exit(ptr @frugal.rec.catches, ptr null)
; CHECK-NEXT:    ret i32 0
; CHECK:       lpad:
; CHECK-NEXT:    %lp = landingpad { ptr, i32 }
; CHECK-NOT:     @__frugal_exit
; CHECK:       catch:
; CHECK:         %obj = call ptr @__cxa_begin_catch(ptr %exn)
; CHECK-NEXT:    invoke void @__cxa_end_catch()
; CHECK-NEXT:            to label %[[CONT:.*]] unwind label %frugal.unwind
; CHECK:       [[CONT]]:
; CHECK-NEXT:    call void @__frugal_exit(ptr @frugal.rec.catches, ptr null)
; CHECK-NEXT:    ret i32 1
; CHECK:       unwind:
; CHECK-NEXT:    call void @__frugal_exit(ptr @frugal.rec.catches, ptr null)
; CHECK-NEXT:    resume { ptr, i32 } %lp
; CHECK:       frugal.unwind:
; CHECK-NEXT:    landingpad { ptr, i32 }
; CHECK-NEXT:            cleanup
; CHECK-NEXT:    call void @__frugal_exit(ptr @frugal.rec.catches, ptr null)
; CHECK-NEXT:    resume { ptr, i32 } %{{.*}}
; CHECK-NEXT:  }

; A nounwind function cannot be left by an exception: no invokes, no pad,
; no personality.
define void @nothrow_fn() nounwind {
  call void @may_throw()
  ret void
}
; CHECK-LABEL: define void @nothrow_fn()
; CHECK-NOT:     personality
; CHECK-NEXT:    call void @__frugal_enter(ptr @frugal.rec.nothrow_fn, ptr null)
; CHECK-NEXT:    call void @may_throw()
; CHECK-NEXT:    call void @__frugal_exit(ptr @frugal.rec.nothrow_fn, ptr null)
; CHECK-NEXT:    ret void
; CHECK-NEXT:  }

; A function that may unwind but calls nothing that throws needs no pad.
define void @no_calls() {
  call void @llvm.donothing()
  ret void
}
; CHECK-LABEL: define void @no_calls() {
; CHECK-NOT:     invoke
; CHECK:         ret void
