// A longjmp within a recursion: the calls below the setjmp are abandoned,
// and the next hook is the exit of the same function one level up, whose
// frame is not on top. It must be matched by its frame address (deeper
// frames of the same function are dead), not taken as the top frame's exit:
// otherwise the dead frames stay, and the time until the next hook goes to
// them (5 ms of main's after each call here) and later calls land below
// them. Exact and sampled timing (whose exit hook has a fast path of its
// own) alike.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: env FRUGAL_OUTPUT=%t/exact.json %t/exe | FileCheck %s --check-prefix=OUT
// RUN: %query %t/exact.json tree | FileCheck %s --check-prefix=TREE
// RUN: %query %t/exact.json check | FileCheck %s --check-prefix=OK
// RUN: env FRUGAL_TIMING=sampled FRUGAL_OUTPUT=%t/sampled.json %t/exe | FileCheck %s --check-prefix=OUT
// RUN: %query %t/sampled.json tree | FileCheck %s --check-prefix=TREE
// RUN: %query %t/sampled.json check | FileCheck %s --check-prefix=OK
// RUN: %python -c "import json,sys; d=json.load(open(sys.argv[1])); r=[f for f in d['functions'] if f['name']=='rec'][0]; print('rec under 10 ms:', r['time_ns']['inclusive'] < 10e6)" %t/sampled.json | FileCheck %s --check-prefix=TIME
// RUN: %python -c "import json,sys; d=json.load(open(sys.argv[1])); r=[f for f in d['functions'] if f['name']=='rec'][0]; print('rec under 10 ms:', r['time_ns']['inclusive'] < 10e6)" %t/exact.json | FileCheck %s --check-prefix=TIME
// TIME: rec under 10 ms: True
// OUT: jumped 10
// TREE-DAG: path main;after calls=10
// TREE-DAG: path main;rec calls=10
// TREE-NOT: rec;after
// OK: ok
#include <frugal/frugal.h>

#include <setjmp.h>
#include <stdio.h>
#include <time.h>

static jmp_buf Env;
static volatile int Jumps;

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void rec(int Depth,
                                                            int SetAt) {
  if (Depth == 0)
    longjmp(Env, 1);
  if (Depth == SetAt) {
    if (setjmp(Env) == 0)
      rec(Depth - 1, SetAt);
    else
      ++Jumps;
    return; // the exit of this call comes with deeper frames left behind
  }
  rec(Depth - 1, SetAt);
}

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void after(void) {
  Jumps = Jumps + 0;
}

static double nowMs(void) {
  struct timespec Ts;
  clock_gettime(CLOCK_MONOTONIC, &Ts);
  return (double)Ts.tv_sec * 1e3 + (double)Ts.tv_nsec * 1e-6;
}

int main(void) {
  for (int I = 0; I < 10; ++I) {
    rec(6, 3);
    double End = nowMs() + 5; // main's own time: no hook runs in it
    while (nowMs() < End)
      ;
  }
  for (int I = 0; I < 10; ++I)
    after();
  printf("jumped %d\n", Jumps);
  return 0;
}
