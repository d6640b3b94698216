//===- AllocTracking.h - FRUGAL_TRACK_ALLOC: allocations per function -----===//
//
// With FRUGAL_TRACK_ALLOC=1, malloc, calloc, realloc, reallocarray,
// posix_memalign, aligned_alloc, memalign, valloc, pvalloc, free and the
// global operator new/delete are interposed (shared runtime only,
// Interpose.cpp) and every allocation is charged to the calling thread's
// top calling-context node (NodeMetrics.h alloc slots; Recorder.h). See
// docs/memory.md.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ALLOC_ALLOCTRACKING_H
#define FRUGAL_RUNTIME_ALLOC_ALLOCTRACKING_H

#include "Env.h"

namespace frugal::rt::alloc {

// Reads FRUGAL_TRACK_ALLOC (a bad value: one warning, off). True when
// tracking is wanted and possible; before setMetricLayout.
bool configureAllocTracking(EnvLookup Lookup = nullptr,
                            WarnSink Warn = nullptr);
// Starts recording (after the metric layout is fixed).
void startAllocTracking();

} // namespace frugal::rt::alloc

#endif // FRUGAL_RUNTIME_ALLOC_ALLOCTRACKING_H
