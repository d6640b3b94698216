//===- counter_hooks.cpp - The hooks' cost with rdpmc counters ------------===//
//
// The rdpmc path reads each event's perf mmap page at every switch of the
// top frame. Machines without a PMU (these VMs) cannot run it for real, so
// this drives the tracer directly (as the unit tests do) with 0, 2 and 4
// counters on fake pages whose index is 0: the page protocol, the
// subtraction and the node update are measured, the rdpmc instruction
// itself is not (tens of cycles on real hardware; see docs/performance.md).
//
//===----------------------------------------------------------------------===//
#include "NodeMetrics.h"
#include "ThreadState.h"
#include "Tracer.h"

#include <benchmark/benchmark.h>
#include <linux/perf_event.h>

namespace {

using namespace frugal::rt;

struct TscClock {
  static uint64_t now() { return __builtin_ia32_rdtsc(); }
};

alignas(8) char KeyLeaf;

void enterExit(benchmark::State &State) {
  uint32_t Counters = uint32_t(State.range(0));
  setMetricLayout(MaxEvents, false);
  ThreadState *TS = ThreadState::create(ThreadLimits(), HookCost());
  static perf_event_mmap_page Pages[MaxEvents];
  static RdpmcCounter Rdpmc[MaxEvents];
  for (uint32_t I = 0; I < Counters; ++I) {
    Pages[I].cap_user_rdpmc = 1;
    Pages[I].pmc_width = 48;
    Rdpmc[I] = RdpmcCounter{&Pages[I], 0, I};
  }
  TS->Rdpmc = Rdpmc;
  TS->NumRdpmc = Counters;
  uintptr_t Frame = 1000;
  for (auto _ : State) {
    pushFrame<TscClock>(*TS, uintptr_t(&KeyLeaf), 1, Frame);
    popFrame(*TS, uintptr_t(&KeyLeaf), Frame, TscClock::now());
  }
  State.SetItemsProcessed(State.iterations());
  TS->NumRdpmc = 0;
  setMetricLayout(0, false);
}
BENCHMARK(enterExit)->Arg(0)->Arg(2)->Arg(4);

} // namespace

BENCHMARK_MAIN();
