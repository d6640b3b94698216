// A runtime that arrives with a dlopen'ed library comes after libc in symbol
// lookup order: the program's allocations never reach its interposer, so
// FRUGAL_TRACK_ALLOC=1 is "unavailable" (one warning naming libc), and
// nothing breaks.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -I%include -O1 -g -shared -fPIC -fpass-plugin=%plugin %S/Inputs/plugin.c %rtlink -o %t/plugin.so
// RUN: %clang -O1 -g %s -ldl -o %t/exe
// RUN: env FRUGAL_TRACK_ALLOC=1 FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/p.json %t/exe %t/plugin.so 2>&1 | FileCheck %s
// RUN: %python %S/Inputs/check_alloc.py %t/p.json status unavailable reason "loaded with dlopen" reason libc no-alloc

// CHECK: frugal: warning: FRUGAL_TRACK_ALLOC=1 but malloc resolves to {{.*}}libc.so{{.*}}, not to libfrugal_rt.so
// CHECK-NOT: frugal:
// CHECK: plugin_work 200
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  void *Early = malloc(64); // before the runtime is loaded
  if (argc != 2)
    return 2;
  void *Plugin = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!Plugin) {
    fprintf(stderr, "%s\n", dlerror());
    return 1;
  }
  int (*Work)(int) = (int (*)(int))dlsym(Plugin, "plugin_work");
  void *Late = malloc(64);
  printf("plugin_work %d\n", Work ? Work(100) : -1);
  free(Early);
  free(Late);
  return 0;
}
