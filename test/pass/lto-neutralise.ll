; When the pass instruments a module at the LTO link, the constructors that
; pre-link compiles left to report "not instrumented" are emptied. Linking
; modules renames duplicates, hence the .1 suffix.
; RUN: %opt -load-pass-plugin=%plugin -passes=frugal-instrument -S %s \
; RUN:   | FileCheck %s

@frugal.str = private unnamed_addr constant [4 x i8] c"a.c\00"
@frugal.str.1 = private unnamed_addr constant [4 x i8] c"b.c\00"
@llvm.global_ctors = appending global [2 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @frugal.lto_deferred_ctor, ptr null }, { i32, ptr, ptr } { i32 65535, ptr @frugal.lto_deferred_ctor.1, ptr null }]

; CHECK-NOT: c"a.c\00"
; CHECK-NOT: c"b.c\00"
; CHECK: @llvm.global_ctors = appending global [2 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @frugal.lto_deferred_ctor, ptr null }, { i32, ptr, ptr } { i32 65535, ptr @frugal.lto_deferred_ctor.1, ptr null }]

declare extern_weak void @__frugal_lto_deferred(ptr) nounwind

define internal void @frugal.lto_deferred_ctor() nounwind {
entry:
  %linked = icmp ne ptr @__frugal_lto_deferred, null
  br i1 %linked, label %report, label %done
report:
  call void @__frugal_lto_deferred(ptr @frugal.str)
  br label %done
done:
  ret void
}
; CHECK-LABEL: define internal void @frugal.lto_deferred_ctor()
; CHECK-NEXT:    ret void
; CHECK-NEXT:  }

define internal void @frugal.lto_deferred_ctor.1() nounwind {
entry:
  %linked = icmp ne ptr @__frugal_lto_deferred, null
  br i1 %linked, label %report, label %done
report:
  call void @__frugal_lto_deferred(ptr @frugal.str.1)
  br label %done
done:
  ret void
}
; CHECK-LABEL: define internal void @frugal.lto_deferred_ctor.1()
; CHECK-NEXT:    ret void
; CHECK-NEXT:  }
