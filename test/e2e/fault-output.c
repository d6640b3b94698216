// An unwritable output folder or a full disk: one warning, the profile in
// the fallback folder ($TMPDIR) under the same name, and the program's
// output and exit status unchanged. When the fallback fails too, a second
// warning says the profile is not written, and nothing else changes. The
// faults are injected by an LD_PRELOAD shim (Inputs/fault-io-shim.c): no
// small full file system is at hand, and the tests run as root, whom a
// read-only folder does not stop (fault-readonly-dir.c tries one as nobody).
// RUN: rm -rf %t && mkdir -p %t/out %t/fallback
// The shim is preloaded into %expect-exit's python3 too: never sanitized.
// RUN: %clang-unsanitized -O1 -g -shared -fPIC %S/Inputs/fault-io-shim.c -ldl -o %t/shim.so
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: %clang -I%include -O1 -g %s -o %t/plain
// RUN: %expect-exit 3 %t/plain > %t/plain.out
//
// Unwritable folder (creating the temporary file fails with EACCES).
// RUN: env LD_PRELOAD=%t/shim.so FAULT_IO_COUNT=%t/fault-io.count FAULT_IO_MODE=eacces FAULT_IO_DIR=%t/out TMPDIR=%t/fallback FRUGAL_OUTPUT=%t/out/p.json %expect-exit 3 %t/exe > %t/eacces.out 2> %t/eacces.err
// RUN: diff %t/plain.out %t/eacces.out
// RUN: FileCheck %s --check-prefix=EACCES -DDIR=%t --implicit-check-not=frugal: < %t/eacces.err
// RUN: %query %t/fallback/p.json check | FileCheck %s --check-prefix=OK
// RUN: %query %t/fallback/p.json functions | FileCheck %s --check-prefix=FNS
// RUN: ls %t/out | count 0
// RUN: test -s %t/fault-io.count
//
// Full disk (every write fails with ENOSPC): the temporary file is removed.
// RUN: rm -rf %t/fallback/* %t/fault-io.count
// RUN: env LD_PRELOAD=%t/shim.so FAULT_IO_COUNT=%t/fault-io.count FAULT_IO_MODE=enospc FAULT_IO_DIR=%t/out TMPDIR=%t/fallback FRUGAL_OUTPUT=%t/out/p.json %expect-exit 3 %t/exe > %t/enospc.out 2> %t/enospc.err
// RUN: diff %t/plain.out %t/enospc.out
// RUN: FileCheck %s --check-prefix=ENOSPC -DDIR=%t --implicit-check-not=frugal: < %t/enospc.err
// RUN: %query %t/fallback/p.json check | FileCheck %s --check-prefix=OK
// RUN: ls %t/out | count 0
// RUN: test -s %t/fault-io.count
//
// A disk that fails at fsync (EIO).
// RUN: rm -rf %t/fallback/*
// RUN: env LD_PRELOAD=%t/shim.so FAULT_IO_COUNT=%t/eio.count FAULT_IO_MODE=eio FAULT_IO_DIR=%t/out TMPDIR=%t/fallback FRUGAL_OUTPUT=%t/out/p.json %expect-exit 3 %t/exe > %t/eio.out 2> %t/eio.err
// RUN: diff %t/plain.out %t/eio.out
// RUN: FileCheck %s --check-prefix=EIO -DDIR=%t --implicit-check-not=frugal: < %t/eio.err
// RUN: test -s %t/eio.count
// RUN: %query %t/fallback/p.json check | FileCheck %s --check-prefix=OK
// RUN: ls %t/out | count 0
//
// Both folders full: two warnings, no profile, nothing else changes.
// RUN: rm -rf %t/fallback/*
// RUN: env LD_PRELOAD=%t/shim.so FAULT_IO_MODE=enospc FAULT_IO_DIR=%t TMPDIR=%t/fallback FRUGAL_OUTPUT=%t/out/p.json %expect-exit 3 %t/exe > %t/both.out 2> %t/both.err
// RUN: diff %t/plain.out %t/both.out
// RUN: FileCheck %s --check-prefix=BOTH -DDIR=%t --implicit-check-not=frugal: < %t/both.err
// RUN: ls %t/out | count 0
// RUN: ls %t/fallback | count 0
//
// FRUGAL_FLUSH_S=1 on a full disk: still one warning, not one per rewrite
// (later writes go straight to the fallback), and the final profile there.
// RUN: rm -rf %t/fallback/*
// RUN: env LD_PRELOAD=%t/shim.so FAULT_IO_MODE=enospc FAULT_IO_DIR=%t/out TMPDIR=%t/fallback FRUGAL_FLUSH_S=1 FRUGAL_OUTPUT=%t/out/p.json %expect-exit 3 %t/exe 2.2 > %t/flush.out 2> %t/flush.err
// RUN: diff %t/plain.out %t/flush.out
// RUN: FileCheck %s --check-prefix=ENOSPC -DDIR=%t --implicit-check-not=frugal: < %t/flush.err
// RUN: %query %t/fallback/p.json get program.end | FileCheck %s --check-prefix=END
// RUN: %query %t/fallback/p.json check | FileCheck %s --check-prefix=OK
// RUN: ls %t/out | count 0
//
// Both folders full with FRUGAL_FLUSH_S=1: the same two warnings once, not
// at every rewrite nor again at exit.
// RUN: rm -rf %t/fallback/*
// RUN: env LD_PRELOAD=%t/shim.so FAULT_IO_MODE=enospc FAULT_IO_DIR=%t TMPDIR=%t/fallback FRUGAL_FLUSH_S=1 FRUGAL_OUTPUT=%t/out/p.json %expect-exit 3 %t/exe 2.2 > %t/bothflush.out 2> %t/bothflush.err
// RUN: diff %t/plain.out %t/bothflush.out
// RUN: FileCheck %s --check-prefix=BOTH -DDIR=%t --implicit-check-not=frugal: < %t/bothflush.err
// RUN: ls %t/out | count 0
// RUN: ls %t/fallback | count 0
//
// Both folders full at the first rewrite, then space again (the shim heals
// after the two failed writes): the two warnings, then one line saying the
// profile is written again, and the exit write in place, silently.
// RUN: rm -rf %t/fallback/* %t/heal.count
// RUN: env LD_PRELOAD=%t/shim.so FAULT_IO_MODE=enospc FAULT_IO_DIR=%t FAULT_IO_COUNT=%t/heal.count FAULT_IO_HEAL_AFTER=2 TMPDIR=%t/fallback FRUGAL_FLUSH_S=1 FRUGAL_OUTPUT=%t/out/p.json %expect-exit 3 %t/exe 2.2 > %t/heal.out 2> %t/heal.err
// RUN: diff %t/plain.out %t/heal.out
// RUN: FileCheck %s --check-prefixes=BOTH,HEAL -DDIR=%t --implicit-check-not=frugal: < %t/heal.err
// RUN: %query %t/out/p.json get program.end | FileCheck %s --check-prefix=END
// RUN: ls %t/fallback | count 0
//
// A real one, no shim: the output folder is a regular file (ENOTDIR).
// (A read-only folder for real: fault-readonly-dir.c.)
// RUN: rm -rf %t/fallback/* && touch %t/file
// RUN: env TMPDIR=%t/fallback FRUGAL_OUTPUT=%t/file/p.json %expect-exit 3 %t/exe > %t/notdir.out 2> %t/notdir.err
// RUN: diff %t/plain.out %t/notdir.out
// RUN: FileCheck %s --check-prefix=NOTDIR -DDIR=%t --implicit-check-not=frugal: < %t/notdir.err
// RUN: %query %t/fallback/p.json check | FileCheck %s --check-prefix=OK
//
// EACCES: frugal: warning: cannot create a temporary file beside [[DIR]]/out/p.json: Permission denied; writing the profile to [[DIR]]/fallback/p.json
// ENOSPC: frugal: warning: cannot write [[DIR]]/out/p.json: No space left on device; writing the profile to [[DIR]]/fallback/p.json
// EIO: frugal: warning: cannot fsync [[DIR]]/out/p.json: Input/output error; writing the profile to [[DIR]]/fallback/p.json
// BOTH: frugal: warning: cannot write [[DIR]]/out/p.json: No space left on device; writing the profile to [[DIR]]/fallback/p.json
// BOTH-NEXT: frugal: warning: cannot write [[DIR]]/fallback/p.json: No space left on device; the profile is not written
// HEAL-NEXT: frugal: warning: the profile is written again, to [[DIR]]/out/p.json
// NOTDIR: frugal: warning: cannot create a temporary file beside [[DIR]]/file/p.json: Not a directory; writing the profile to [[DIR]]/fallback/p.json
// END: "exit"
// OK: ok
// FNS: fn work calls=10 filtered=0
#include <frugal/frugal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

volatile int Sink;
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void work(int I) {
  Sink += I;
}

// An argument: seconds to run, for periodic rewrites to happen.
int main(int Argc, char **Argv) {
  for (int I = 0; I < 10; ++I)
    work(I);
  if (Argc > 1)
    usleep((useconds_t)(atof(Argv[1]) * 1e6));
  printf("worked %d\n", Sink);
  return 3;
}
