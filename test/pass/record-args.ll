; Argument recording (FRUGAL_RECORD_ARGS=1 or record_args in the config
; file): each instrumented function gets a frugal_args_desc naming its
; integer parameters from debug info, functions with any call
; __frugal_enter_args with their values widened to i64, and the module
; constructor registers the descriptors. Off, nothing of it is emitted.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 FRUGAL_RECORD_ARGS=1 %opt \
; RUN:   -load-pass-plugin=%plugin -passes=frugal-instrument -S %s | FileCheck %s
; RUN: rm -rf %t && mkdir -p %t && printf 'threshold = 0\nrecord_args = 1\n' > %t/cfg
; RUN: env FRUGAL_INSTRUMENT_CONFIG=%t/cfg %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s --check-prefix=OFF
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 FRUGAL_RECORD_ARGS=0 %opt \
; RUN:   -load-pass-plugin=%plugin -passes=frugal-instrument -S %s \
; RUN:   | FileCheck %s --check-prefix=OFF
; A bad value warns and leaves recording off.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 FRUGAL_RECORD_ARGS=yes %opt \
; RUN:   -load-pass-plugin=%plugin -passes=frugal-instrument -S %s 2>%t/warn \
; RUN:   | FileCheck %s --check-prefix=OFF
; RUN: FileCheck %s --check-prefix=WARN < %t/warn
; WARN: frugal: warning: FRUGAL_RECORD_ARGS='yes' is not 0 or 1; using the default record_args=0

; OFF-NOT: frugal_args
; OFF-NOT: frugal.args
; OFF-NOT: __frugal_enter_args
; OFF-NOT: __frugal_register_args
; OFF-NOT: record_args

source_filename = "args.cpp"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

$_Z3inlj = comdat any

; mm(float *c, int m, uint n, long k, bool flag, double d, Mode mode,
;    signed char ch): the pointer, the bool and the double are not recorded;
; uint is a typedef of unsigned int (zero-extended), Mode an enum on short.
; CHECK-DAG: @frugal.argnames.mm = private unnamed_addr constant [5 x ptr] [ptr [[M:@frugal.str[.0-9]*]], ptr [[N:@frugal.str[.0-9]*]], ptr [[K:@frugal.str[.0-9]*]], ptr [[MODE:@frugal.str[.0-9]*]], ptr [[CH:@frugal.str[.0-9]*]]]
; CHECK-DAG: @frugal.args.mm = private global { i32, i32, ptr, ptr, ptr, ptr } { i32 1, i32 5, ptr @frugal.rec.mm, ptr @frugal.argnames.mm, ptr [[EMPTY:@frugal.str[.0-9]*]], ptr null }, section "frugal_args", align 8
; CHECK-DAG: [[M]] = private unnamed_addr constant [2 x i8] c"m\00"
; CHECK-DAG: [[N]] = private unnamed_addr constant [2 x i8] c"n\00"
; CHECK-DAG: [[K]] = private unnamed_addr constant [2 x i8] c"k\00"
; CHECK-DAG: [[MODE]] = private unnamed_addr constant [5 x i8] c"mode\00"
; CHECK-DAG: [[CH]] = private unnamed_addr constant [3 x i8] c"ch\00"
; CHECK-DAG: [[EMPTY]] = private unnamed_addr constant [1 x i8] zeroinitializer

; K::get(int x): `this` is not recorded.
; CHECK-DAG: @frugal.argnames._ZN1K3getEi = private unnamed_addr constant [1 x ptr] [ptr [[X:@frugal.str[.0-9]*]]]
; CHECK-DAG: @frugal.args._ZN1K3getEi = private global {{.*}} { i32 1, i32 1, ptr @frugal.rec._ZN1K3getEi, ptr @frugal.argnames._ZN1K3getEi, ptr [[EMPTY]], ptr null }
; CHECK-DAG: [[X]] = private unnamed_addr constant [2 x i8] c"x\00"

; No integer parameter: a descriptor without names and without a note.
; CHECK-DAG: @frugal.args.floats = private global {{.*}} { i32 1, i32 0, ptr @frugal.rec.floats, ptr null, ptr [[EMPTY]], ptr null }, section "frugal_args"

; b has no location (optimised out); c's first location is computed.
; CHECK-DAG: @frugal.args.optout = private global {{.*}} { i32 1, i32 1, ptr @frugal.rec.optout, ptr @frugal.argnames.optout, ptr [[OPTOUT:@frugal.str[.0-9]*]], ptr null }
; CHECK-DAG: [[OPTOUT]] = private unnamed_addr constant {{.*}} c"not recorded: b (optimised out), c (optimised out)\00"

; -O0: the parameter is stored to an alloca that a declare describes.
; CHECK-DAG: @frugal.args.o0style = private global {{.*}} { i32 1, i32 1, ptr @frugal.rec.o0style, ptr @frugal.argnames.o0style,

; An inlined callee's parameter is not the function's own.
; CHECK-DAG: @frugal.argnames.inlined = private unnamed_addr constant [1 x ptr] [ptr [[A:@frugal.str[.0-9]*]]]
; CHECK-DAG: [[A]] = private unnamed_addr constant [2 x i8] c"a\00"

; Without debug info, or with line tables only, there are no names.
; CHECK-DAG: @frugal.args.nodebug = private global {{.*}} { i32 1, i32 0, ptr @frugal.rec.nodebug, ptr null, ptr [[NODEBUG:@frugal.str[.0-9]*]], ptr null }
; CHECK-DAG: [[NODEBUG]] = private unnamed_addr constant {{.*}} c"no debug info for parameters: compile with -g\00"
; CHECK-DAG: @frugal.args.linesonly = private global {{.*}} { i32 1, i32 0, ptr @frugal.rec.linesonly, ptr null, ptr [[NODEBUG]], ptr null }
; CHECK-DAG: @frugal.args.nodebugptr = private global {{.*}} { i32 1, i32 0, ptr @frugal.rec.nodebugptr, ptr null, ptr [[EMPTY]], ptr null }

; 128 bits do not fit the hook's int64.
; CHECK-DAG: @frugal.args.wide = private global {{.*}} { i32 1, i32 0, ptr @frugal.rec.wide, ptr null, ptr [[WIDE:@frugal.str[.0-9]*]], ptr null }
; CHECK-DAG: [[WIDE]] = private unnamed_addr constant {{.*}} c"not recorded: w (wider than 64 bits)\00"

; A comdat function's descriptor is in its comdat.
; CHECK-DAG: @frugal.args._Z3inlj = private global {{.*}} section "frugal_args", comdat($_Z3inlj), align 8
; CHECK-DAG: @frugal.argnames._Z3inlj = private unnamed_addr constant [1 x ptr] [ptr @{{.*}}], comdat($_Z3inlj)

; The descriptors are kept, after the records, and registered after them.
; CHECK-DAG: @__start_frugal_args = extern_weak hidden global { i32, i32, ptr, ptr, ptr, ptr }
; CHECK-DAG: @__stop_frugal_args = extern_weak hidden global { i32, i32, ptr, ptr, ptr, ptr }
; CHECK-DAG: @llvm.compiler.used = appending global [24 x ptr] [ptr @frugal.rec.mm, {{.*}}, ptr @frugal.rec._Z3inlj, ptr @frugal.args.mm, {{.*}}, ptr @frugal.args._Z3inlj]
; CHECK-DAG: c"threshold=0 record_args=1\00"

declare void @sink(i64) nounwind
declare void @llvm.dbg.value(metadata, metadata, metadata)
declare void @llvm.dbg.declare(metadata, metadata, metadata)
declare void @llvm.dbg.assign(metadata, metadata, metadata, metadata, metadata, metadata)
declare void @escape(ptr) nounwind

; CHECK-LABEL: define void @mm(
; CHECK-NEXT:  [[VALUES:%.*]] = alloca [5 x i64], align 8
; CHECK:       [[FRAME:%.*]] = call ptr @llvm.addressofreturnaddress.p0()
; CHECK-NEXT:  [[W0:%.*]] = sext i32 %m to i64
; CHECK-NEXT:  [[P0:%.*]] = getelementptr inbounds [5 x i64], ptr [[VALUES]], i64 0, i64 0
; CHECK-NEXT:  store i64 [[W0]], ptr [[P0]], align 8
; CHECK-NEXT:  [[W1:%.*]] = zext i32 %n to i64
; CHECK-NEXT:  [[P1:%.*]] = getelementptr inbounds [5 x i64], ptr [[VALUES]], i64 0, i64 1
; CHECK-NEXT:  store i64 [[W1]], ptr [[P1]], align 8
; CHECK-NEXT:  [[P2:%.*]] = getelementptr inbounds [5 x i64], ptr [[VALUES]], i64 0, i64 2
; CHECK-NEXT:  store i64 %k, ptr [[P2]], align 8
; CHECK-NEXT:  [[W3:%.*]] = sext i16 %mode to i64
; CHECK:       store i64 [[W3]]
; CHECK-NEXT:  [[W4:%.*]] = sext i8 %ch to i64
; CHECK:       store i64 [[W4]]
; CHECK-NEXT:  call void @__frugal_enter_args(ptr @frugal.rec.mm, ptr [[FRAME]], ptr @frugal.args.mm, ptr [[VALUES]])
; CHECK:       call void @__frugal_exit(ptr @frugal.rec.mm, ptr [[FRAME]])
define void @mm(ptr %c, i32 %m, i32 %n, i64 %k, i1 zeroext %flag, double %d, i16 signext %mode, i8 signext %ch) !dbg !10 {
  call void @llvm.dbg.value(metadata ptr %c, metadata !20, metadata !DIExpression()), !dbg !30
  call void @llvm.dbg.value(metadata i32 %m, metadata !21, metadata !DIExpression()), !dbg !30
  call void @llvm.dbg.value(metadata i32 %n, metadata !22, metadata !DIExpression()), !dbg !30
  call void @llvm.dbg.value(metadata i64 %k, metadata !23, metadata !DIExpression()), !dbg !30
  call void @llvm.dbg.value(metadata i1 %flag, metadata !24, metadata !DIExpression()), !dbg !30
  call void @llvm.dbg.value(metadata double %d, metadata !25, metadata !DIExpression()), !dbg !30
  call void @llvm.dbg.value(metadata i16 %mode, metadata !26, metadata !DIExpression()), !dbg !30
  call void @llvm.dbg.value(metadata i8 %ch, metadata !27, metadata !DIExpression()), !dbg !30
  call void @sink(i64 %k)
  ret void
}

; CHECK-LABEL: define i32 @_ZN1K3getEi(
; CHECK:       sext i32 %x to i64
; CHECK:       call void @__frugal_enter_args(ptr @frugal.rec._ZN1K3getEi,
define i32 @_ZN1K3getEi(ptr %this, i32 %x) !dbg !40 {
  call void @llvm.dbg.value(metadata ptr %this, metadata !41, metadata !DIExpression()), !dbg !44
  call void @llvm.dbg.value(metadata i32 %x, metadata !43, metadata !DIExpression()), !dbg !44
  ret i32 %x
}

; Nothing to record: the plain hook.
; CHECK-LABEL: define void @floats(
; CHECK-NOT:   alloca
; CHECK:       call void @__frugal_enter(ptr @frugal.rec.floats,
define void @floats(ptr %p, float %f) !dbg !50 {
  call void @llvm.dbg.value(metadata ptr %p, metadata !51, metadata !DIExpression()), !dbg !53
  ret void
}

; a's first location in the entry block is its argument; a later one (the
; function assigned b to it) does not count.
; CHECK-LABEL: define void @optout(
; CHECK:       sext i32 %a to i64
; CHECK-NOT:   %b to i64
; CHECK:       call void @__frugal_enter_args(ptr @frugal.rec.optout,
define void @optout(i32 %a, i32 %b, i32 %c) !dbg !60 {
  call void @llvm.dbg.value(metadata i32 %a, metadata !61, metadata !DIExpression()), !dbg !65
  call void @llvm.dbg.value(metadata i32 %c, metadata !63, metadata !DIExpression(DW_OP_plus_uconst, 1, DW_OP_stack_value)), !dbg !65
  call void @sink(i64 0)
  call void @llvm.dbg.value(metadata i32 %b, metadata !61, metadata !DIExpression()), !dbg !65
  ret void
}

; CHECK-LABEL: define void @o0style(
; CHECK:       sext i16 %s to i64
; CHECK:       call void @__frugal_enter_args(ptr @frugal.rec.o0style,
define void @o0style(i16 %s) !dbg !70 {
  %s.addr = alloca i16, align 2
  store i16 %s, ptr %s.addr, align 2
  call void @llvm.dbg.declare(metadata ptr %s.addr, metadata !71, metadata !DIExpression()), !dbg !73
  ret void
}

; q belongs to the inlined callee (its location has inlinedAt).
; CHECK-LABEL: define void @inlined(
; CHECK:       alloca [1 x i64]
; CHECK:       call void @__frugal_enter_args(ptr @frugal.rec.inlined,
define void @inlined(i32 %a) !dbg !80 {
  call void @llvm.dbg.value(metadata i32 %a, metadata !85, metadata !DIExpression()), !dbg !88
  call void @llvm.dbg.value(metadata i32 %a, metadata !81, metadata !DIExpression()), !dbg !87
  ret void
}

; Optimised code tracks a parameter whose address is taken with
; dbg_assign: first undefined (the alloca), then the stored argument.
; CHECK-LABEL: define void @escaped(
; CHECK:       sext i32 %x to i64
; CHECK:       call void @__frugal_enter_args(ptr @frugal.rec.escaped,
define void @escaped(i32 %x) !dbg !120 {
  %x.addr = alloca i32, align 4, !DIAssignID !123
  call void @llvm.dbg.assign(metadata i1 undef, metadata !121, metadata !DIExpression(), metadata !123, metadata ptr %x.addr, metadata !DIExpression()), !dbg !122
  store i32 %x, ptr %x.addr, align 4, !DIAssignID !124
  call void @llvm.dbg.assign(metadata i32 %x, metadata !121, metadata !DIExpression(), metadata !124, metadata ptr %x.addr, metadata !DIExpression()), !dbg !122
  call void @escape(ptr %x.addr)
  ret void
}

; CHECK-LABEL: define void @nodebug(
; CHECK:       call void @__frugal_enter(ptr @frugal.rec.nodebug,
define void @nodebug(i32 %x) {
  ret void
}

define void @nodebugptr(ptr %p) {
  ret void
}

define void @linesonly(i32 %x) !dbg !95 {
  ret void
}

define void @wide(i128 %w) !dbg !100 {
  call void @llvm.dbg.value(metadata i128 %w, metadata !101, metadata !DIExpression()), !dbg !103
  ret void
}

; CHECK-LABEL: define linkonce_odr void @_Z3inlj(
; CHECK:       zext i32 %u to i64
define linkonce_odr void @_Z3inlj(i32 %u) comdat !dbg !110 {
  call void @llvm.dbg.value(metadata i32 %u, metadata !111, metadata !DIExpression()), !dbg !112
  ret void
}

; CHECK-LABEL: define internal void @frugal.module_ctor()
; CHECK-NEXT:  call void @__frugal_register_module(
; CHECK-NEXT:  call void @__frugal_register_args(ptr @__start_frugal_args, ptr @__stop_frugal_args)
; CHECK-NEXT:  ret void

!llvm.dbg.cu = !{!0, !90}
!llvm.module.flags = !{!1}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus_14, file: !2, isOptimized: true, emissionKind: FullDebug)
!1 = !{i32 2, !"Debug Info Version", i32 3}
!2 = !DIFile(filename: "args.cpp", directory: "/work")
!3 = !DISubroutineType(types: !{null})
!4 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!5 = !DIDerivedType(tag: DW_TAG_typedef, name: "uint", file: !2, line: 1, baseType: !6)
!6 = !DIBasicType(name: "unsigned int", size: 32, encoding: DW_ATE_unsigned)
!7 = !DIBasicType(name: "long", size: 64, encoding: DW_ATE_signed)
!8 = !DIBasicType(name: "bool", size: 8, encoding: DW_ATE_boolean)
!9 = !DIBasicType(name: "double", size: 64, encoding: DW_ATE_float)
!11 = !DICompositeType(tag: DW_TAG_enumeration_type, name: "Mode", file: !2, line: 2, baseType: !12, size: 16)
!12 = !DIBasicType(name: "short", size: 16, encoding: DW_ATE_signed)
!13 = !DIBasicType(name: "signed char", size: 8, encoding: DW_ATE_signed_char)
!14 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !9, size: 64)
!15 = !DIDerivedType(tag: DW_TAG_const_type, baseType: !5)
!16 = !DIBasicType(name: "float", size: 32, encoding: DW_ATE_float)

!10 = distinct !DISubprogram(name: "mm", scope: !2, file: !2, line: 6, type: !3, unit: !0, spFlags: DISPFlagDefinition | DISPFlagOptimized)
!20 = !DILocalVariable(name: "c", arg: 1, scope: !10, file: !2, line: 6, type: !14)
!21 = !DILocalVariable(name: "m", arg: 2, scope: !10, file: !2, line: 6, type: !4)
!22 = !DILocalVariable(name: "n", arg: 3, scope: !10, file: !2, line: 6, type: !15)
!23 = !DILocalVariable(name: "k", arg: 4, scope: !10, file: !2, line: 6, type: !7)
!24 = !DILocalVariable(name: "flag", arg: 5, scope: !10, file: !2, line: 6, type: !8)
!25 = !DILocalVariable(name: "d", arg: 6, scope: !10, file: !2, line: 6, type: !9)
!26 = !DILocalVariable(name: "mode", arg: 7, scope: !10, file: !2, line: 6, type: !11)
!27 = !DILocalVariable(name: "ch", arg: 8, scope: !10, file: !2, line: 6, type: !13)
!30 = !DILocation(line: 0, scope: !10)

!40 = distinct !DISubprogram(name: "get", linkageName: "_ZN1K3getEi", scope: !2, file: !2, line: 9, type: !3, unit: !0, spFlags: DISPFlagDefinition | DISPFlagOptimized)
!41 = !DILocalVariable(name: "this", arg: 1, scope: !40, type: !42, flags: DIFlagArtificial | DIFlagObjectPointer)
!42 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !4, size: 64)
!43 = !DILocalVariable(name: "x", arg: 2, scope: !40, file: !2, line: 9, type: !4)
!44 = !DILocation(line: 0, scope: !40)

!50 = distinct !DISubprogram(name: "floats", scope: !2, file: !2, line: 12, type: !3, unit: !0, spFlags: DISPFlagDefinition | DISPFlagOptimized)
!51 = !DILocalVariable(name: "p", arg: 1, scope: !50, file: !2, line: 12, type: !14)
!52 = !DILocalVariable(name: "f", arg: 2, scope: !50, file: !2, line: 12, type: !16)
!53 = !DILocation(line: 0, scope: !50)

!60 = distinct !DISubprogram(name: "optout", scope: !2, file: !2, line: 14, type: !3, unit: !0, spFlags: DISPFlagDefinition | DISPFlagOptimized, retainedNodes: !64)
!61 = !DILocalVariable(name: "a", arg: 1, scope: !60, file: !2, line: 14, type: !4)
!62 = !DILocalVariable(name: "b", arg: 2, scope: !60, file: !2, line: 14, type: !4)
!63 = !DILocalVariable(name: "c", arg: 3, scope: !60, file: !2, line: 14, type: !4)
!64 = !{!61, !62, !63}
!65 = !DILocation(line: 0, scope: !60)

!70 = distinct !DISubprogram(name: "o0style", scope: !2, file: !2, line: 16, type: !3, unit: !0, spFlags: DISPFlagDefinition)
!71 = !DILocalVariable(name: "s", arg: 1, scope: !70, file: !2, line: 16, type: !12)
!73 = !DILocation(line: 16, scope: !70)

!80 = distinct !DISubprogram(name: "inlined", scope: !2, file: !2, line: 18, type: !3, unit: !0, spFlags: DISPFlagDefinition | DISPFlagOptimized)
!81 = !DILocalVariable(name: "a", arg: 1, scope: !80, file: !2, line: 18, type: !4)
!84 = distinct !DISubprogram(name: "callee", scope: !2, file: !2, line: 17, type: !3, unit: !0, spFlags: DISPFlagDefinition | DISPFlagOptimized)
!85 = !DILocalVariable(name: "q", arg: 1, scope: !84, file: !2, line: 17, type: !4)
!87 = !DILocation(line: 0, scope: !80)
!88 = !DILocation(line: 0, scope: !84, inlinedAt: !89)
!89 = distinct !DILocation(line: 19, scope: !80)

!90 = distinct !DICompileUnit(language: DW_LANG_C99, file: !2, isOptimized: true, emissionKind: LineTablesOnly)
!95 = distinct !DISubprogram(name: "linesonly", scope: !2, file: !2, line: 20, type: !3, unit: !90, spFlags: DISPFlagDefinition | DISPFlagOptimized)

!100 = distinct !DISubprogram(name: "wide", scope: !2, file: !2, line: 22, type: !3, unit: !0, spFlags: DISPFlagDefinition | DISPFlagOptimized)
!101 = !DILocalVariable(name: "w", arg: 1, scope: !100, file: !2, line: 22, type: !102)
!102 = !DIBasicType(name: "__int128", size: 128, encoding: DW_ATE_signed)
!103 = !DILocation(line: 0, scope: !100)

!110 = distinct !DISubprogram(name: "inl", linkageName: "_Z3inlj", scope: !2, file: !2, line: 24, type: !3, unit: !0, spFlags: DISPFlagDefinition | DISPFlagOptimized)
!111 = !DILocalVariable(name: "u", arg: 1, scope: !110, file: !2, line: 24, type: !6)
!112 = !DILocation(line: 0, scope: !110)

!120 = distinct !DISubprogram(name: "escaped", scope: !2, file: !2, line: 26, type: !3, unit: !0, spFlags: DISPFlagDefinition | DISPFlagOptimized)
!121 = !DILocalVariable(name: "x", arg: 1, scope: !120, file: !2, line: 26, type: !4)
!122 = !DILocation(line: 0, scope: !120)
!123 = distinct !DIAssignID()
!124 = distinct !DIAssignID()
