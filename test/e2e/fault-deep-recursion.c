// A 100,000-deep recursion (run on a thread with a 256 MiB stack, so that the
// program itself does not overflow): the shadow stack (4096 frames) degrades
// instead of crashing. Calls deeper than it are counted, as folded calls of
// the deepest context, and the thread's overflow counter says how many
// frames went unrecorded; after the recursion returns, calls land under the
// right parent again. Also with sampled timing and with a context budget
// smaller than the depth (FRUGAL_MAX_NODES).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -I%include -O1 -g -pthread -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: %clang -I%include -O1 -g -pthread %s -o %t/plain
// RUN: %t/plain > %t/plain.out
// RUN: env FRUGAL_OUTPUT=%t/p.json %expect-exit 0 %t/exe > %t/p.out
// RUN: diff %t/plain.out %t/p.out
// RUN: FileCheck %s --check-prefix=OUT < %t/p.out
// RUN: %query %t/p.json check | FileCheck %s --check-prefix=OK
// RUN: %query %t/p.json functions | FileCheck %s
// RUN: %query %t/p.json threads | FileCheck %s --check-prefix=THREADS
// RUN: %python %S/Inputs/fault-tree-summary.py %t/p.json | FileCheck %s --check-prefix=TREE
// RUN: env FRUGAL_TIMING=sampled FRUGAL_OUTPUT=%t/s.json %expect-exit 0 %t/exe | FileCheck %s --check-prefix=OUT
// RUN: %query %t/s.json check | FileCheck %s --check-prefix=OK
// RUN: %query %t/s.json functions | FileCheck %s
// RUN: %query %t/s.json threads | FileCheck %s --check-prefix=THREADS
// RUN: %python %S/Inputs/fault-tree-summary.py %t/s.json | FileCheck %s --check-prefix=TREE
// RUN: env FRUGAL_MAX_NODES=1000 FRUGAL_OUTPUT=%t/small.json %expect-exit 0 %t/exe | FileCheck %s --check-prefix=OUT
// RUN: %query %t/small.json check | FileCheck %s --check-prefix=OK
// RUN: %query %t/small.json functions | FileCheck %s --check-prefix=SMALL
// RUN: %query %t/small.json threads | FileCheck %s --check-prefix=THREADS
// RUN: %python %S/Inputs/fault-tree-summary.py %t/small.json | FileCheck %s --check-prefix=SMALLTREE
// RUN: %python -c "import json,sys; print(len(json.load(open(sys.argv[1]))['tree']['nodes']))" %t/small.json | FileCheck %s --check-prefix=NODES
// OUT: depth 100000 sum 5000050000
// OK: ok
// Each recursion makes 100,001 calls of rec; the shadow stack holds run and
// 4095 of them, the other 95,906 overflow (not timed, not counted as calls
// of rec: as folded calls of the deepest context, docs/profile-format.md).
// CHECK-DAG: fn rec calls=8190 filtered=0
// CHECK-DAG: fn after calls=2 filtered=0
// CHECK-DAG: fn run calls=1 filtered=0
// The thread counts every call: 2 x 100,001 + 2 + 1.
// THREADS: thread calls=200005 ended=1 resyncs=0 overflow=191812
// After the recursion, after() lands under run again; the deepest context
// (run, then 4095 of rec) holds the overflowed calls.
// TREE: path run calls=1 folded=0
// TREE-NEXT: path run;after calls=2 folded=0
// TREE-NEXT: path run;rec calls=2 folded=0
// TREE-NEXT: depth 4096 rec calls=2 folded=191812
// TREE-NOT: depth
// With 1000 contexts (the root, run, then 998 of rec), the rest of each
// recursion folds into the deepest, and after() into run.
// SMALL-DAG: fn rec calls=1996 filtered=0
// SMALL-DAG: fn after calls=0 filtered=0
// SMALLTREE: path run calls=1 folded=2
// SMALLTREE-NEXT: path run;rec calls=2 folded=0
// SMALLTREE-NEXT: depth 1 run calls=1 folded=2
// SMALLTREE-NEXT: depth 999 rec calls=2 folded=198006
// NODES: 1000
#include <frugal/frugal.h>
#include <pthread.h>
#include <stdio.h>

enum { Depth = 100000 };

// Under TSan, rec() is left to frugal's hooks: its 100,001-deep recursion
// would overflow TSan's own fixed call stack (see the header).
#include "Inputs/tsan-stack.h"

static volatile long Sink, Last;
// Not a tail call, nor an accumulator recursion that the optimiser turns
// into a loop: the result has a second use.
FRUGAL_ALWAYS_INSTRUMENT NOT_IN_TSAN_STACK __attribute__((noinline)) long
rec(long N) {
  if (N == 0)
    return Sink;
  long R = rec(N - 1);
  Last = R;
  return N + R;
}

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) long after(long V) {
  return V + Sink;
}

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void *run(void *Out) {
  long Sum = 0;
  for (int I = 0; I < 2; ++I)
    Sum = after(rec(Depth));
  *(long *)Out = Sum;
  return NULL;
}

int main(void) {
  pthread_attr_t Attr;
  pthread_attr_init(&Attr);
  pthread_attr_setstacksize(&Attr, 256u << 20);
  pthread_t T;
  long Sum = 0;
  if (pthread_create(&T, &Attr, run, &Sum))
    return 1;
  pthread_join(T, NULL);
  printf("depth %d sum %ld\n", Depth, Sum);
  return 0;
}
