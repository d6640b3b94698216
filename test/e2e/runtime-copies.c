// Several copies of the runtime in one process: an executable and two
// plugins loaded RTLD_LOCAL, each linked with the static archive (and a
// Python host loading two such libraries with ctypes). The first copy to be
// used writes the usual profile; each later one warns once, naming both
// modules and the fix, and writes its own profile beside it
// (<path>.<module>.json), so that no module's functions are lost and
// frugal merge combines them. The later copies install no signal handler:
// the first copy's writes every copy's profile on SIGINT. Linked with the
// shared runtime, the same program has one copy, no warning, one profile.
// RUN: rm -rf %t && mkdir -p %t/static %t/shared %t/sig %t/close %t/py
// RUN: %clang -I%include -O1 -g -shared -fPIC -fpass-plugin=%plugin -DWORK=alpha_work %S/Inputs/copy-plugin.c %rtlibdir/libfrugal_rt.a -lpthread -ldl -o %t/alpha.so
// RUN: %clang -I%include -O1 -g -shared -fPIC -fpass-plugin=%plugin -DWORK=beta_work %S/Inputs/copy-plugin.c %rtlibdir/libfrugal_rt.a -lpthread -ldl -o %t/beta.so
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s %rtlibdir/libfrugal_rt.a -lpthread -ldl -o %t/exe
//
// Program output and exit status unchanged; one warning per later copy.
// RUN: env FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/static/p.json %expect-exit 3 %t/exe %t/alpha.so %t/beta.so > %t/static.out 2> %t/static.err
// RUN: FileCheck %s --check-prefix=OUT < %t/static.out
// RUN: FileCheck %s --check-prefix=WARN -DDIR=%t --implicit-check-not=frugal: < %t/static.err
// RUN: ls %t/static | FileCheck %s --check-prefix=FILES
// RUN: %query %t/static/p.json functions | FileCheck %s --check-prefix=EXE
// RUN: %query %t/static/p.alpha.so.json functions | FileCheck %s --check-prefix=ALPHA
// RUN: %query %t/static/p.beta.so.json functions | FileCheck %s --check-prefix=BETA
// RUN: %frugal merge %t/static/p.json %t/static/p.alpha.so.json %t/static/p.beta.so.json -o %t/merged.json
// RUN: %query %t/merged.json functions | FileCheck %s --check-prefix=ALL
//
// The later copies leave the signal handlers to the first, without saying
// that the program has its own.
// RUN: env FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_VERBOSE=1 FRUGAL_OUTPUT=%t/verbose.json %expect-exit 3 %t/exe %t/alpha.so %t/beta.so 2>&1 >/dev/null | FileCheck %s --check-prefix=VERBOSE
//
// SIGINT: the first copy's handler writes all three profiles, and the
// process still dies of the signal.
// RUN: env FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/sig/s.json %expect-exit -2 %default-signals %t/exe %t/alpha.so %t/beta.so int 2>/dev/null | FileCheck %s --check-prefix=OUT
// RUN: %query %t/sig/s.json get program.end | FileCheck %s --check-prefix=INT
// RUN: %query %t/sig/s.alpha.so.json get program.end | FileCheck %s --check-prefix=INT
// RUN: %query %t/sig/s.beta.so.json get program.end | FileCheck %s --check-prefix=INT
// RUN: %query %t/sig/s.beta.so.json functions | FileCheck %s --check-prefix=BETA
// A crash (abort) likewise: the first copy's crash handler writes all three.
// RUN: mkdir %t/abrt && env FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/abrt/a.json %expect-exit -6 %t/exe %t/alpha.so %t/beta.so abort 2>/dev/null | FileCheck %s --check-prefix=OUT
// RUN: %query %t/abrt/a.json get program.end | FileCheck %s --check-prefix=ABRT
// RUN: %query %t/abrt/a.alpha.so.json get program.end | FileCheck %s --check-prefix=ABRT
// RUN: %query %t/abrt/a.beta.so.json get program.end | FileCheck %s --check-prefix=ABRT
// RUN: %query %t/abrt/a.beta.so.json functions | FileCheck %s --check-prefix=BETA
// ABRT: "signal:SIGABRT"
// A used copy's plugin stays loaded after dlclose (the first copy's handler
// calls into it, and its own threads and handlers would run in unmapped
// code): its profile is written with the others.
// RUN: env FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/close/c.json %expect-exit -2 %default-signals %t/exe %t/alpha.so %t/beta.so close-int 2>/dev/null | FileCheck %s --check-prefix=CLOSED
// RUN: %query %t/close/c.alpha.so.json get program.end | FileCheck %s --check-prefix=INT
// RUN: %query %t/close/c.alpha.so.json functions | FileCheck %s --check-prefix=ALPHA
// RUN: %query %t/close/c.beta.so.json get program.end | FileCheck %s --check-prefix=INT
// RUN: %query %t/close/c.json get program.end | FileCheck %s --check-prefix=INT
//
// A Python host with two such libraries (ctypes loads them RTLD_LOCAL): the
// first library's copy writes the host's profile, the second its own.
// RUN: env FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/py/py.json %python -c "import ctypes, sys; a = ctypes.CDLL(sys.argv[1]); b = ctypes.CDLL(sys.argv[2]); print('alpha', a.alpha_work(10), 'beta', b.beta_work(20))" %t/alpha.so %t/beta.so 2> %t/py.err | FileCheck %s --check-prefix=PY
// RUN: FileCheck %s --check-prefix=PY-WARN -DDIR=%t --implicit-check-not=frugal: < %t/py.err
// RUN: %query %t/py/py.json functions | FileCheck %s --check-prefix=ALPHA
// RUN: %query %t/py/py.beta.so.json functions | FileCheck %s --check-prefix=BETA
//
// Everything on the shared runtime: one copy, no warning, one profile.
// RUN: %clang -I%include -O1 -g -shared -fPIC -fpass-plugin=%plugin -DWORK=alpha_work %S/Inputs/copy-plugin.c %rtlink -o %t/shared-alpha.so
// RUN: %clang -I%include -O1 -g -shared -fPIC -fpass-plugin=%plugin -DWORK=beta_work %S/Inputs/copy-plugin.c %rtlink -o %t/shared-beta.so
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s -ldl %rtlink -o %t/shared-exe
// RUN: env FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/shared/p.json %expect-exit 3 %t/shared-exe %t/shared-alpha.so %t/shared-beta.so 2> %t/shared.err | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=EMPTY --allow-empty < %t/shared.err
// RUN: ls %t/shared | FileCheck %s --check-prefix=ONE
// RUN: %query %t/shared/p.json functions | FileCheck %s --check-prefix=ALL

// OUT: exe 10 alpha 20 beta 30
// WARN: frugal: warning: another copy of the runtime is already measuring this process, in [[DIR]]/exe; the copy in [[DIR]]/alpha.so writes its own profile, [[DIR]]/static/p.alpha.so.json (frugal merge combines them); link every instrumented module with the shared runtime libfrugal_rt.so; the static archive is for a single instrumented module
// WARN: frugal: warning: another copy of the runtime is already measuring this process, in [[DIR]]/exe; the copy in [[DIR]]/beta.so writes its own profile, [[DIR]]/static/p.beta.so.json (frugal merge combines them); link
// FILES: p.alpha.so.json
// FILES-NEXT: p.beta.so.json
// FILES-NEXT: p.json
// FILES-NOT: json
// EXE-DAG: fn main calls=1 filtered=0
// EXE-DAG: fn exe_work calls=1 filtered=0
// EXE-NOT: _work
// ALPHA: fn alpha_work calls=1 filtered=0
// ALPHA-NOT: fn
// BETA: fn beta_work calls=1 filtered=0
// BETA-NOT: fn
// ALL-DAG: fn main calls=1 filtered=0
// ALL-DAG: fn exe_work calls=1 filtered=0
// ALL-DAG: fn alpha_work calls=1 filtered=0
// ALL-DAG: fn beta_work calls=1 filtered=0
// VERBOSE-NOT: own handler
// VERBOSE: frugal: SIGINT, SIGTERM and crash signals: the first copy's handlers write this profile too
// VERBOSE-NOT: own handler
// VERBOSE: frugal: SIGINT, SIGTERM and crash signals: the first copy's handlers write this profile too
// VERBOSE-NOT: own handler
// INT: "signal:SIGINT"
// CLOSED: alpha.so still loaded after dlclose
// CLOSED-NEXT: exe 10 alpha 20 beta 30
// PY: alpha 20 beta 40
// PY-WARN: frugal: warning: another copy of the runtime is already measuring this process, in [[DIR]]/alpha.so; the copy in [[DIR]]/beta.so writes its own profile, [[DIR]]/py/py.beta.so.json
// EMPTY-NOT: {{.}}
// ONE: p.json
// ONE-NOT: json
#include <dlfcn.h>
#include <frugal/frugal.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

volatile int ExeSink;
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int exe_work(int N) {
  for (int I = 0; I < N; ++I)
    ExeSink = I;
  return N;
}

static int callPlugin(void *Handle, const char *Name, int N) {
  if (!Handle) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return -1;
  }
  int (*Work)(int) = (int (*)(int))dlsym(Handle, Name);
  return Work ? Work(N) : -1;
}

FRUGAL_ALWAYS_INSTRUMENT int main(int Argc, char **Argv) {
  if (Argc < 3)
    return 2;
  const char *Mode = Argc > 3 ? Argv[3] : "";
  int E = exe_work(10);
  void *Alpha = dlopen(Argv[1], RTLD_NOW | RTLD_LOCAL);
  int A = callPlugin(Alpha, "alpha_work", 10);
  void *Beta = dlopen(Argv[2], RTLD_NOW | RTLD_LOCAL);
  int B = callPlugin(Beta, "beta_work", 15);
  // Closed after the next plugin is loaded: were it unloaded, its pages would
  // be gone, not reused by that plugin.
  if (!strcmp(Mode, "close-int") && Alpha) {
    dlclose(Alpha);
    if (dlopen(Argv[1], RTLD_NOW | RTLD_NOLOAD))
      printf("alpha.so still loaded after dlclose\n");
  }
  printf("exe %d alpha %d beta %d\n", E, A, B);
  fflush(stdout);
  if (!strcmp(Mode, "int") || !strcmp(Mode, "close-int"))
    raise(SIGINT);
  if (!strcmp(Mode, "abort"))
    abort();
  return 3;
}
