#include <frugal/frugal.h>
volatile int PluginSink;
FRUGAL_ALWAYS_INSTRUMENT int plugin_work(int N) {
  for (int I = 0; I < N; ++I)
    PluginSink = I;
  return 2 * N;
}
