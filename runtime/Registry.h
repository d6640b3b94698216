//===- Registry.h - Instrumented modules and their function records -------===//
//
// Each executable or shared object registers its records once per module
// (translation unit) with the same [begin, end): entries are deduplicated
// by begin with a reference count. When the count drops to zero (dlclose, or
// exit) the records and their strings are copied into runtime memory since
// the object's memory is about to go away.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_REGISTRY_H
#define FRUGAL_RUNTIME_REGISTRY_H

#include "IdSpace.h"

#include "frugal/abi.h"

#include <pthread.h>
#include <stdint.h>

namespace frugal::rt {

struct ArgSampler;

struct ModuleEntry {
  ModuleEntry *Next;            // append-only list
  frugal_func_record *Begin;    // the object's section (identity)
  frugal_func_record *Records;  // Begin while loaded, a copy afterwards
  uint32_t NumRecords;
  uint32_t RefCount;
  bool Loaded;
  const char *Path;             // runtime-owned copies
  const char *LlvmVersion;
  const char *Filter;
  // Argument recording (abi.h): the object's descriptors as registered
  // (identity), and per record (same index as Records) its sampler or
  // nullptr; both nullptr when no module of the object records arguments.
  frugal_args_desc *ArgsBegin;
  ArgSampler **Args;
};

class Registry {
public:
  constexpr explicit Registry(IdSpace &Ids) : Ids(Ids) {}

  // Path: where the records live (resolved by the caller, see
  // SystemInfo.h). Returns the entry, or nullptr when nothing was kept.
  ModuleEntry *registerModule(const frugal_module_info *Info,
                              frugal_func_record *Begin,
                              frugal_func_record *End, const char *Path);
  // CopyRecords: false when nothing will read them again (final profile
  // already written), which spares the copy at exit.
  void unregisterModule(frugal_func_record *Begin, bool CopyRecords);
  // Gives each descriptor its sampler, filed under the loaded module whose
  // records its function's record is in. Idempotent for one object.
  void registerArgs(frugal_args_desc *Begin, frugal_args_desc *End);
  // In a forked child (one thread, lock free): empties every sample.
  void resetArgSamples();

  // The profile writer holds the lock while it reads records (a dlclose in
  // another thread must wait). Only try-locks: it may run in a signal
  // handler that interrupted a registration.
  bool tryLockFor(uint64_t TimeoutNs);
  void lock() { pthread_mutex_lock(&Mutex); }
  void unlock() { pthread_mutex_unlock(&Mutex); }

  // Under the lock: modules in registration order.
  ModuleEntry *first() const { return Head; }

private:
  IdSpace &Ids;
  pthread_mutex_t Mutex = PTHREAD_MUTEX_INITIALIZER;
  ModuleEntry *Head = nullptr;
  ModuleEntry *Tail = nullptr;
};

// Stable name of a frugal_filter_reason for the profile.
const char *filterReasonName(uint32_t Reason);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_REGISTRY_H
