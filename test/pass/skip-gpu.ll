; Modules for GPU and other non-CPU targets are left unchanged: the runtime
; does not run there.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s --implicit-check-not=frugal
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -mtriple=nvptx-nvidia-cuda -passes=frugal-instrument -S %s \
; RUN:   | FileCheck %s --implicit-check-not=frugal
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -mtriple=amdgcn-amd-amdhsa -passes=frugal-instrument -S %s \
; RUN:   | FileCheck %s --implicit-check-not=frugal
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -mtriple=r600-- -passes=frugal-instrument -S %s \
; RUN:   | FileCheck %s --implicit-check-not=frugal
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -mtriple=spir64-unknown-unknown -passes=frugal-instrument -S %s \
; RUN:   | FileCheck %s --implicit-check-not=frugal
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -mtriple=spirv64-unknown-unknown -passes=frugal-instrument -S %s \
; RUN:   | FileCheck %s --implicit-check-not=frugal
; A CPU triple is instrumented, for contrast.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -mtriple=x86_64-unknown-linux-gnu -passes=frugal-instrument -S %s \
; RUN:   | FileCheck %s --check-prefix=CPU

target triple = "nvptx64-nvidia-cuda"

define void @kernel(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}
; CHECK-LABEL: define void @kernel(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    br label %loop

; CPU: call void @__frugal_enter(ptr @frugal.rec.kernel, ptr %{{[0-9a-z.]+}})
