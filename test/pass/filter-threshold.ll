; The size filter (XRay's rule): a function is instrumented if it has at
; least `threshold` IR instructions (default 200) or a loop. Filtered
; functions keep a record flagged FRUGAL_FN_FILTERED (1) with reason
; THRESHOLD (5), and get no hooks.
; RUN: %opt -load-pass-plugin=%plugin -passes=frugal-instrument -S %s \
; RUN:   | FileCheck %s --check-prefix=DEFAULT
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=4 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s --check-prefix=FOUR
; Threshold 0 instruments everything, reason DEFAULT (0).
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %s | FileCheck %s --check-prefix=ZERO

; DEFAULT-DAG: @frugal.rec.small = private global {{.*}} { i32 1, i32 1, i32 0, i32 0, {{.*}}, i32 3, i32 1, i32 0, i32 0, i32 0, i32 5, i64 0 }
; DEFAULT-DAG: @frugal.rec.four = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 5, i64 0 }
; DEFAULT-DAG: @frugal.rec.loop = private global {{.*}} { i32 1, i32 0, i32 0, i32 0, {{.*}}, i32 6, i32 3, i32 1, i32 1, i32 0, i32 0, i64 0 }
; DEFAULT-DAG: c"threshold=200\00"
; DEFAULT-LABEL: define i32 @small(
; DEFAULT-NOT:     @__frugal_
; DEFAULT-LABEL: define i32 @four(
; DEFAULT-NOT:     @__frugal_
; DEFAULT-LABEL: define void @loop(
; DEFAULT:         call void @__frugal_enter(ptr @frugal.rec.loop, ptr null)
; DEFAULT:         call void @__frugal_exit(ptr @frugal.rec.loop, ptr null)

; FOUR-DAG: @frugal.rec.small = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 5, i64 0 }
; FOUR-DAG: @frugal.rec.four = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 0, i64 0 }
; FOUR-DAG: c"threshold=4\00"
; FOUR-LABEL: define i32 @small(
; FOUR-NOT:     @__frugal_
; FOUR-LABEL: define i32 @four(
; FOUR-NEXT:    call void @__frugal_enter(ptr @frugal.rec.four, ptr null)

; ZERO-DAG: @frugal.rec.small = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 0, i64 0 }
; ZERO-DAG: @frugal.rec.four = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 0, i64 0 }
; ZERO-DAG: @frugal.rec.loop = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 0, i64 0 }
; ZERO-LABEL: define i32 @small(
; ZERO-NEXT:    call void @__frugal_enter(ptr @frugal.rec.small, ptr null)

; 3 instructions, no loop.
define i32 @small(i32 %x) nounwind {
  %a = add i32 %x, 1
  %b = mul i32 %a, 3
  ret i32 %b
}

; 4 instructions, no loop.
define i32 @four(i32 %x) nounwind {
  %a = add i32 %x, 1
  %b = mul i32 %a, 3
  %c = sub i32 %b, %x
  ret i32 %c
}

; 6 instructions, one loop: instrumented whatever the threshold.
define void @loop(i32 %n) nounwind {
entry:
  br label %body
body:
  %i = phi i32 [ 0, %entry ], [ %i.next, %body ]
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %body, label %exit
exit:
  ret void
}
