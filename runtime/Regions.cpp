//===- Regions.cpp - Named regions interned by name -----------------------===//
#include "Regions.h"

#include "Compiler.h"
#include "Memory.h"
#include "ThreadState.h"

#include <string.h>

namespace frugal::rt {

namespace {

uint32_t hashName(const char *S) { // FNV-1a
  uint32_t H = 2166136261u;
  for (; *S; ++S)
    H = (H ^ static_cast<unsigned char>(*S)) * 16777619u;
  return H;
}

unsigned cacheSlot(const char *Name) {
  uintptr_t P = reinterpret_cast<uintptr_t>(Name);
  return static_cast<unsigned>((P ^ (P >> 7)) % ThreadState::RegionCacheSize);
}

} // namespace

RegionInfo *RegionTable::lookupLocked(const char *Name, uint32_t Hash) {
  for (RegionInfo *R = Buckets[Hash % NumBuckets]; R; R = R->HashNext)
    if (R->Hash == Hash && !strcmp(R->Name, Name))
      return R;
  return nullptr;
}

RegionInfo *RegionTable::intern(const char *Name) {
  uint32_t Hash = hashName(Name);
  lock();
  RegionInfo *R = lookupLocked(Name, Hash);
  if (!R) {
    size_t Len = strlen(Name);
    R = static_cast<RegionInfo *>(
        permanentAllocate(sizeof(RegionInfo) + Len + 1));
    if (R) {
      memcpy(R->Name, Name, Len + 1);
      R->Hash = Hash;
      R->Id = Ids.allocate();
      R->HashNext = Buckets[Hash % NumBuckets];
      Buckets[Hash % NumBuckets] = R;
      if (Tail)
        storeRelease(Tail->Next, R);
      else
        storeRelease(Head, R);
      Tail = R;
    }
  }
  unlock();
  return R;
}

RegionInfo *RegionTable::find(const char *Name) {
  uint32_t Hash = hashName(Name);
  lock();
  RegionInfo *R = lookupLocked(Name, Hash);
  unlock();
  return R;
}

RegionInfo *RegionTable::first() const { return loadAcquire(Head); }

void RegionTable::resetItemsAfterFork() {
  for (RegionInfo *R = first(); R; R = loadAcquire(R->Next))
    storeRelaxed(R->Items, uint64_t(0));
}

namespace {

constexpr uint64_t MaxItems = INT64_MAX;

// Keeps the first unit: one thread claims the buffer, copies, publishes;
// the others (and a signal handler that interrupts the copy) move on.
bool claimUnit(RegionInfo &R, const char *Unit) {
  uint8_t Expected = UnitUnset;
  if (loadRelaxed(R.UnitState) != UnitUnset ||
      !__atomic_compare_exchange_n(&R.UnitState, &Expected, UnitClaimed, false,
                                   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
    return false;
  size_t Len = strnlen(Unit, RegionInfo::UnitCapacity);
  bool Cut = Len == RegionInfo::UnitCapacity;
  if (Cut) {
    Len = RegionInfo::UnitCapacity - 1;
    // Not inside a UTF-8 sequence: back over continuation bytes.
    while (Len > 0 && (static_cast<unsigned char>(Unit[Len]) & 0xC0) == 0x80)
      --Len;
  }
  memcpy(R.Unit, Unit, Len);
  R.Unit[Len] = '\0';
  storeRelease(R.UnitState, uint8_t(UnitSet));
  return Cut;
}

} // namespace

ItemsResult addRegionItems(RegionInfo &R, uint64_t Count, const char *Unit) {
  bool Cut = Unit && *Unit && claimUnit(R, Unit);
  if (!loadRelaxed(R.ItemsCounted))
    storeRelaxed(R.ItemsCounted, uint8_t(1));
  // Saturating, so that the total stays a JSON integer readers accept.
  uint64_t Old = loadRelaxed(R.Items), New;
  do
    New = Count > MaxItems - Old ? MaxItems : Old + Count;
  while (New != Old &&
         !__atomic_compare_exchange_n(&R.Items, &Old, New, /*weak=*/true,
                                      __ATOMIC_RELAXED, __ATOMIC_RELAXED));
  return Cut ? ItemsResult::UnitCut : ItemsResult::Added;
}

const char *regionItemsUnit(const RegionInfo &R) {
  return loadAcquire(R.UnitState) == UnitSet ? R.Unit : "items";
}

RegionInfo *lookupRegion(ThreadState &TS, RegionTable &Table, const char *Name,
                         bool Create) {
  RegionCacheEntry &E = TS.RegionCache[cacheSlot(Name)];
  if (E.Name == Name && E.Info && !strcmp(E.Info->Name, Name))
    return E.Info;
  RegionInfo *R = Create ? Table.intern(Name) : Table.find(Name);
  if (R) {
    E.Name = Name;
    E.Info = R;
  }
  return R;
}

} // namespace frugal::rt
