// The profile records the process's peak resident set (getrusage), and
// frugal summary shows it.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -I%include -O1 -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: env FRUGAL_OUTPUT=%t/p.json FRUGAL_ENERGY=none FRUGAL_GPU=0 %t/exe
// RUN: %python -c "import json; p=json.load(open('%t/p.json'))['program']; print('rss', p['peak_rss_bytes'] >= 64 << 20, p['peak_rss_bytes'] < 1 << 30)" | FileCheck %s
// CHECK: rss True True
// RUN: %frugal summary %t/p.json | FileCheck %s --check-prefix=SUMMARY
// SUMMARY: wall time: {{.*}}, peak RSS {{[0-9.]+}} MiB
#include <frugal/frugal.h>
#include <stdlib.h>
#include <string.h>

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) char *touch(size_t Bytes) {
  char *P = malloc(Bytes);
  if (P)
    memset(P, 1, Bytes); // resident, not just reserved
  return P;
}

FRUGAL_ALWAYS_INSTRUMENT int main(void) {
  char *P = touch(80u << 20);
  int Ok = P && P[12345] == 1;
  free(P);
  return Ok ? 0 : 1;
}
