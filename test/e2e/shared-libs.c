// An executable, a shared library it links and a library it dlopens — all
// instrumented — write one profile that holds functions of each, with the
// module they came from; a dlclose'd library keeps its data.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -I%include -O2 -g -shared -fPIC -I%include -fpass-plugin=%plugin %S/Inputs/shlib.c %rtlink -o %t/libshlib.so
// RUN: %clang -I%include -O2 -g -shared -fPIC -I%include -fpass-plugin=%plugin %S/Inputs/plugin.c %rtlink -o %t/plugin.so
// RUN: %clang -I%include -O2 -g -I%include -fpass-plugin=%plugin %s -L%t -Wl,-rpath,%t -lshlib -ldl %rtlink -o %t/exe
// RUN: env FRUGAL_OUTPUT=%t/p.json %t/exe %t/plugin.so close | FileCheck %s --check-prefix=OUT
// RUN: %query %t/p.json functions | FileCheck %s
// RUN: %query %t/p.json modules | FileCheck %s --check-prefix=MOD
// RUN: env FRUGAL_OUTPUT=%t/q.json %t/exe %t/plugin.so keep | FileCheck %s --check-prefix=OUT
// RUN: %query %t/q.json functions | FileCheck %s
// RUN: %query %t/q.json modules | FileCheck %s --check-prefix=KEPT

// OUT: shlib 10 plugin 20
// CHECK-DAG: fn main calls=1 filtered=0
// CHECK-DAG: fn plugin_work calls=1 filtered=0
// CHECK-DAG: fn shlib_work calls=1 filtered=0
// The profile is written while the program and its libraries are loaded
// (libshlib registers inside ld.so's start-up, before atexit is usable);
// only the dlclose'd plugin is gone.
// MOD-DAG: module {{.*}}exe loaded=1
// MOD-DAG: module {{.*}}libshlib.so loaded=1
// MOD-DAG: module {{.*}}plugin.so loaded=0
// KEPT-DAG: module {{.*}}exe loaded=1
// KEPT-DAG: module {{.*}}libshlib.so loaded=1
// KEPT-DAG: module {{.*}}plugin.so loaded=1
#include <dlfcn.h>
#include <frugal/frugal.h>
#include <stdio.h>
#include <string.h>

int shlib_work(int N);

FRUGAL_ALWAYS_INSTRUMENT int main(int Argc, char **Argv) {
  if (Argc < 3)
    return 2;
  void *Handle = dlopen(Argv[1], RTLD_NOW);
  if (!Handle) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  int (*PluginWork)(int) = (int (*)(int))dlsym(Handle, "plugin_work");
  int P = PluginWork(10);
  if (strcmp(Argv[2], "close") == 0)
    dlclose(Handle);
  printf("shlib %d plugin %d\n", shlib_work(10), P);
  return 0;
}
