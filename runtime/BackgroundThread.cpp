//===- BackgroundThread.cpp - The runtime's own detached threads ----------===//
#include "BackgroundThread.h"

#include <pthread.h>
#include <signal.h>

namespace frugal::rt {

bool startBackgroundThread(void *(*Main)(void *), void *Arg) {
  sigset_t All, Saved;
  sigfillset(&All);
  pthread_sigmask(SIG_SETMASK, &All, &Saved); // inherited by the new thread
  pthread_t Thread;
  int Err = pthread_create(&Thread, nullptr, Main, Arg);
  pthread_sigmask(SIG_SETMASK, &Saved, nullptr);
  if (Err != 0)
    return false;
  pthread_detach(Thread);
  return true;
}

} // namespace frugal::rt
