/* The program API from C (test/e2e/metrics.cpp): a region counting tokens,
 * metrics, and a name too long for a metric. Prints what the calls
 * returned, so that the same output shows a run without the runtime.
 * -DMETRICS_ONLY: frugal_metric is the only call into the runtime. */
#include <frugal/frugal.h>
#include <stdio.h>

volatile int Sink;

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) static void
decode(int Step) {
  Sink = Step;
}

FRUGAL_ALWAYS_INSTRUMENT int main(void) {
#ifndef METRICS_ONLY
  FRUGAL_REGION_BEGIN("generation");
  for (int Step = 0; Step < 10; ++Step) {
    decode(Step);
    FRUGAL_REGION_ITEMS("generation", 32, "tokens");
  }
  FRUGAL_REGION_END("generation");
#endif
  int Rc = FRUGAL_METRIC("perplexity", 12.5);
  Rc |= FRUGAL_METRIC("model_bytes", 4096);
  int Long = FRUGAL_METRIC(
      "a metric name that is longer than the sixty-three bytes a name may have",
      1);
  printf("c rc=%d long=%d\n", Rc, Long);
  return 0;
}
