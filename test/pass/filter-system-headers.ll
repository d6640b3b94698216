; Functions defined in system headers (libstdc++'s loops, say) are filtered
; by default with reason SYSTEM_HEADER = 6, even with a loop or threshold 0;
; FRUGAL_INSTRUMENT_SYSTEM_HEADERS=1 (or an include regex) brings them back.
;
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s --check-prefix=DEFAULT
; DEFAULT-DAG: @frugal.rec._Z6enginev = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 6, i64 0 }
; DEFAULT-DAG: @frugal.rec._Z6kernelv = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 0, i64 0 }
; DEFAULT-DAG: @frugal.rec._Z5clangv = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 6, i64 0 }
; DEFAULT-NOT: call void @__frugal_enter(ptr @frugal.rec._Z6enginev
;
; RUN: env FRUGAL_INSTRUMENT_SYSTEM_HEADERS=1 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s --check-prefix=ON
; ON-DAG: @frugal.rec._Z6enginev = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 0, i64 0 }
; ON-DAG: c"threshold=200 system_headers=1\00"
;
; RUN: env FRUGAL_INSTRUMENT_INCLUDE=engine %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s --check-prefix=INC
; INC-DAG: @frugal.rec._Z6enginev = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 3, i64 0 }
;
; RUN: env FRUGAL_INSTRUMENT_SYSTEM_HEADERS=yes %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=WARN
; WARN: frugal: warning: FRUGAL_INSTRUMENT_SYSTEM_HEADERS='yes' is not 0 or 1; using the default system_headers=0

define void @_Z6enginev() nounwind !dbg !10 {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %n, %loop ]
  %n = add i32 %i, 1
  %c = icmp ult i32 %n, 10
  br i1 %c, label %loop, label %done
done:
  ret void
}

define void @_Z6kernelv() nounwind !dbg !20 {
  ret void
}

define void @_Z5clangv() nounwind !dbg !30 {
  ret void
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus_14, file: !1, producer: "hand-written", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "src/model.cpp", directory: "/proj")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !DISubroutineType(types: !{null})
!10 = distinct !DISubprogram(name: "engine", linkageName: "_Z6enginev", scope: !11, file: !11, line: 1, type: !3, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DIFile(filename: "/usr/include/c++/12/bits/random.tcc", directory: "/proj")
!20 = distinct !DISubprogram(name: "kernel", linkageName: "_Z6kernelv", scope: !1, file: !1, line: 1, type: !3, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
!30 = distinct !DISubprogram(name: "clang", linkageName: "_Z5clangv", scope: !31, file: !31, line: 1, type: !3, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
!31 = !DIFile(filename: "../lib/llvm-19/lib/clang/19/include/x.h", directory: "/usr/share")
