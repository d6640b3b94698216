// A forked child writes its own profile: with %p in the template each process
// gets its own name; without it the child's path gains ".<pid>".
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: env FRUGAL_OUTPUT=%t/p.json %t/exe > %t/pids
// RUN: %query %t/p.json functions | FileCheck %s --check-prefix=PARENT
// RUN: ls %t | FileCheck %s --check-prefix=FILES
// RUN: %python -c "import glob,json; c=[f for f in glob.glob('%t/p.json.*')]; d=json.load(open(c[0])); print('child', d['program']['pid'] != json.load(open('%t/p.json'))['program']['pid'])" | FileCheck %s --check-prefix=CHILD
// The child's profile covers the child only: its own call, none of the
// parent's, and main's open call rebuilt so its exit still matches.
// RUN: %python -c "import glob,shutil; shutil.copy(glob.glob('%t/p.json.*')[0], '%t/child.json')"
// RUN: %query %t/child.json functions | FileCheck %s --check-prefix=CHILDFNS
// RUN: %query %t/child.json check | FileCheck %s --check-prefix=OK
// The child's energy sampler restarts with the parent's CPU source (here
// the model, FRUGAL_ENERGY=model) and no GPU.
// RUN: env FRUGAL_ENERGY=model FRUGAL_OUTPUT=%t/m.json %t/exe > %t/mpids
// RUN: %python -c "import glob,json; d=json.load(open(glob.glob('%t/m.json.*')[0])); print('child-energy', d['energy']['status'], sorted(d['energy']['domains']), d['energy']['sampler']['ticks'] >= 0)" | FileCheck %s --check-prefix=CHILDENERGY
// CHILDENERGY: child-energy modelled ['package'] True
// RUN: env FRUGAL_OUTPUT=%t/q-%%p.json %t/exe
// RUN: ls %t | FileCheck %s --check-prefix=TEMPLATE

// PARENT-DAG: fn parentWork calls=1 filtered=0
// PARENT-DAG: fn childWork calls=0 filtered=0
// FILES: p.json
// FILES-NEXT: p.json.{{[0-9]+}}
// CHILD: child True
// CHILDFNS-DAG: fn childWork calls=1 filtered=0
// CHILDFNS-DAG: fn main calls=1 filtered=0
// CHILDFNS-DAG: fn parentWork calls=0 filtered=0
// OK: ok
// TEMPLATE-COUNT-2: q-{{[0-9]+}}.json
#include <frugal/frugal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

volatile int Sink;
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void childWork(void) {
  Sink = 1;
}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void parentWork(void) {
  Sink = 2;
}

FRUGAL_ALWAYS_INSTRUMENT int main(void) {
  pid_t Child = fork();
  if (Child == 0) {
    childWork();
    return 0;
  }
  parentWork();
  int Status;
  waitpid(Child, &Status, 0);
  return WIFEXITED(Status) ? WEXITSTATUS(Status) : 1;
}
