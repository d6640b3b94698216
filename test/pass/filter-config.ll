; FRUGAL_INSTRUMENT_CONFIG names a file of `key = value` lines; the
; environment variables override it key by key.
; RUN: rm -rf %t && split-file --no-leading-lines %s %t
; RUN: env FRUGAL_INSTRUMENT_CONFIG=%t/frugal.conf %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %t/input.ll | FileCheck %s --check-prefix=FILE
; RUN: env FRUGAL_INSTRUMENT_CONFIG=%t/frugal.conf FRUGAL_INSTRUMENT_THRESHOLD=0 \
; RUN:   FRUGAL_INSTRUMENT_EXCLUDE=drop %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %t/input.ll | FileCheck %s --check-prefix=ENV
; A valid file gives no warning.
; RUN: env FRUGAL_INSTRUMENT_CONFIG=%t/frugal.conf %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -disable-output %t/input.ll 2>&1 \
; RUN:   | FileCheck %s --check-prefix=QUIET --allow-empty
; QUIET-NOT: warning

; threshold = 4: @four (4 instructions) is in, @small (2) is out; the
; include regex brings @keep_me back; '#' inside a value is not a comment.
; FILE-DAG: @frugal.rec.small = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 5, i64 0 }
; FILE-DAG: @frugal.rec.four = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 0, i64 0 }
; FILE-DAG: @frugal.rec.keep_me = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 3, i64 0 }
; FILE-DAG: @frugal.rec.drop_me = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 4, i64 0 }
; FILE-DAG: c"threshold=4 include=^keep exclude=#drop|^drop\00"

; The variables replace threshold and exclude; include comes from the file.
; ENV-DAG: @frugal.rec.small = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 0, i64 0 }
; ENV-DAG: @frugal.rec.keep_me = private global {{.*}} { i32 1, i32 0, {{.*}}, i32 3, i64 0 }
; ENV-DAG: @frugal.rec.drop_me = private global {{.*}} { i32 1, i32 1, {{.*}}, i32 4, i64 0 }
; ENV-DAG: c"threshold=0 include=^keep exclude=drop\00"

;--- frugal.conf
# Comment lines start with '#'; blank lines are ignored.

threshold = 4
  include=^keep
exclude = #drop|^drop

;--- input.ll
define i32 @small(i32 %x) nounwind {
  %a = add i32 %x, 1
  ret i32 %a
}

define i32 @four(i32 %x) nounwind {
  %a = add i32 %x, 1
  %b = mul i32 %a, 3
  %c = sub i32 %b, %x
  ret i32 %c
}

define void @keep_me() nounwind {
  ret void
}

define void @drop_me() nounwind {
  ret void
}
