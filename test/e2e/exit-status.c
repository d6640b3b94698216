// The runtime never changes a program's output or exit status: exit() from a
// second thread, a non-zero return, FRUGAL_DISABLE=1 (no profile at all),
// and bad FRUGAL_* values (one warning each, documented fallback).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -I%include -O1 -g -pthread -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: %clang -I%include -O1 -g -pthread %s -o %t/plain
// RUN: %t/plain thread > %t/plain.out || true
// RUN: env FRUGAL_OUTPUT=%t/thread.json %expect-exit 7 %t/exe thread > %t/instr.out
// RUN: diff %t/plain.out %t/instr.out
// RUN: %query %t/thread.json functions | FileCheck %s
// RUN: env FRUGAL_OUTPUT=%t/ret.json %expect-exit 5 %t/exe ret
// RUN: %query %t/ret.json get program.end | FileCheck %s --check-prefix=END
// RUN: env FRUGAL_DISABLE=1 FRUGAL_OUTPUT=%t/disabled.json %expect-exit 5 %t/exe ret
// RUN: not ls %t/disabled.json
// RUN: env FRUGAL_OUTPUT=%t/bad.json FRUGAL_FLUSH_S=soon FRUGAL_MAX_NODES=-3 %expect-exit 5 %t/exe ret 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: %query %t/bad.json get program.end | FileCheck %s --check-prefix=END

// CHECK: fn exitingThread calls=1 filtered=0
// END: "exit"
// BAD-DAG: frugal: warning: {{.*}}FRUGAL_FLUSH_S
// BAD-DAG: frugal: warning: {{.*}}FRUGAL_MAX_NODES
#include <frugal/frugal.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void *exitingThread(void *A) {
  (void)A;
  printf("thread exits the process\n");
  fflush(stdout);
  exit(7);
}

int main(int Argc, char **Argv) {
  if (Argc > 1 && strcmp(Argv[1], "thread") == 0) {
    pthread_t T;
    pthread_create(&T, NULL, exitingThread, NULL);
    for (;;)
      pause();
  }
  printf("returning 5\n");
  return 5;
}
