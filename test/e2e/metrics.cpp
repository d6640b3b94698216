// The program's metrics (frugal_metric) and regions' units of work
// (frugal_region_items) reach the profile, from C++ and C, with the shared
// and the static runtime; frugal summary reads the result. Without the
// runtime the calls do nothing and FRUGAL_METRIC returns -1.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clangxx -O2 -g -I%include -fpass-plugin=%plugin %s %rtlink -o %t/cxx
// RUN: env FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/cxx.json %t/cxx 2> %t/cxx.err | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=WARN < %t/cxx.err
// RUN: %python %S/Inputs/check_metrics.py %t/cxx.json | FileCheck %s
// RUN: %query %t/cxx.json check | FileCheck %s --check-prefix=OK
// RUN: %frugal summary %t/cxx.json > /dev/null
//
// RUN: %clang -O1 -g -I%include -fpass-plugin=%plugin %S/Inputs/metrics.c %rtlink -o %t/c
// RUN: env FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/c.json %t/c 2> %t/c.err | FileCheck %s --check-prefix=C-OUT
// RUN: FileCheck %s --check-prefix=C-WARN < %t/c.err
// RUN: %python %S/Inputs/check_metrics.py %t/c.json | FileCheck %s --check-prefix=C
// RUN: %frugal summary %t/c.json > /dev/null
// The static archive: the hooks' references pull in the API with them.
// RUN: %clang -O1 -g -I%include -fpass-plugin=%plugin %S/Inputs/metrics.c %rtlibdir/libfrugal_rt.a -lpthread -ldl -o %t/c-static
// RUN: env FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/c-static.json %t/c-static 2>/dev/null | FileCheck %s --check-prefix=C-OUT
// RUN: %python %S/Inputs/check_metrics.py %t/c-static.json | FileCheck %s --check-prefix=C
// RUN: %frugal summary %t/c-static.json > /dev/null
// Not instrumented, but linked with the runtime: the API alone starts it,
// and the profile is written at exit, even when frugal_metric is the only
// call.
// RUN: %clang -O1 -I%include %S/Inputs/metrics.c %rtlink -o %t/c-uninstrumented
// RUN: env FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/c-uninstrumented.json %t/c-uninstrumented 2>/dev/null | FileCheck %s --check-prefix=C-OUT
// RUN: %python %S/Inputs/check_metrics.py %t/c-uninstrumented.json | FileCheck %s --check-prefix=C
// RUN: %clang -O1 -I%include -DMETRICS_ONLY %S/Inputs/metrics.c %rtlink -o %t/c-metrics-only
// RUN: env FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/c-metrics-only.json %t/c-metrics-only 2>/dev/null | FileCheck %s --check-prefix=C-OUT
// RUN: %python %S/Inputs/check_metrics.py %t/c-metrics-only.json | FileCheck %s --check-prefix=C-ONLY
// RUN: %frugal summary %t/c-metrics-only.json > /dev/null
//
// Without the runtime: weak references, no-ops, exit status 0.
// RUN: %clangxx -O2 -I%include %s -o %t/cxx-plain
// RUN: %t/cxx-plain 2>&1 | FileCheck %s --check-prefix=PLAIN
// RUN: %clang -O1 -I%include %S/Inputs/metrics.c -o %t/c-plain
// RUN: %t/c-plain 2>&1 | FileCheck %s --check-prefix=C-PLAIN
// RUN: not ls %t/*plain*.json

// OUT: correct=100 rc=0 nan=-1
// WARN: frugal: warning: frugal_metric("nan", nan): the value is not finite; not recorded
// WARN-NOT: frugal:
// CHECK: metrics {"accuracy": 0.8, "params": 1234567, "loss": 0.0625, "epoch \"3\"": 3}
// CHECK-NEXT: region inference calls=1 items=count=300 unit=samples
// CHECK-NEXT: region training calls=2 items=count=128 unit=items
// CHECK-NEXT: region data-loading calls=0 items=count=1000 unit=images
// CHECK-NEXT: region plain calls=1 items=none
// CHECK-EMPTY:
// OK: ok

// C-OUT: c rc=0 long=-1
// C-WARN: frugal: warning: frugal_metric("a metric name that is longer than the sixty-three bytes a name ...", ...): metric names are limited to 63 bytes; not recorded
// C-WARN-NOT: frugal:
// C: metrics {"perplexity": 12.5, "model_bytes": 4096}
// C-NEXT: region generation calls=1 items=count=320 unit=tokens
// C-EMPTY:
// C-ONLY: metrics {"perplexity": 12.5, "model_bytes": 4096}
// C-ONLY-EMPTY:

// PLAIN: correct=100 rc=-1 nan=-1
// PLAIN-NOT: frugal
// C-PLAIN: c rc=-1 long=-1
// C-PLAIN-NOT: frugal
#include <frugal/frugal.h>
#include <cmath>
#include <cstdio>

volatile int Sink;

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int predict(int X) {
  Sink = X;
  return X % 3 == 0;
}

FRUGAL_ALWAYS_INSTRUMENT int main() {
  int Correct = 0;
  {
    frugal::Region Inference("inference");
    for (int I = 0; I < 300; ++I)
      Correct += predict(I);
    Inference.addItems(300, "samples");
  }
  for (int Epoch = 0; Epoch < 2; ++Epoch) {
    frugal::Region Training("training");
    Training.addItems(64); // no unit: "items"
  }
  // Never begun: listed with its items and no calls.
  FRUGAL_REGION_ITEMS("data-loading", 1000, "images");
  { frugal::Region Plain("plain"); }

  int Rc = frugal::metric("accuracy", 0.5);
  Rc |= frugal::metric("accuracy", Correct / 125.0); // the last value wins
  Rc |= FRUGAL_METRIC("params", 1234567);
  Rc |= FRUGAL_METRIC("loss", 0.0625);
  Rc |= FRUGAL_METRIC("epoch \"3\"", 3);
  int Nan = FRUGAL_METRIC("nan", std::nan(""));
  std::printf("correct=%d rc=%d nan=%d\n", Correct, Rc, Nan);
  return 0;
}
