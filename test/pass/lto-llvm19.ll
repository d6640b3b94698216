; REQUIRES: llvm-19
; LLVM 19 does not tell OptimizerLast callbacks the LTO phase. clang marks a
; full-LTO pre-link module with the module flag "ThinLTO" = 0: there the
; pass defers to the link like on later versions.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes='default<O2>' -S -o %t.ll %s 2>&1 | FileCheck %s --check-prefix=WARN
; RUN: FileCheck %s --check-prefix=DEFER < %t.ll
; WARN: frugal: warning: lto19.c: LTO pre-link compile; instrumentation is deferred to the LTO link, which must load the plugin (-fuse-ld=lld -Wl,--load-pass-plugin={{/.*}}FrugalPass.so; frugal-clang does this)
; DEFER-NOT: @__frugal_enter
; DEFER: @llvm.global_ctors = {{.*}} { i32 65535, ptr @frugal.lto_deferred_ctor, ptr null }]
; DEFER-NOT: @__frugal_enter
;
; The full-LTO link (FullLinkTimeOptimizationLast) instruments, flag or not.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes='lto<O2>' -S %s | FileCheck %s --check-prefix=LINK
; LINK: call void @__frugal_enter(ptr @frugal.rec.run, ptr null)
;
; ThinLTO pre-link cannot be told apart from an ordinary compile: it is
; instrumented, and the "frugal.instrumented" flag stops the backend from
; instrumenting again. (sed drops the two lines that carry the flag.)
; RUN: sed -e '/ThinLTO/d' %s \
; RUN:   | env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes='thinlto-pre-link<O2>' \
; RUN:   | env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes='thinlto<O2>' -S | FileCheck %s --check-prefix=THIN
; THIN-NOT: lto_deferred
; THIN-COUNT-1: call void @__frugal_enter(ptr {{(nonnull )?}}@frugal.rec.run, ptr null)
; THIN-NOT: call void @__frugal_enter

source_filename = "lto19.c"

declare void @sink(i32) nounwind

define void @run(i32 %n) nounwind {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  call void @sink(i32 %i)
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

!llvm.module.flags = !{!0} ; ThinLTO
!0 = !{i32 1, !"ThinLTO", i32 0}
