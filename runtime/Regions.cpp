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

RegionInfo *lookupRegion(ThreadState &TS, RegionTable &Table,
                         const char *Name, bool Create) {
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
