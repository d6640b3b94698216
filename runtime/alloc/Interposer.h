//===- Interposer.h - What the core asks of the allocator interposer ------===//
//
// Interpose.cpp defines malloc, free, operator new, ... and goes into the
// shared runtime only: in a static archive its malloc would clash with a
// static libc's. The core (AllocTracking.cpp) refers to it weakly, so that
// in the static runtime (and in the unit tests) the function's address is
// null: no interposer, allocation tracking is unavailable.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ALLOC_INTERPOSER_H
#define FRUGAL_RUNTIME_ALLOC_INTERPOSER_H

#include <stddef.h>

namespace frugal::rt::alloc {

// True when the process's malloc (the first definition in symbol lookup
// order) is the interposer's. Otherwise the interposer never sees the
// program's allocations (the runtime was loaded with dlopen, or another
// allocator comes first): false, with the path of the object whose malloc
// is used in Owner (Capacity bytes, NUL-terminated).
bool interposerInUse(char *Owner, size_t Capacity);

} // namespace frugal::rt::alloc

#endif // FRUGAL_RUNTIME_ALLOC_INTERPOSER_H
