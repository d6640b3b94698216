; Include/exclude regexes: on the demangled name (FRUGAL_INSTRUMENT_INCLUDE,
; FRUGAL_INSTRUMENT_EXCLUDE) and on the absolute source path (..._FILE).
; Exclude wins over include; both win over the size threshold. Reasons:
; INCLUDE_REGEX = 3, EXCLUDE_REGEX = 4, THRESHOLD = 5, DEFAULT = 0.
;
; RUN: env FRUGAL_INSTRUMENT_INCLUDE='^solve\(' %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s --check-prefix=INC
; INC-DAG: @frugal.rec._Z5solvev = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 3, i64 0 }
; INC-DAG: @frugal.rec._Z5parsePKc = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 5, i64 0 }
; INC-DAG: @frugal.rec._Z6helperv = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 5, i64 0 }
; INC-DAG: c"threshold=200 include=^solve\\(\00"
; INC-LABEL: define void @_Z5solvev()
; INC-NEXT:    call void @__frugal_enter(ptr @frugal.rec._Z5solvev, ptr null)
; INC-LABEL: define void @_Z5parsePKc(
; INC-NEXT:    ret void

; The name matched is the demangled one.
; RUN: env FRUGAL_INSTRUMENT_INCLUDE='parse\(char const\*\)' %opt \
; RUN:   -load-pass-plugin=%plugin -passes=frugal-instrument -S %s \
; RUN:   | FileCheck %s --check-prefix=DEMANGLED
; DEMANGLED-DAG: @frugal.rec._Z5solvev = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 5, i64 0 }
; DEMANGLED-DAG: @frugal.rec._Z5parsePKc = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 3, i64 0 }

; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 FRUGAL_INSTRUMENT_EXCLUDE_FILE=/third_party/ \
; RUN:   %opt -load-pass-plugin=%plugin -passes=frugal-instrument -S %s \
; RUN:   | FileCheck %s --check-prefix=EXFILE
; EXFILE-DAG: @frugal.rec._Z5solvev = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 0, i64 0 }
; EXFILE-DAG: @frugal.rec._Z5parsePKc = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 4, i64 0 }
; EXFILE-DAG: c"threshold=0 exclude_file=/third_party/\00"
; EXFILE-LABEL: define void @_Z5parsePKc(
; EXFILE-NEXT:    ret void

; The path matched is the resolved one ("src/../src" is gone).
; RUN: env FRUGAL_INSTRUMENT_INCLUDE_FILE='^/proj/src/[a-z]+\.cpp$' %opt \
; RUN:   -load-pass-plugin=%plugin -passes=frugal-instrument -S %s \
; RUN:   | FileCheck %s --check-prefix=INFILE
; INFILE-DAG: @frugal.rec._Z5solvev = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 3, i64 0 }
; INFILE-DAG: @frugal.rec._Z6helperv = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 3, i64 0 }
; INFILE-DAG: @frugal.rec._Z5parsePKc = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 5, i64 0 }

; RUN: env FRUGAL_INSTRUMENT_INCLUDE='solve|parse' FRUGAL_INSTRUMENT_EXCLUDE=parse \
; RUN:   %opt -load-pass-plugin=%plugin -passes=frugal-instrument -S %s \
; RUN:   | FileCheck %s --check-prefix=BOTH
; BOTH-DAG: @frugal.rec._Z5solvev = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 3, i64 0 }
; BOTH-DAG: @frugal.rec._Z5parsePKc = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 4, i64 0 }
; BOTH-DAG: c"threshold=200 include=solve|parse exclude=parse\00"

define void @_Z5solvev() nounwind !dbg !10 {
  ret void
}

define void @_Z5parsePKc(ptr %s) nounwind !dbg !20 {
  ret void
}

define void @_Z6helperv() nounwind !dbg !30 {
  ret void
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus_14, file: !1, producer: "hand-written", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "src/solver.cpp", directory: "/proj")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !DISubroutineType(types: !{null})
!10 = distinct !DISubprogram(name: "solve", linkageName: "_Z5solvev", scope: !1, file: !1, line: 1, type: !3, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
!20 = distinct !DISubprogram(name: "parse", linkageName: "_Z5parsePKc", scope: !21, file: !21, line: 1, type: !3, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
!21 = !DIFile(filename: "third_party/json.h", directory: "/proj")
!30 = distinct !DISubprogram(name: "helper", linkageName: "_Z6helperv", scope: !31, file: !31, line: 1, type: !3, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
!31 = !DIFile(filename: "src/../src/util.cpp", directory: "/proj")
