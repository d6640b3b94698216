// A program that links the runtime but has no instrumented code (linked with
// pkg-config's Libs, compiled without its Cflags): nothing uses the runtime,
// so no profile is written, no thread is started, and FRUGAL_VERBOSE=1 says
// at exit why and how to fix it. A module that registers later (an
// instrumented plugin dlopen'ed after start) still starts everything and
// gets its profile.
// RUN: rm -rf %t && mkdir -p %t/run
// RUN: %clang -O1 %s -Wl,--no-as-needed %rtlink -ldl -o %t/exe
// RUN: %clang -I%include -O1 -shared -fPIC -fpass-plugin=%plugin %S/Inputs/plugin.c %rtlink -o %t/plugin.so
// RUN: readelf -d %t/exe | FileCheck %s --check-prefix=LINKED
// RUN: cd %t/run && env FRUGAL_VERBOSE=1 %t/exe > %t/none.out 2> %t/none.err
// RUN: FileCheck %s --check-prefix=NONE < %t/none.out
// RUN: FileCheck %s --check-prefix=WHY -DLIB=%rtlibdir --implicit-check-not=profile: --implicit-check-not=energy: < %t/none.err
// RUN: ls %t/run | count 0
// RUN: cd %t/run && %t/exe 2>&1 | FileCheck %s --check-prefix=NONE --implicit-check-not=frugal:
// RUN: cd %t/run && env FRUGAL_VERBOSE=1 FRUGAL_OUTPUT=%t/late.json %t/exe %t/plugin.so > %t/late.out 2> %t/late.err
// RUN: FileCheck %s --check-prefix=LATE < %t/late.out
// RUN: FileCheck %s --check-prefix=LATE-ERR < %t/late.err
// RUN: %query %t/late.json functions | FileCheck %s --check-prefix=FNS

// LINKED: libfrugal_rt.so
// NONE: energy thread: no
// NONE-NEXT: done
// WHY: frugal: no instrumented module registered and no frugal_* function was called: no profile is written (compile with -fpass-plugin=[[LIB]]/FrugalPass.so, or with frugal-clang / frugal-clang++)
// LATE: energy thread: no
// LATE-NEXT: plugin 20
// LATE-NEXT: energy thread: yes
// LATE-NEXT: done
// LATE-ERR: frugal: profile: {{.*}}late.json
// LATE-ERR-NOT: no instrumented module
// FNS: fn plugin_work calls=1 filtered=0
#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

// Whether a thread of this process is the energy sampler (it names itself).
static int hasEnergyThread(void) {
  int Found = 0;
  DIR *D = opendir("/proc/self/task");
  struct dirent *E;
  while (D && (E = readdir(D)) && !Found) {
    char Path[300], Name[32] = "";
    snprintf(Path, sizeof(Path), "/proc/self/task/%s/comm", E->d_name);
    FILE *F = fopen(Path, "r");
    if (F && fgets(Name, sizeof(Name), F))
      Found = !strncmp(Name, "frugal-energy", 13);
    if (F)
      fclose(F);
  }
  if (D)
    closedir(D);
  return Found;
}

// Waits up to 2 s for the sampler to appear: it names itself once running.
static int waitForEnergyThread(void) {
  for (int I = 0; I < 200; ++I) {
    if (hasEnergyThread())
      return 1;
    struct timespec Pause = {0, 10000000};
    nanosleep(&Pause, 0);
  }
  return 0;
}

int main(int Argc, char **Argv) {
  // A sampler started at start-up would have named itself by now.
  struct timespec Settle = {0, 100000000};
  nanosleep(&Settle, 0);
  printf("energy thread: %s\n", hasEnergyThread() ? "yes" : "no");
  if (Argc > 1) {
    void *Handle = dlopen(Argv[1], RTLD_NOW);
    int (*Work)(int) = Handle ? (int (*)(int))dlsym(Handle, "plugin_work") : 0;
    printf("plugin %d\n", Work ? Work(10) : -1);
    printf("energy thread: %s\n", waitForEnergyThread() ? "yes" : "no");
  }
  printf("done\n");
  return 0;
}
