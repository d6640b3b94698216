// A forked child's profile covers the child only: its samples too.
// RUN: rm -rf %t && mkdir -p %t
// RUN: env FRUGAL_RECORD_ARGS=1 %clang -O1 -g -I%include -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: env FRUGAL_OUTPUT=%t/p.json %t/exe
// RUN: %python %S/Inputs/check_args.py %t/p.json show | FileCheck %s --check-prefix=PARENT
// RUN: %python -c "import glob,shutil; shutil.copy(glob.glob('%t/p.json.*')[0], '%t/child.json')"
// RUN: %python %S/Inputs/check_args.py %t/child.json show | FileCheck %s --check-prefix=CHILD

// PARENT:      args step names=phase rows=10 note=-
// PARENT-NEXT:   row 1 x10
// CHILD:      args step names=phase rows=3 note=-
// CHILD-NEXT:   row 2 x3
#include <frugal/frugal.h>
#include <sys/wait.h>
#include <unistd.h>

volatile int Sink;

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void step(int phase) {
  Sink = phase;
}

int main(void) {
  for (int I = 0; I < 10; ++I)
    step(1);
  pid_t Child = fork();
  if (Child == 0) {
    for (int I = 0; I < 3; ++I)
      step(2);
    return 0;
  }
  int Status;
  waitpid(Child, &Status, 0);
  return WIFEXITED(Status) ? WEXITSTATUS(Status) : 1;
}
