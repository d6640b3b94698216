; REQUIRES: lto-phase
; With LTO the pass runs at the link, after cross-module inlining. In the
; pre-link compile it only warns and leaves a constructor that reports the
; module to the runtime if the link does not run the pass.
;
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes='thinlto-pre-link<O2>' -S -o %t.thin.ll %s 2>&1 \
; RUN:   | FileCheck %s --check-prefix=WARN
; RUN: FileCheck %s --check-prefix=DEFER < %t.thin.ll
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes='lto-pre-link<O2>' -S -o %t.full.ll %s 2>&1 \
; RUN:   | FileCheck %s --check-prefix=WARN
; RUN: FileCheck %s --check-prefix=DEFER < %t.full.ll
; WARN: frugal: warning: lto.c: LTO pre-link compile; instrumentation is deferred to the LTO link, which must load the plugin (-fuse-ld=lld -Wl,--load-pass-plugin={{/.*}}FrugalPass.so; frugal-clang does this)
;
; FRUGAL_LTO_QUIET=1 (set by frugal-clang, which loads the plugin at the
; link itself) silences the warning but still emits the constructor.
; RUN: env FRUGAL_LTO_QUIET=1 %opt -load-pass-plugin=%plugin \
; RUN:   -passes='lto-pre-link<O2>' -S -o %t.quiet.ll %s 2>&1 \
; RUN:   | FileCheck %s --check-prefix=QUIET --allow-empty
; RUN: FileCheck %s --check-prefix=DEFER < %t.quiet.ll
; QUIET-NOT: warning
;
; DEFER-NOT: @frugal.rec
; DEFER-DAG: @llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @frugal.lto_deferred_ctor, ptr null }]
; DEFER-DAG: [[SRC:@frugal.str[.0-9]*]] = private unnamed_addr constant [6 x i8] c"lto.c\00"
; DEFER-NOT: @__frugal_enter
; Weak: a program linked without the runtime still loads.
; DEFER:       declare extern_weak void @__frugal_lto_deferred(ptr)
; DEFER-LABEL: define internal void @frugal.lto_deferred_ctor()
; DEFER-NEXT:  entry:
; DEFER-NEXT:    %[[LINKED:.*]] = icmp ne ptr @__frugal_lto_deferred, null
; DEFER-NEXT:    br i1 %[[LINKED]], label %report, label %done
; DEFER:       report:
; DEFER-NEXT:    call void @__frugal_lto_deferred(ptr [[SRC]])
; DEFER-NOT: frugal.instrumented
;
; The link pipelines instrument.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes='thinlto<O2>' -S %s | FileCheck %s --check-prefix=LINK
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes='lto<O2>' -S %s | FileCheck %s --check-prefix=LINK
; LINK: @frugal.rec.run = private global
; LINK: call void @__frugal_enter(ptr @frugal.rec.run, ptr null)
;
; Pre-link then link: instrumented once, and the reporting constructor is
; emptied (later link passes may then drop it altogether).
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 FRUGAL_LTO_QUIET=1 %opt \
; RUN:   -load-pass-plugin=%plugin -passes='lto-pre-link<O2>' %s \
; RUN:   | env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes='lto<O2>' -S | FileCheck %s --check-prefix=BOTH
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 FRUGAL_LTO_QUIET=1 %opt \
; RUN:   -load-pass-plugin=%plugin -passes='thinlto-pre-link<O2>' %s \
; RUN:   | env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes='thinlto<O2>' -S | FileCheck %s --check-prefix=BOTH
; The reporting constructor's string is gone; frugal_module_info has its own.
; BOTH-COUNT-1: c"lto.c\00"
; BOTH-NOT: c"lto.c\00"
; BOTH: @llvm.global_ctors = {{.*}} { i32 2, ptr @frugal.module_ctor, ptr null }]
; BOTH-NOT: call void @__frugal_lto_deferred
; BOTH: call void @__frugal_enter(ptr @frugal.rec.run, ptr null)
; BOTH-NOT: call void @__frugal_lto_deferred
;
; The ThinLTO backend at -O0 has no extension point, so an -O0 ThinLTO
; pre-link instruments at once (nothing is inlined at -O0 anyway).
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes='thinlto-pre-link<O0>' -S %s 2>&1 | FileCheck %s --check-prefix=THIN-O0
; THIN-O0-NOT: warning
; THIN-O0-NOT: lto_deferred
; THIN-O0: call void @__frugal_enter(ptr @frugal.rec.run, ptr null)
; The full-LTO link at -O0 does run the pass, so -O0 full LTO still defers.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 FRUGAL_LTO_QUIET=1 %opt \
; RUN:   -load-pass-plugin=%plugin -passes='lto-pre-link<O0>' -S %s \
; RUN:   | FileCheck %s --check-prefix=DEFER
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes='lto<O0>' -S %s | FileCheck %s --check-prefix=LINK

source_filename = "lto.c"

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
