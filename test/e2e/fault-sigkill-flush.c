// SIGKILL with FRUGAL_FLUSH_S=1 loses at most about a second of data: the
// program calls tick() every 20 ms for 3.6 s, says how many calls it made
// in how long, and kills itself; the last periodic profile on disk is valid
// and misses at most the calls of the last 1.3 s (1 s, plus 0.3 s for the
// write and the machine's load; with a 2 s period it would miss 1.6 s).
// flush.c checks the end reason and counts. Timed on a shared machine: a
// run that its load disturbed may be retried (it must then pass).
// ALLOW_RETRIES: 1
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: env FRUGAL_FLUSH_S=1 FRUGAL_OUTPUT=%t/p.json %expect-exit -9 %t/exe > %t/out
// RUN: %query %t/p.json get program.end | FileCheck %s --check-prefix=END
// RUN: %query %t/p.json check | FileCheck %s --check-prefix=OK
// RUN: %python -c "import json,sys; d=json.load(open(sys.argv[1])); got=[f for f in d['functions'] if f['name']=='tick'][0]['calls']; made, secs = int(open(sys.argv[2]).read().split()[1]), float(open(sys.argv[2]).read().split()[3]); lost = (made - got) * secs / made; print('made', made > 100, 'lost at most 1.3 s:', 0 <= lost <= 1.3, made, got, lost)" %t/p.json %t/out | FileCheck %s
// Without periodic writes, nothing survives the SIGKILL.
// RUN: env FRUGAL_OUTPUT=%t/none.json %expect-exit -9 %t/exe short > %t/out2
// RUN: not ls %t/none.json
// END: "flush"
// OK: ok
// CHECK: made True lost at most 1.3 s: True
#include <frugal/frugal.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

volatile int Sink;
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void tick(int I) {
  Sink = I;
}

static double now(void) {
  struct timespec T;
  clock_gettime(CLOCK_MONOTONIC, &T);
  return T.tv_sec + T.tv_nsec * 1e-9;
}

int main(int Argc, char **Argv) {
  double Run = Argc > 1 && !strcmp(Argv[1], "short") ? 0.2 : 3.6;
  double Start = now();
  int Calls = 0;
  while (now() - Start < Run) {
    tick(Calls++);
    usleep(20 * 1000);
  }
  printf("calls %d in %.3f s\n", Calls, now() - Start);
  fflush(stdout);
  kill(getpid(), SIGKILL);
  return 0;
}
