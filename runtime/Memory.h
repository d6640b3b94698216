//===- Memory.h - mmap-backed memory, never malloc ------------------------===//
//
// The runtime never calls malloc: a profiler may interpose malloc itself, and
// the profile writer runs in signal handlers. Memory comes from mmap, either
// page by page (thread states, tree chunks), from a bump Arena released as
// a whole (the writer's merge), or from the permanent arena (copies of
// strings and records that must outlive their module).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_MEMORY_H
#define FRUGAL_RUNTIME_MEMORY_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

namespace frugal::rt {

// Zeroed, page-aligned, private memory; nullptr on failure.
void *mapPages(size_t Bytes);
void unmapPages(void *P, size_t Bytes);

// Bump allocator over mmap blocks. Not thread-safe: each user owns one.
// Trivially destructible so that a global one is never torn down at exit
// while hooks still run; ScopedArena releases on scope exit.
class Arena {
public:
  constexpr Arena() = default;
  Arena(const Arena &) = delete;
  Arena &operator=(const Arena &) = delete;

  // Zeroed memory, or nullptr when mmap fails.
  void *allocate(size_t Bytes, size_t Align = 16);
  template <class T> T *allocateArray(size_t N) {
    if (N > SIZE_MAX / sizeof(T))
      return nullptr;
    return static_cast<T *>(allocate(N * sizeof(T), alignof(T)));
  }
  // Copy of a NUL-terminated string (nullptr stays nullptr).
  char *copyString(const char *S);
  void releaseAll();
  // Forget the blocks without unmapping (after fork they belong to no one).
  void abandon() { Last = nullptr; }

private:
  struct Block {
    Block *Prev;
    size_t Size; // bytes in the mapping, header included
    size_t Used;
  };
  static constexpr size_t MinBlockBytes = 1 << 20;
  Block *Last = nullptr;
};

class ScopedArena : public Arena {
public:
  ~ScopedArena() { releaseAll(); }
};

// Process-wide arena for data kept until exit; thread-safe (mutex).
void *permanentAllocate(size_t Bytes, size_t Align = 16);
char *permanentCopyString(const char *S);
// pthread_atfork plumbing.
void permanentArenaLock();
void permanentArenaUnlock();

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_MEMORY_H
