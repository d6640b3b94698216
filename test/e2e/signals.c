// SIGTERM and SIGINT with the default disposition (lit ignores SIGINT, so
// the program runs through with_default_signals.py): the profile is written and
// the process still dies by the signal. A program's own handler is left alone
// (it runs, and the profile is written at its exit).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: env FRUGAL_OUTPUT=%t/term.json %expect-exit -15 %default-signals %t/exe term
// RUN: %query %t/term.json get program.end | FileCheck %s --check-prefix=TERM
// RUN: %query %t/term.json functions | FileCheck %s
// RUN: env FRUGAL_OUTPUT=%t/int.json %expect-exit -2 %default-signals %t/exe int
// RUN: %query %t/int.json get program.end | FileCheck %s --check-prefix=INT
// RUN: env FRUGAL_OUTPUT=%t/own.json %expect-exit 3 %default-signals %t/exe own | FileCheck %s --check-prefix=OWN
// RUN: %query %t/own.json get program.end | FileCheck %s --check-prefix=EXIT

// TERM: "signal:SIGTERM"
// INT: "signal:SIGINT"
// CHECK: fn work calls=3 filtered=0
// OWN: own handler ran
// EXIT: "exit"
#include <frugal/frugal.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

volatile int Sink;
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void work(int I) {
  Sink = I;
}

static void ownHandler(int Sig) {
  (void)Sig;
  static const char Msg[] = "own handler ran\n";
  write(1, Msg, sizeof(Msg) - 1);
  exit(3);
}

FRUGAL_ALWAYS_INSTRUMENT int main(int Argc, char **Argv) {
  if (Argc < 2)
    return 2;
  if (strcmp(Argv[1], "own") == 0)
    signal(SIGTERM, ownHandler);
  for (int I = 0; I < 3; ++I)
    work(I);
  raise(strcmp(Argv[1], "int") == 0 ? SIGINT : SIGTERM);
  return 0;
}
