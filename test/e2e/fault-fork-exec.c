// fork + exec of an instrumented program: the exec'd child is a new process
// with its own runtime and, with %p in the template, its own profile; the
// parent's is unaffected, and both are valid. (fork without exec:
// fork.c.) Without %p, both processes have the same path and the last to
// exit wins: here the parent, which waits for its child.
// RUN: rm -rf %t && mkdir -p %t/p %t/q
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: %clang -I%include -O1 -g %s -o %t/plain
// RUN: %expect-exit 5 %t/plain > %t/plain.out
// RUN: env FRUGAL_OUTPUT=%t/p/p-%%p.json %expect-exit 5 %t/exe > %t/p.out
// RUN: diff %t/plain.out %t/p.out
// RUN: FileCheck %s --check-prefix=OUT < %t/p.out
// RUN: ls %t/p | FileCheck %s --check-prefix=FILES
// RUN: %python -c "import glob,json,shutil; ps=sorted(glob.glob('%t/p/p-*.json'), key=lambda p: json.load(open(p))['program']['pid']); [shutil.copy(p, '%t/%%d.json' %% i) for i, p in enumerate(ps)]"
// RUN: %python -c "import json; a,b=[json.load(open('%t/%%d.json' %% i)) for i in (0,1)]; print('distinct', a['program']['pid'] != b['program']['pid'])" | FileCheck %s --check-prefix=DISTINCT
// RUN: %query %t/0.json get program.end | FileCheck %s --check-prefix=END
// RUN: %query %t/1.json get program.end | FileCheck %s --check-prefix=END
// RUN: %query %t/0.json check | FileCheck %s --check-prefix=OK
// RUN: %query %t/1.json check | FileCheck %s --check-prefix=OK
// RUN: %query %t/0.json functions > %t/fns0
// RUN: %query %t/1.json functions > %t/fns1
// RUN: cat %t/fns0 %t/fns1 | FileCheck %s --check-prefix=BOTH
// RUN: env FRUGAL_OUTPUT=%t/q/q.json %expect-exit 5 %t/exe > /dev/null
// RUN: ls %t/q | FileCheck %s --check-prefix=ONE
// RUN: %query %t/q/q.json functions | FileCheck %s --check-prefix=PARENT
// OUT: child exited 4
// OUT-NEXT: parent done
// FILES-COUNT-2: p-{{[0-9]+}}.json
// FILES-NOT: tmp
// DISTINCT: distinct True
// END: "exit"
// OK: ok
// The two profiles, in either order: the parent's (parentWork) and the
// exec'd child's (childWork only).
// BOTH-DAG: fn childWork calls=3 filtered=0
// BOTH-DAG: fn parentWork calls=2 filtered=0
// BOTH-DAG: fn childWork calls=0 filtered=0
// BOTH-DAG: fn parentWork calls=0 filtered=0
// ONE: q.json
// ONE-NOT: q
// PARENT: fn parentWork calls=2 filtered=0
#include <frugal/frugal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

volatile int Sink;
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void parentWork(int I) {
  Sink += I;
}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void childWork(int I) {
  Sink += I;
}

int main(int Argc, char **Argv) {
  if (Argc > 1 && !strcmp(Argv[1], "child")) {
    for (int I = 0; I < 3; ++I)
      childWork(I);
    return 4;
  }
  parentWork(1);
  fflush(stdout);
  pid_t Pid = fork();
  if (Pid == 0) {
    execl("/proc/self/exe", Argv[0], "child", (char *)NULL);
    _exit(127);
  }
  int Status = 0;
  waitpid(Pid, &Status, 0);
  parentWork(2);
  printf("child exited %d\nparent done\n", WEXITSTATUS(Status));
  return 5;
}
