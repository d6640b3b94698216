// Argument recording with 8 threads calling the same functions, one of them
// recursive: each function keeps 16 whole rows (no row mixes two calls),
// drawn from several threads.
// RUN: rm -rf %t && mkdir -p %t
// RUN: env FRUGAL_RECORD_ARGS=1 %frugal-clangxx -O2 -pthread %s -o %t/exe
// RUN: env FRUGAL_OUTPUT=%t/p.json %t/exe | FileCheck %s --check-prefix=OUT
// RUN: %python %S/Inputs/check_args.py %t/p.json relation 'work(int, long)' 'tag == t * 1000003 + 7 and 0 <= t < 8' | FileCheck %s
// RUN: %python %S/Inputs/check_args.py %t/p.json relation 'depth(int, int, int)' '0 <= level <= 12 and t < 8 and t * 1000 + level == key' | FileCheck %s
// RUN: %python %S/Inputs/check_args.py %t/p.json stats 'work(int, long)' | FileCheck %s --check-prefix=SPREAD
// RUN: %query %t/p.json check | FileCheck %s --check-prefix=OK

// OUT: done 8
// CHECK: relation ok rows=16
// All 16 from one of 8 equally busy threads: chance 8^-15.
// SPREAD: stats rows=16 distinct={{[2-9]|1[0-6]}} min=
// OK: ok
#include <frugal/frugal.h>

#include <cstdio>
#include <thread>
#include <vector>

volatile long Sink;

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void work(int t, long tag) {
  Sink = tag + t;
}

// key repeats level and t so that a row mixing two calls shows.
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int depth(int level, int t,
                                                             int key) {
  if (level == 0)
    return 1;
  return depth(level - 1, t, key - 1) + depth(level - 1, t, key - 1);
}

FRUGAL_ALWAYS_INSTRUMENT void thread(int T) {
  for (int I = 0; I < 20000; ++I)
    work(T, T * 1000003L + 7);
  Sink = depth(12, T, T * 1000 + 12);
}

int main() {
  std::vector<std::thread> Threads;
  for (int T = 0; T < 8; ++T)
    Threads.emplace_back(thread, T);
  for (std::thread &T : Threads)
    T.join();
  std::printf("done %zu\n", Threads.size());
  return 0;
}
