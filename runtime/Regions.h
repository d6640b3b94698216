//===- Regions.h - Named regions interned by name -------------------------===//
//
// A region name maps to one id for the whole process. The global table is
// locked only when a thread meets a name pointer it has not cached; the
// per-thread cache is keyed by the caller's pointer (string literals repeat)
// and rechecked with strcmp, since a caller may reuse a buffer for another
// name.
//
// frugal_region_items adds units of work to a region (interning it if it has
// not begun): a lock-free add to its count, and its unit name claimed once.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_REGIONS_H
#define FRUGAL_RUNTIME_REGIONS_H

#include "IdSpace.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

namespace frugal::rt {

struct ThreadState;

struct RegionInfo {
  static constexpr size_t UnitCapacity = 32; // unit names, NUL included

  RegionInfo *Next;     // append-only list, registration order
  RegionInfo *HashNext; // bucket chain
  uint32_t Id;
  uint32_t Hash;
  // frugal_region_items, all accessed atomically: the writer reads them
  // while threads add.
  uint64_t Items;       // saturates at INT64_MAX, the profile's limit
  uint8_t ItemsCounted; // 1 once any call came, even with a count of 0
  uint8_t UnitState;    // UnitUnset, UnitClaimed (being copied), UnitSet
  char Unit[UnitCapacity];
  char Name[]; // copied
};

enum : uint8_t { UnitUnset, UnitClaimed, UnitSet };

enum class ItemsResult { Added, UnitCut };

// Adds Count to R's items; Unit (null or empty: none) is kept if R has none
// yet, cut to UnitCapacity - 1 bytes at a character boundary (UnitCut).
// Lock-free and allocation-free.
ItemsResult addRegionItems(RegionInfo &R, uint64_t Count, const char *Unit);
// The unit the profile shows: the one kept, else "items".
const char *regionItemsUnit(const RegionInfo &R);

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

  // A forked child counts its own items from 0 (units and the fact that a
  // region counts items stay, like the regions themselves).
  void resetItemsAfterFork();

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
RegionInfo *lookupRegion(ThreadState &TS, RegionTable &Table, const char *Name,
                         bool Create);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_REGIONS_H
