; The plugin adds the pass to the standard pipelines at OptimizerLast, i.e.
; after inlining: at -O2 an inlined helper has no record of its own. The
; pass is required, so -O0 (optnone) functions are instrumented too.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes='default<O0>' -S %s | FileCheck %s --check-prefixes=CHECK,O0
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes='default<O2>' -S %s | FileCheck %s --check-prefixes=CHECK,O2
; Without the plugin nothing happens (the pass is not in LLVM itself).
; RUN: %opt -passes='default<O2>' -S %s | FileCheck %s --check-prefix=NONE
; NONE-NOT: frugal

; O0-DAG: @frugal.rec.helper = private global
; O2-NOT: @frugal.rec.helper =
; CHECK-DAG: @frugal.rec.run = private global
; CHECK-DAG: @frugal.rec.cold = private global
; The pass ran once.
; CHECK-DAG: appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 2, ptr @frugal.module_ctor, ptr null }]

declare void @sink(i32) nounwind

define internal void @helper(i32 %i) nounwind {
  call void @sink(i32 %i)
  ret void
}

define void @run(i32 %n) nounwind {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  call void @helper(i32 %i)
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}
; CHECK-LABEL: define void @run(
; CHECK:         call void @__frugal_enter(ptr @frugal.rec.run, ptr null)
; O0:            call void @helper(
; O2:            call void @sink(
; CHECK:         call void @__frugal_exit(ptr @frugal.rec.run, ptr null)

define void @cold() noinline optnone nounwind {
  call void @sink(i32 0)
  ret void
}
; CHECK-LABEL: define void @cold(
; CHECK-NEXT:    call void @__frugal_enter(ptr @frugal.rec.cold, ptr null)
