; One constructor/destructor pair per module registers the module's records
; with the runtime, at priority 2, passing the section bounds of the DSO.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s
; A module without records (only declarations here) gets nothing at all.
; RUN: %opt -load-pass-plugin=%plugin -passes=frugal-instrument -S \
; RUN:   %S/Inputs/declarations-only.ll \
; RUN:   | FileCheck %s --check-prefix=EMPTY --implicit-check-not=frugal

source_filename = "unit.c"

@llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @user_ctor, ptr null }]

; struct frugal_module_info: abi_version, reserved, source_file, llvm_version,
; filter description.
; CHECK-DAG: @frugal.module_info = private constant { i32, i32, ptr, ptr, ptr } { i32 1, i32 0, ptr [[SRC:@frugal.str[.0-9]*]], ptr [[VER:@frugal.str[.0-9]*]], ptr [[FILTER:@frugal.str[.0-9]*]] }, align 8
; CHECK-DAG: [[SRC]] = private unnamed_addr constant [7 x i8] c"unit.c\00"
; CHECK-DAG: [[VER]] = private unnamed_addr constant {{.*}} c"{{[0-9]+\.[0-9]+\.[0-9]+.*}}\00"
; CHECK-DAG: [[FILTER]] = private unnamed_addr constant [12 x i8] c"threshold=0\00"

; Hidden, so each executable or shared object registers its own records;
; weak, so a DSO whose records were all discarded still links.
; CHECK-DAG: @__start_frugal_funcs = extern_weak hidden global
; CHECK-DAG: @__stop_frugal_funcs = extern_weak hidden global

; The user's constructor keeps its entry; ours is added at priority 2.
; CHECK-DAG: @llvm.global_ctors = appending global [2 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @user_ctor, ptr null }, { i32, ptr, ptr } { i32 2, ptr @frugal.module_ctor, ptr null }]
; CHECK-DAG: @llvm.global_dtors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 2, ptr @frugal.module_dtor, ptr null }]

define void @user_ctor() {
  ret void
}

define void @work() {
  ret void
}

; CHECK-LABEL: define internal void @frugal.module_ctor()
; CHECK-NEXT:    call void @__frugal_register_module(ptr @frugal.module_info, ptr @__start_frugal_funcs, ptr @__stop_frugal_funcs)
; CHECK-NEXT:    ret void
; CHECK:       declare void @__frugal_register_module(ptr, ptr, ptr)
; CHECK-LABEL: define internal void @frugal.module_dtor()
; CHECK-NEXT:    call void @__frugal_unregister_module(ptr @frugal.module_info, ptr @__start_frugal_funcs, ptr @__stop_frugal_funcs)
; CHECK-NEXT:    ret void
; CHECK:       declare void @__frugal_unregister_module(ptr, ptr, ptr)

; The pass marks the module as done.
; CHECK: !{i32 7, !"frugal.instrumented", i32 1}

; EMPTY: declare void @external()
