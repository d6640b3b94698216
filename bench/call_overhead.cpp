//===- call_overhead.cpp - Cost per instrumented call ---------------------===//
//
// The same call-heavy kernels are compiled several times with different
// instrumentation (see bench/CMakeLists.txt); each binary reports calls per
// second (items_per_second), and bench/calls/run.sh subtracts the
// uninstrumented time to get the cost per call (entry + exit) of each kind
// of instrumentation.
//
//===----------------------------------------------------------------------===//

#include <frugal/frugal.h>

#include <benchmark/benchmark.h>

namespace {

// A small leaf that the optimiser cannot inline (noinline) nor remove (the
// result is consumed). FRUGAL_ALWAYS_INSTRUMENT: frugal's default filter
// would skip a function this small.
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int leaf(int X) {
  benchmark::DoNotOptimize(X);
  return X * 3 + 1;
}

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int recurse(int N) {
  if (N < 2)
    return N;
  return (recurse(N - 1) ^ recurse(N - 2)) + 1;
}

// Three leaves called in turn from the same caller: a profiler that caches
// the last callee of each calling context (frugal's one-entry LastHit
// cache) misses on every call, as in a function that calls several helpers.
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int leafA(int X) {
  benchmark::DoNotOptimize(X);
  return X + 1;
}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int leafB(int X) {
  benchmark::DoNotOptimize(X);
  return X ^ 5;
}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int leafC(int X) {
  benchmark::DoNotOptimize(X);
  return X * 7;
}

// Calls made by recurse(20): 2*fib(21)-1 = 21891.
constexpr int RecursionDepth = 20;
constexpr int RecursionCalls = 21891;

void leafCalls(benchmark::State &State) {
  int Acc = 0;
  for (auto _ : State)
    Acc += leaf(Acc);
  benchmark::DoNotOptimize(Acc);
  State.SetItemsProcessed(State.iterations());
}
BENCHMARK(leafCalls);

void recursiveCalls(benchmark::State &State) {
  for (auto _ : State) {
    // Opaque each time: recurse() has no side effects, so a constant
    // argument would let the optimiser hoist the call out of the loop.
    int N = RecursionDepth;
    benchmark::DoNotOptimize(N);
    benchmark::DoNotOptimize(recurse(N));
  }
  State.SetItemsProcessed(State.iterations() * RecursionCalls);
}
BENCHMARK(recursiveCalls);

void alternatingCalls(benchmark::State &State) {
  int Acc = 0;
  for (auto _ : State)
    Acc = leafC(leafB(leafA(Acc)));
  benchmark::DoNotOptimize(Acc);
  State.SetItemsProcessed(State.iterations() * 3);
}
BENCHMARK(alternatingCalls);

} // namespace

BENCHMARK_MAIN();
