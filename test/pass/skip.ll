; Functions outside the profile get neither hooks nor a record:
; declarations, naked and available_externally functions, static
; constructors/destructors (listed in llvm.global_ctors/dtors or named as
; clang names them), ifunc resolvers (they run before TLS exists in a
; static program), the runtime's and the pass's own functions, and
; coroutines before CoroSplit. A user's own frugal_* function is no
; exception.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s

; Only @normal and @frugal_user_helper have a record.
; CHECK: @llvm.compiler.used = appending global [2 x ptr] [ptr @frugal.rec.normal, ptr @frugal.rec.frugal_user_helper]

@llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @init_things, ptr null }]
@llvm.global_dtors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @fini_things, ptr null }]

declare void @declared()

define void @normal() nounwind {
  ret void
}
; CHECK-LABEL: define void @normal(
; CHECK-NEXT:    call void @__frugal_enter(ptr @frugal.rec.normal, ptr null)

define void @naked_fn() naked nounwind {
  unreachable
}
; CHECK-LABEL: define void @naked_fn(
; CHECK-NEXT:    unreachable

define available_externally void @inline_elsewhere() nounwind {
  ret void
}
; CHECK-LABEL: define available_externally void @inline_elsewhere(
; CHECK-NEXT:    ret void

define void @init_things() nounwind {
  ret void
}
; CHECK-LABEL: define void @init_things(
; CHECK-NEXT:    ret void

define void @fini_things() nounwind {
  ret void
}
; CHECK-LABEL: define void @fini_things(
; CHECK-NEXT:    ret void

define internal void @__cxx_global_var_init.1() nounwind {
  ret void
}
; CHECK-LABEL: define internal void @__cxx_global_var_init.1(
; CHECK-NEXT:    ret void

define internal void @_GLOBAL__sub_I_unit.cpp() nounwind {
  ret void
}
; CHECK-LABEL: define internal void @_GLOBAL__sub_I_unit.cpp(
; CHECK-NEXT:    ret void

define internal void @__cxx_global_array_dtor(ptr %p) nounwind {
  ret void
}
; CHECK-LABEL: define internal void @__cxx_global_array_dtor(
; CHECK-NEXT:    ret void

define internal void @__dtor__ZL5table() nounwind {
  ret void
}
; CHECK-LABEL: define internal void @__dtor__ZL5table(
; CHECK-NEXT:    ret void

define void @__frugal_enter_helper() nounwind {
  ret void
}
; CHECK-LABEL: define void @__frugal_enter_helper(
; CHECK-NEXT:    ret void

define void @frugal_region_begin(ptr %name) nounwind {
  ret void
}
; CHECK-LABEL: define void @frugal_region_begin(
; CHECK-NEXT:    ret void

define internal void @frugal.something() nounwind {
  ret void
}
; CHECK-LABEL: define internal void @frugal.something(
; CHECK-NEXT:    ret void

define void @coroutine() presplitcoroutine nounwind {
  ret void
}
; CHECK-LABEL: define void @coroutine(
; CHECK-NEXT:    ret void

@picked = ifunc void (), ptr @resolve_picked

define internal ptr @resolve_picked() nounwind {
  ret ptr @normal
}
; CHECK-LABEL: define internal ptr @resolve_picked(
; CHECK-NEXT:    ret ptr @normal

define void @frugal_user_helper() nounwind {
  ret void
}
; CHECK-LABEL: define void @frugal_user_helper(
; CHECK-NEXT:    call void @__frugal_enter(ptr @frugal.rec.frugal_user_helper, ptr null)
