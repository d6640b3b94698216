/*===- DlopenSmoke.c - The runtime arriving with a dlopen'ed library ------===*
 *
 * This program is not linked with the runtime: dlopen of an instrumented
 * library pulls libfrugal_rt.so in (its initial-exec TLS must fit the static
 * TLS surplus). After dlclose the library's functions must still be in the
 * profile, with their names, and its module must say "loaded": false.
 * Usage: DlopenSmoke <plugin.so> <profile.json>
 *
 *===----------------------------------------------------------------------===*/
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *What) {
  fprintf(stderr, "DlopenSmoke: %s\n", What);
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 3)
    return fail("usage: DlopenSmoke <plugin.so> <profile.json>");
  setenv("FRUGAL_OUTPUT", argv[2], 1);
  remove(argv[2]);
  void *Plugin = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!Plugin)
    return fail(dlerror());
  int (*Work)(int) = (int (*)(int))dlsym(Plugin, "plugin_work");
  if (!Work)
    return fail("plugin_work not found");
  printf("plugin_work: %d\n", Work(1000));
  dlclose(Plugin);

  void *Runtime = dlopen("libfrugal_rt.so", RTLD_NOW | RTLD_NOLOAD);
  if (!Runtime)
    return fail("the runtime was unloaded (it should be NODELETE)");
  int (*Flush)(void) = (int (*)(void))dlsym(Runtime, "frugal_flush");
  if (!Flush || Flush() != 0)
    return fail("frugal_flush failed");

  static char Text[1 << 16];
  FILE *F = fopen(argv[2], "r");
  if (!F)
    return fail("no profile");
  size_t N = fread(Text, 1, sizeof(Text) - 1, F);
  fclose(F);
  Text[N] = '\0';
  const char *Expected[] = {"\"loaded\":false", "\"name\":\"plugin_work\"",
                            "\"name\":\"plugin_step\",", "\"calls\":1000,"};
  for (unsigned I = 0; I < sizeof(Expected) / sizeof(*Expected); ++I)
    if (!strstr(Text, Expected[I])) {
      fprintf(stderr, "DlopenSmoke: profile lacks %s\n", Expected[I]);
      return 1;
    }
  return 0;
}
