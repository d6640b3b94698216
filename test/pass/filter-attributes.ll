; Per-function overrides, checked before regexes and the threshold:
; xray_never_instrument / FRUGAL_NO_INSTRUMENT (attribute or annotation)
; filter (reason ATTR_NEVER = 2); xray_always_instrument /
; FRUGAL_ALWAYS_INSTRUMENT instrument (reason ATTR_ALWAYS = 1, flag
; FRUGAL_FN_FORCED = 2). "Never" beats "always".
; RUN: %opt -load-pass-plugin=%plugin -passes=frugal-instrument -S %s \
; RUN:   | FileCheck %s
; Regexes and threshold 0 do not override them.
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 FRUGAL_INSTRUMENT_INCLUDE=never \
; RUN:   FRUGAL_INSTRUMENT_EXCLUDE=always %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s

; CHECK-DAG: @frugal.rec.never_attr = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 2, i64 0 }
; CHECK-DAG: @frugal.rec.always_attr = private global {{.*}} { i32 1, i32 2, {{.*}}, i32 1, i64 0 }
; CHECK-DAG: @frugal.rec.never_annotated = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 2, i64 0 }
; CHECK-DAG: @frugal.rec.always_annotated = private global {{.*}} { i32 1, i32 2, {{.*}}, i32 1, i64 0 }
; CHECK-DAG: @frugal.rec.both_annotated = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 2, i64 0 }

@.never = private unnamed_addr constant [24 x i8] c"frugal.never_instrument\00", section "llvm.metadata"
@.always = private unnamed_addr constant [25 x i8] c"frugal.always_instrument\00", section "llvm.metadata"
@.other = private unnamed_addr constant [6 x i8] c"other\00", section "llvm.metadata"
@.file = private unnamed_addr constant [6 x i8] c"a.cpp\00", section "llvm.metadata"
@llvm.global.annotations = appending global [5 x { ptr, ptr, ptr, i32, ptr }] [
  { ptr, ptr, ptr, i32, ptr } { ptr @never_annotated, ptr @.never, ptr @.file, i32 1, ptr null },
  { ptr, ptr, ptr, i32, ptr } { ptr @always_annotated, ptr @.always, ptr @.file, i32 2, ptr null },
  { ptr, ptr, ptr, i32, ptr } { ptr @always_annotated, ptr @.other, ptr @.file, i32 2, ptr null },
  { ptr, ptr, ptr, i32, ptr } { ptr @both_annotated, ptr @.always, ptr @.file, i32 3, ptr null },
  { ptr, ptr, ptr, i32, ptr } { ptr @both_annotated, ptr @.never, ptr @.file, i32 3, ptr null }
], section "llvm.metadata"

; Has a loop, which alone would instrument it.
define void @never_attr(i32 %n) nounwind "function-instrument"="xray-never" {
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
; CHECK-LABEL: define void @never_attr(
; CHECK-NOT:     @__frugal_
; CHECK:         ret void

; Tiny, which alone would filter it.
define void @always_attr() nounwind "function-instrument"="xray-always" {
  ret void
}
; CHECK-LABEL: define void @always_attr(
; CHECK-NEXT:    call void @__frugal_enter(ptr @frugal.rec.always_attr, ptr null)

define void @never_annotated(i32 %n) nounwind {
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
; CHECK-LABEL: define void @never_annotated(
; CHECK-NOT:     @__frugal_
; CHECK:         ret void

define void @always_annotated() nounwind {
  ret void
}
; CHECK-LABEL: define void @always_annotated(
; CHECK-NEXT:    call void @__frugal_enter(ptr @frugal.rec.always_annotated, ptr null)

define void @both_annotated() nounwind {
  ret void
}
; CHECK-LABEL: define void @both_annotated(
; CHECK-NEXT:    ret void
