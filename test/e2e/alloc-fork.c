// A forked child's profile covers the child only, allocations too: the
// parent's blocks are forgotten (the child's frees of them lower nothing),
// and its totals start from zero.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: env FRUGAL_TRACK_ALLOC=1 FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/p.json %t/exe | FileCheck %s --check-prefix=OUT
// RUN: %python %S/Inputs/check_alloc.py %t/p.json status on fn parentWork 1000 1 1 1000 1000 fn childWork 0 0 0 0 0 consistent
// RUN: %python -c "import glob,shutil; shutil.copy(glob.glob('%t/p.json.*')[0], '%t/child.json')"
// RUN: %python %S/Inputs/check_alloc.py %t/child.json status on fn parentWork 0 0 0 0 0 fn childWork 300 1 0 0 300 consistent
// RUN: %python -c "import json; a=json.load(open('%t/child.json'))['alloc_tracking']; print('child frees', a['frees'], a['freed_bytes'] < 1000)" | FileCheck %s --check-prefix=CHILD

// OUT: parent done
// CHILD: child frees 0 True
#include <frugal/frugal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

void *volatile Kept[2];

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void parentWork(void) {
  Kept[0] = malloc(1000);
}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void childWork(void) {
  free(Kept[0]); // the parent's block
  Kept[1] = malloc(300);
}

int main(void) {
  parentWork();
  fflush(stdout);
  pid_t Child = fork();
  if (Child == 0) {
    childWork();
    exit(0);
  }
  int Status = 0;
  waitpid(Child, &Status, 0);
  free(Kept[0]);
  printf("parent done\n");
  return WIFEXITED(Status) && WEXITSTATUS(Status) == 0 ? 0 : 1;
}
