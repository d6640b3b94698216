/* Prints one line "MEMSTAT {json}" with the process's memory as the kernel
 * reports it now (/proc/self/status, /proc/self/smaps_rollup), in KiB:
 * when the program calls memstat_print, and once more at exit, after
 * frugal's runtime has written its profile (so that VmHWM includes the
 * writing). Compiled with plain clang and linked into the memory
 * benchmark's programs, so that it is never instrumented
 * (bench/memory/run.sh). */
#include "memstat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Appends `"Key": value` for each line of PATH whose key is in KEYS. */
static void fields(const char *path, const char *const *keys, const char *tag,
                   int *first) {
  FILE *f = fopen(path, "r");
  char line[256];
  if (!f)
    return;
  while (fgets(line, sizeof line, f)) {
    for (const char *const *k = keys; *k; ++k) {
      size_t n = strlen(*k);
      unsigned long kib;
      if (strncmp(line, *k, n) == 0 && line[n] == ':' &&
          sscanf(line + n + 1, "%lu", &kib) == 1) {
        printf("%s\"%s%s\": %lu", *first ? "" : ", ", tag, *k, kib);
        *first = 0;
      }
    }
  }
  fclose(f);
}

static void print(const char *label, int profile) {
  static const char *const status[] = {"VmSize",  "VmRSS",   "VmHWM",
                                       "RssAnon", "RssFile", NULL};
  static const char *const rollup[] = {"Rss", "Pss", "Private_Dirty",
                                       "Anonymous", NULL};
  int first = 1;
  printf("MEMSTAT {\"label\": \"%s\", ", label);
  fields("/proc/self/status", status, "", &first);
  fields("/proc/self/smaps_rollup", rollup, "smaps_", &first);
  if (profile >= 0)
    printf(", \"profile_written\": %s", profile ? "true" : "false");
  printf("}\n");
  fflush(stdout);
}

void memstat_print(const char *label) { print(label, -1); }

static void atExit(void) {
  const char *out = getenv("FRUGAL_OUTPUT");
  print("at exit", out && access(out, F_OK) == 0);
}

/* atexit handlers run in reverse order of registration, and the runtime
 * registers its profile writer from the first module's registration, a
 * constructor of priority 2 (pass/RecordEmitter.cpp): registered from an
 * earlier constructor, atExit runs after the writer. Priorities up to 100
 * are reserved to the implementation, hence the pragma. */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wprio-ctor-dtor"
__attribute__((constructor(1))) static void armAtExit(void) { atexit(atExit); }
#pragma clang diagnostic pop
