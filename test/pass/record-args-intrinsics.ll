; LLVM 19 can run passes on debug info kept as llvm.dbg.value/declare calls
; (the old format, which LLVM 22 no longer has): the parameters' names are
; found there as in debug records. Same input and checks as record-args.ll.
; REQUIRES: llvm-19
; RUN: env FRUGAL_INSTRUMENT_THRESHOLD=0 FRUGAL_RECORD_ARGS=1 %opt \
; RUN:   --preserve-input-debuginfo-format=true -load-pass-plugin=%plugin \
; RUN:   -passes=frugal-instrument -S %S/record-args.ll -o %t.ll
; RUN: FileCheck %S/record-args.ll < %t.ll
; The pass saw intrinsic calls, not records.
; RUN: FileCheck %s < %t.ll
; CHECK: call void @llvm.dbg.value(metadata i32 %m,
; CHECK: call void @llvm.dbg.declare(metadata ptr %s.addr,
; CHECK: call void @llvm.dbg.assign(metadata i32 %x,
