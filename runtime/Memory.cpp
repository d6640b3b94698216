//===- Memory.cpp - mmap-backed memory ------------------------------------===//
#include "Memory.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

namespace frugal::rt {

namespace {

size_t pageSize() {
  static constinit size_t Cached = 0;
  if (!Cached)
    Cached = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return Cached;
}

size_t roundUp(size_t N, size_t To) { return (N + To - 1) / To * To; }

constinit pthread_mutex_t PermanentMutex = PTHREAD_MUTEX_INITIALIZER;
constinit Arena Permanent;

} // namespace

void *mapPages(size_t Bytes) {
  void *P = mmap(nullptr, roundUp(Bytes, pageSize()), PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return P == MAP_FAILED ? nullptr : P;
}

void unmapPages(void *P, size_t Bytes) {
  if (P)
    munmap(P, roundUp(Bytes, pageSize()));
}

void *Arena::allocate(size_t Bytes, size_t Align) {
  if (Bytes == 0)
    Bytes = 1;
  if (Last) {
    uintptr_t Base = reinterpret_cast<uintptr_t>(Last);
    uintptr_t P = roundUp(Base + Last->Used, Align);
    if (P + Bytes <= Base + Last->Size && P + Bytes > P) {
      Last->Used = P + Bytes - Base;
      return reinterpret_cast<void *>(P);
    }
  }
  size_t Header = roundUp(sizeof(Block), Align > 16 ? Align : 16);
  if (Bytes > SIZE_MAX / 2 - Header)
    return nullptr;
  size_t Size = Header + Bytes;
  Size = roundUp(Size < MinBlockBytes ? MinBlockBytes : Size, pageSize());
  auto *B = static_cast<Block *>(mapPages(Size));
  if (!B)
    return nullptr;
  B->Prev = Last;
  B->Size = Size;
  B->Used = Header + Bytes;
  Last = B;
  return reinterpret_cast<char *>(B) + Header;
}

char *Arena::copyString(const char *S) {
  if (!S)
    return nullptr;
  size_t N = strlen(S) + 1;
  char *D = static_cast<char *>(allocate(N, 1));
  if (D)
    memcpy(D, S, N);
  return D;
}

void Arena::releaseAll() {
  while (Last) {
    Block *Prev = Last->Prev;
    unmapPages(Last, Last->Size);
    Last = Prev;
  }
}

void *permanentAllocate(size_t Bytes, size_t Align) {
  pthread_mutex_lock(&PermanentMutex);
  void *P = Permanent.allocate(Bytes, Align);
  pthread_mutex_unlock(&PermanentMutex);
  return P;
}

char *permanentCopyString(const char *S) {
  pthread_mutex_lock(&PermanentMutex);
  char *P = Permanent.copyString(S);
  pthread_mutex_unlock(&PermanentMutex);
  return P;
}

void permanentArenaLock() { pthread_mutex_lock(&PermanentMutex); }
void permanentArenaUnlock() { pthread_mutex_unlock(&PermanentMutex); }

} // namespace frugal::rt
