//===- ThreadRegistry.h - All thread states, alive or ended ---------------===//
//
// Every thread state is appended to one list when it is created (a mutex,
// once per thread) and stays there: the profile reports threads that ended
// before it was written. A pthread key destructor marks a state ended; the
// key is created at initialisation so that its index is small and glibc
// stores its value without allocating.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_THREADREGISTRY_H
#define FRUGAL_RUNTIME_THREADREGISTRY_H

#include <pthread.h>
#include <stdint.h>

namespace frugal::rt {

struct ThreadState;

class ThreadList {
public:
  constexpr ThreadList() = default;

  // Assigns the state's index and publishes it.
  void add(ThreadState *TS);
  // Lock-free walk: states are published complete and never removed.
  ThreadState *first() const;

  void lock() { pthread_mutex_lock(&Mutex); }
  void unlock() { pthread_mutex_unlock(&Mutex); }
  // In a forked child: the parent's threads do not exist there.
  void clearAfterFork();

private:
  pthread_mutex_t Mutex = PTHREAD_MUTEX_INITIALIZER;
  ThreadState *Head = nullptr;
  ThreadState *Tail = nullptr;
  uint32_t Count = 0;
};

ThreadList &threadList();

// Creates the key whose destructor marks the calling thread's state ended.
bool createThreadExitKey();
// Arms the destructor for the calling thread.
void watchThreadExit(ThreadState *TS);

// Fills Tid and Name for the calling thread.
void captureThreadIdentity(ThreadState &TS);
// The thread's current name: for a running thread re-read from /proc (it
// may have been renamed since it started), for an ended one the name it had
// when it ended. Never writes TS: the writer only reads other threads.
void currentThreadName(const ThreadState &TS, bool Refresh, char (&Out)[16]);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_THREADREGISTRY_H
