//===- ThreadRegistry.cpp - All thread states, alive or ended -------------===//
#include "ThreadRegistry.h"

#include "Clock.h"
#include "Compiler.h"
#include "SystemInfo.h"
#include "ThreadState.h"

#include <charconv>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace frugal::rt {

namespace {

constinit ThreadList Threads;
constinit pthread_key_t ExitKey;
constinit bool HaveExitKey = false;

void onThreadExit(void *P) {
  auto *TS = static_cast<ThreadState *>(P);
  // Keep everything: the profile is written later. The thread may still run
  // hooks from later TLS destructors; they keep working on this state.
  TS->EndTicks = readTicks();
  prctl(PR_GET_NAME, TS->ExitName, 0, 0, 0);
  // Later hooks no longer read rdpmc counters: once the sampler has taken
  // this thread's last counts it unmaps their pages (counters/).
  TS->NumRdpmc = 0;
  storeRelease(TS->Ended, 1u);
}

} // namespace

void ThreadList::add(ThreadState *TS) {
  lock();
  TS->Index = Count++;
  if (Tail)
    storeRelease(Tail->Next, TS);
  else
    storeRelease(Head, TS);
  Tail = TS;
  unlock();
}

ThreadState *ThreadList::first() const { return loadAcquire(Head); }

void ThreadList::clearAfterFork() {
  storeRelease(Head, static_cast<ThreadState *>(nullptr));
  Tail = nullptr;
  Count = 0;
}

ThreadList &threadList() { return Threads; }

bool createThreadExitKey() {
  if (!HaveExitKey)
    HaveExitKey = pthread_key_create(&ExitKey, onThreadExit) == 0;
  return HaveExitKey;
}

void watchThreadExit(ThreadState *TS) {
  if (HaveExitKey)
    pthread_setspecific(ExitKey, TS);
}

void captureThreadIdentity(ThreadState &TS) {
  TS.Tid = static_cast<int32_t>(syscall(SYS_gettid));
  char Name[16] = {};
  if (prctl(PR_GET_NAME, Name, 0, 0, 0) == 0)
    memcpy(TS.Name, Name, sizeof(Name));
}

void currentThreadName(const ThreadState &TS, bool Refresh, char (&Out)[16]) {
  memcpy(Out, TS.Name, sizeof(Out));
  Out[sizeof(Out) - 1] = '\0';
  if (loadAcquire(TS.Ended)) {
    if (TS.ExitName[0]) {
      memcpy(Out, TS.ExitName, sizeof(Out));
      Out[sizeof(Out) - 1] = '\0';
    }
    return;
  }
  if (!Refresh)
    return;
  char Path[64] = "/proc/self/task/";
  char *P = Path + strlen(Path);
  P = std::to_chars(P, Path + sizeof(Path) - 6, TS.Tid).ptr;
  memcpy(P, "/comm", 6);
  char Buf[32];
  size_t Len = 0;
  if (!readSmallFile(Path, Buf, sizeof(Buf), Len) || Len == 0)
    return;
  if (Buf[Len - 1] == '\n')
    --Len;
  if (Len > sizeof(Out) - 1)
    Len = sizeof(Out) - 1;
  memcpy(Out, Buf, Len);
  Out[Len] = '\0';
}

} // namespace frugal::rt
