//===- Regions.h - Named regions interned by name -------------------------===//
//
// A region name maps to one id for the whole process. The global table is
// locked only when a thread meets a name pointer it has not cached; the
// per-thread cache is keyed by the caller's pointer (string literals repeat)
// and rechecked with strcmp, since a caller may reuse a buffer for another
// name.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_REGIONS_H
#define FRUGAL_RUNTIME_REGIONS_H

#include "IdSpace.h"

#include <pthread.h>
#include <stdint.h>

namespace frugal::rt {

struct ThreadState;

struct RegionInfo {
  RegionInfo *Next;     // append-only list, registration order
  RegionInfo *HashNext; // bucket chain
  uint32_t Id;
  uint32_t Hash;
  char Name[];          // copied
};

class RegionTable {
public:
  static constexpr unsigned NumBuckets = 256;

  constexpr explicit RegionTable(IdSpace &Ids) : Ids(Ids) {}

  // The region for Name, created on first sight; nullptr when out of memory.
  RegionInfo *intern(const char *Name);
  // The region for Name if it exists.
  RegionInfo *find(const char *Name);

  // Lock-free: entries are published complete and never removed.
  RegionInfo *first() const;

  void lock() { pthread_mutex_lock(&Mutex); }
  void unlock() { pthread_mutex_unlock(&Mutex); }

private:
  RegionInfo *lookupLocked(const char *Name, uint32_t Hash);

  IdSpace &Ids;
  pthread_mutex_t Mutex = PTHREAD_MUTEX_INITIALIZER;
  RegionInfo *Buckets[NumBuckets] = {};
  RegionInfo *Head = nullptr;
  RegionInfo *Tail = nullptr;
};

// Through TS's cache: Create=false only looks up (for region end).
RegionInfo *lookupRegion(ThreadState &TS, RegionTable &Table,
                         const char *Name, bool Create);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_REGIONS_H
