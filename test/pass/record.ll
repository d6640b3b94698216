; The record of each function: layout of struct frugal_func_record, section,
; comdat, names, source location and IR metrics measured before the hooks.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s
; Identical strings are emitted once.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s \
; RUN:   | grep -c 'c"rel/dir/../mod.c\\00"' | FileCheck %s --check-prefix=ONCE
; ONCE: 1

source_filename = "rel/dir/../mod.c"

$_Z3inlv = comdat any

; sum(int*, int): 20 instructions (the dbg.value not counted), 6 blocks,
; 3 loops nested 2 deep, 1 call (the intrinsic not counted), 48 bytes of
; static allocas (the dynamic one not counted), line 12 of src/sum.cpp.
; Flags 0, reason DEFAULT (0).
; CHECK:      @frugal.rec._Z3sumPii = private global { i32, i32, i32, i32, ptr, ptr, ptr, ptr, i32, i32, i32, i32, i32, i32, i64 }
; CHECK-SAME: { i32 1, i32 0, i32 0, i32 12,
; CHECK-SAME: ptr [[SUM_LINK:@frugal.str[.0-9]*]], ptr [[SUM_NAME:@frugal.str[.0-9]*]],
; CHECK-SAME: ptr [[SUM_FILE:@frugal.str[.0-9]*]], ptr [[SUM_RES:@frugal.str[.0-9]*]],
; CHECK-SAME: i32 20, i32 6, i32 3, i32 2, i32 1, i32 0, i64 48 },
; CHECK-SAME: section "frugal_funcs", align 8
; CHECK-DAG:  [[SUM_LINK]] = private unnamed_addr constant [10 x i8] c"_Z3sumPii\00", align 1
; CHECK-DAG:  [[SUM_NAME]] = private unnamed_addr constant [15 x i8] c"sum(int*, int)\00", align 1
; CHECK-DAG:  [[SUM_FILE]] = private unnamed_addr constant [12 x i8] c"src/sum.cpp\00", align 1
; CHECK-DAG:  [[SUM_RES]] = private unnamed_addr constant [23 x i8] c"/work/proj/src/sum.cpp\00", align 1

; A ThinLTO-promoted local: the .llvm.<digits> suffix is not part of its
; name. No debug info: the module's source file, resolved against the
; working directory, and line 0.
; CHECK:      @frugal.rec._ZL6helperv.llvm.1234567 = private global {{.*}} { i32 1, i32 0, i32 0, i32 0,
; CHECK-SAME: ptr [[HELPER_LINK:@frugal.str[.0-9]*]], ptr [[HELPER_NAME:@frugal.str[.0-9]*]],
; CHECK-SAME: ptr [[MOD_FILE:@frugal.str[.0-9]*]], ptr [[MOD_RES:@frugal.str[.0-9]*]],
; CHECK-DAG:  [[HELPER_LINK]] = private unnamed_addr constant [12 x i8] c"_ZL6helperv\00"
; CHECK-DAG:  [[HELPER_NAME]] = private unnamed_addr constant [9 x i8] c"helper()\00"
; CHECK-DAG:  [[MOD_FILE]] = private unnamed_addr constant [17 x i8] c"rel/dir/../mod.c\00"
; CHECK-DAG:  [[MOD_RES]] = private unnamed_addr constant {{.*}} c"/{{.*}}/rel/mod.c\00"

; A comdat function's record is in its comdat, so that the linker drops it
; with a discarded duplicate. An absolute DIFile name ignores the directory.
; CHECK:      @frugal.rec._Z3inlv = private global {{.*}} { i32 1, i32 0, i32 0, i32 3,
; CHECK-SAME: ptr [[INL_LINK:@frugal.str[.0-9]*]], ptr [[INL_NAME:@frugal.str[.0-9]*]],
; CHECK-SAME: ptr [[INL_FILE:@frugal.str[.0-9]*]], ptr [[INL_RES:@frugal.str[.0-9]*]],
; CHECK-SAME: section "frugal_funcs", comdat($_Z3inlv), align 8
; CHECK-DAG:  [[INL_NAME]] = private unnamed_addr constant [6 x i8] c"inl()\00"
; CHECK-DAG:  [[INL_FILE]] = private unnamed_addr constant [13 x i8] c"/abs/x/./y.h\00"
; CHECK-DAG:  [[INL_RES]] = private unnamed_addr constant [11 x i8] c"/abs/x/y.h\00"

; Records are kept (filtered ones are referenced by nothing else).
; CHECK: @llvm.compiler.used = appending global [3 x ptr] [ptr @frugal.rec._Z3sumPii, ptr @frugal.rec._ZL6helperv.llvm.1234567, ptr @frugal.rec._Z3inlv], section "llvm.metadata"

declare void @ext(ptr) nounwind
declare void @llvm.assume(i1)
declare void @llvm.dbg.value(metadata, metadata, metadata)

define i32 @_Z3sumPii(ptr %p, i32 %n) nounwind !dbg !10 {
entry:
  %buf = alloca [10 x i32], align 4
  %tmp = alloca i64, align 8
  %dyn = alloca i32, i32 %n, align 4
  call void @llvm.dbg.value(metadata i32 %n, metadata !15, metadata !DIExpression()), !dbg !16
  br label %outer
outer:
  %i = phi i32 [ 0, %entry ], [ %i.next, %outer.latch ]
  br label %inner
inner:
  %j = phi i32 [ 0, %outer ], [ %j.next, %inner ]
  %j.next = add i32 %j, 1
  %ci = icmp slt i32 %j.next, %n
  br i1 %ci, label %inner, label %outer.latch
outer.latch:
  %i.next = add i32 %i, 1
  %co = icmp slt i32 %i.next, %n
  br i1 %co, label %outer, label %second
second:
  %k = phi i32 [ 0, %outer.latch ], [ %k.next, %second ]
  %k.next = add i32 %k, 1
  %cs = icmp slt i32 %k.next, %n
  br i1 %cs, label %second, label %exit
exit:
  call void @ext(ptr %buf)
  call void @llvm.assume(i1 true)
  ret i32 %k.next, !dbg !17
}
; The entry hook follows the static allocas and is attributed to the scope
; line; an exit hook is attributed to its ret.
; CHECK-LABEL: define i32 @_Z3sumPii(
; CHECK:         %tmp = alloca i64
; CHECK-NEXT:    call void @__frugal_enter(ptr @frugal.rec._Z3sumPii, ptr null){{.*}}, !dbg [[ENTRY_LOC:![0-9]+]]
; CHECK-NEXT:    %dyn = alloca i32, i32 %n
; CHECK:         call void @__frugal_exit(ptr @frugal.rec._Z3sumPii, ptr null){{.*}}, !dbg [[RET_LOC:![0-9]+]]
; CHECK-NEXT:    ret i32 %k.next, !dbg [[RET_LOC]]

define internal i32 @_ZL6helperv.llvm.1234567() nounwind {
  ret i32 0
}

define linkonce_odr i32 @_Z3inlv() nounwind comdat !dbg !20 {
  ret i32 1
}

; CHECK: [[ENTRY_LOC]] = !DILocation(line: 13, scope: ![[SP:[0-9]+]])
; CHECK: [[RET_LOC]] = !DILocation(line: 20, scope: ![[SP]])

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus_14, file: !1, producer: "hand-written", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "src/sum.cpp", directory: "/work/proj/build/..")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!10 = distinct !DISubprogram(name: "sum", linkageName: "_Z3sumPii", scope: !1, file: !1, line: 12, type: !11, scopeLine: 13, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DISubroutineType(types: !{!12, null, !12})
!12 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!15 = !DILocalVariable(name: "n", arg: 2, scope: !10, file: !1, line: 12, type: !12)
!16 = !DILocation(line: 12, scope: !10)
!17 = !DILocation(line: 20, scope: !10)
!20 = distinct !DISubprogram(name: "inl", linkageName: "_Z3inlv", scope: !21, file: !21, line: 3, type: !22, scopeLine: 3, spFlags: DISPFlagDefinition, unit: !0)
!21 = !DIFile(filename: "/abs/x/./y.h", directory: "/ignored")
!22 = !DISubroutineType(types: !{!12})
