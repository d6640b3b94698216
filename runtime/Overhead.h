//===- Overhead.h - Measuring what the hooks themselves cost --------------===//
//
// Every instrumented call adds an enter+exit pair ("pair") to its callers'
// intervals, and part of that pair ("inner": from the timestamp in enter to
// its return, and from exit's start to its timestamp) to its own. Both are
// measured once at start-up on a private thread state, with a dummy record,
// as the minimum over a series of batches of back-to-back pairs (the minimum
// rejects interrupts and migrations), then subtracted: inner from each
// call, pair once per instrumented descendant call.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_OVERHEAD_H
#define FRUGAL_RUNTIME_OVERHEAD_H

#include "ThreadState.h"

#include "frugal/abi.h"

namespace frugal::rt {

using HookFn = void (*)(frugal_func_record *, void *);

// Runs Batches x PairsPerBatch pairs of Enter/Exit (the real exported hooks,
// called like instrumented code calls them) on the calling thread with
// CurrentThread temporarily pointing at a scratch state.
// Many short batches: a batch is spoilt by one interrupt, and at start-up
// the core may still be ramping its clock up; about 0.5 ms in all.
HookCost measureHookCost(HookFn Enter, HookFn Exit, unsigned Batches = 20,
                         unsigned PairsPerBatch = 500);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_OVERHEAD_H
