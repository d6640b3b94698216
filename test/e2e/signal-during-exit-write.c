// A SIGTERM that arrives while the profile is being written at exit, and is
// handled by another thread (the writer holds it blocked), waits for the
// file to be in place before the process dies by it.
// RUN: rm -rf %t && mkdir -p %t/out
// RUN: %clang -O1 -g -pthread -I%include -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: env FRUGAL_OUTPUT=%t/out/p.json %expect-exit -15 %default-signals %t/exe %t/out
// RUN: %query %t/out/p.json get program.end | FileCheck %s --check-prefix=END
// RUN: %query %t/out/p.json check | FileCheck %s --check-prefix=OK
// RUN: ls %t/out | FileCheck %s --check-prefix=FILES

// END: "exit"
// OK: ok
// FILES: p.json
// FILES-NOT: tmp
#include <dirent.h>
#include <frugal/frugal.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#define BRANCH(Name, A, B, C, D)                                               \
  FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void Name(int Depth) {   \
    if (Depth == 0)                                                            \
      return;                                                                  \
    A(Depth - 1);                                                              \
    B(Depth - 1);                                                              \
    C(Depth - 1);                                                              \
    D(Depth - 1);                                                              \
  }
void w(int);
void x(int);
void y(int);
void z(int);
// 4^9 distinct calling contexts: a profile that takes a while to write.
BRANCH(w, w, x, y, z)
BRANCH(x, w, x, y, z)
BRANCH(y, w, x, y, z)
BRANCH(z, w, x, y, z)

static const char *Dir;
static volatile int Watching;

// Sends SIGTERM to the process as soon as the writer's temporary file shows.
static void *watcher(void *Arg) {
  (void)Arg;
  Watching = 1;
  for (;;) {
    DIR *D = opendir(Dir);
    struct dirent *E;
    while (D && (E = readdir(D)))
      if (strstr(E->d_name, ".tmp.")) {
        kill(getpid(), SIGTERM);
        for (;;)
          pause();
      }
    if (D)
      closedir(D);
  }
  return 0;
}

int main(int Argc, char **Argv) {
  if (Argc < 2)
    return 2;
  Dir = Argv[1];
  w(9);
  pthread_t T;
  pthread_create(&T, 0, watcher, 0);
  while (!Watching)
    ;
  return 0;
}
