// Threads that come and go: each opens a counter group at its first
// instrumented call; the sampler closes it once the thread has ended, so
// the descriptors in use stay bounded. Prints how many are open at the end.
#include <dirent.h>
#include <frugal/frugal.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static volatile int Sink;
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) static void *work(void *A) {
  for (int I = 0; I < 1000; ++I)
    Sink = Sink + I;
  return A;
}

FRUGAL_NO_INSTRUMENT static int openFds(void) {
  int N = 0;
  DIR *D = opendir("/proc/self/fd");
  while (D && readdir(D))
    ++N;
  if (D)
    closedir(D);
  return N;
}

FRUGAL_ALWAYS_INSTRUMENT int main(void) {
  int Before = openFds();
  for (int I = 0; I < 300; ++I) {
    pthread_t T;
    if (pthread_create(&T, NULL, work, NULL) == 0)
      pthread_join(T, NULL);
  }
  usleep(100000); // a few sampler ticks
  printf("extra-fds-below-40 %d\n", openFds() - Before < 40);
  return 0;
}
