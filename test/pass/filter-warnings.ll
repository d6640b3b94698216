; Bad option values never fail the build: one "frugal: warning:" each,
; naming the variable (or config line) and the default used instead.
; RUN: rm -rf %t && split-file --no-leading-lines %s %t
;
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=abc %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S -o %t/out.ll %t/input.ll 2>&1 \
; RUN:   | FileCheck %s --check-prefix=WARN-NUM
; RUN: FileCheck %s --check-prefix=DEFAULTS < %t/out.ll
; WARN-NUM: frugal: warning: FRUGAL_INSTRUMENT_THRESHOLD='abc' is not a non-negative integer; using the default threshold=200
; WARN-NUM-NOT: warning
; DEFAULTS: c"threshold=200\00"
;
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=-1 %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -disable-output %t/input.ll 2>&1 \
; RUN:   | FileCheck %s --check-prefix=WARN-NEG
; WARN-NEG: frugal: warning: FRUGAL_INSTRUMENT_THRESHOLD='-1' is not a non-negative integer; using the default threshold=200
;
; RUN: env FRUGAL_INSTRUMENT_INCLUDE='(' FRUGAL_INSTRUMENT_EXCLUDE_FILE='[z-a]' \
; RUN:   %opt -load-pass-plugin=%plugin -passes=frugal-instrument \
; RUN:   -S -o %t/out.ll %t/input.ll 2>&1 | FileCheck %s --check-prefix=WARN-RE
; RUN: FileCheck %s --check-prefix=DEFAULTS < %t/out.ll
; WARN-RE: frugal: warning: FRUGAL_INSTRUMENT_INCLUDE='(' is not a valid regular expression ({{.+}}); using the default (no include regex)
; WARN-RE: frugal: warning: FRUGAL_INSTRUMENT_EXCLUDE_FILE='[z-a]' is not a valid regular expression ({{.+}}); using the default (no exclude_file regex)
;
; RUN: env FRUGAL_INSTRUMENT_CONFIG=%t/missing.conf %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -disable-output %t/input.ll 2>&1 \
; RUN:   | FileCheck %s --check-prefix=WARN-MISSING
; WARN-MISSING: frugal: warning: FRUGAL_INSTRUMENT_CONFIG='{{.*}}missing.conf' cannot be read: {{.+}}; using the defaults
;
; RUN: env FRUGAL_INSTRUMENT_CONFIG=%t/bad.conf %opt -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S -o %t/out.ll %t/input.ll 2>&1 \
; RUN:   | FileCheck %s --check-prefix=WARN-FILE
; RUN: FileCheck %s --check-prefix=FILE-RESULT < %t/out.ll
; WARN-FILE: frugal: warning: {{.*}}bad.conf:1: unknown key 'treshold' in FRUGAL_INSTRUMENT_CONFIG {{.*}}; line ignored
; WARN-FILE: frugal: warning: {{.*}}bad.conf:2: expected 'key = value' in FRUGAL_INSTRUMENT_CONFIG; line ignored
; WARN-FILE: frugal: warning: {{.*}}bad.conf:3: threshold='lots' is not a non-negative integer; using the default threshold=200
; WARN-FILE-NOT: warning
; The good line of the file still applies.
; FILE-RESULT: c"threshold=200 exclude=fine\00"

;--- bad.conf
treshold = 10
just some words
threshold = lots
exclude = fine

;--- input.ll
define void @f() nounwind {
  ret void
}
