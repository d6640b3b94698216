/*===- DlopenPlugin.c - A hand-instrumented shared library ----------------===*
 * Loaded and unloaded by DlopenSmoke.c; depends on libfrugal_rt.so.
 *===----------------------------------------------------------------------===*/
#include "frugal/abi.h"
#include "TestFrame.h"

static struct frugal_func_record Records[] = {
    {FRUGAL_ABI_VERSION, 0, 0, 12, "plugin_work", "plugin_work",
     "DlopenPlugin.c", "/src/DlopenPlugin.c", 8, 2, 1, 1, 0, 0, 0},
    {FRUGAL_ABI_VERSION, 0, 0, 20, "plugin_step", "plugin_step",
     "DlopenPlugin.c", "/src/DlopenPlugin.c", 4, 1, 0, 0, 0, 0, 0},
};
static const struct frugal_module_info Info = {
    FRUGAL_ABI_VERSION, 0, "DlopenPlugin.c", "19.1.7", "threshold=0"};

__attribute__((constructor)) static void registerPlugin(void) {
  __frugal_register_module(&Info, Records, Records + 2);
}
__attribute__((destructor)) static void unregisterPlugin(void) {
  __frugal_unregister_module(&Info, Records, Records + 2);
}

static __attribute__((noinline)) int step(int X) {
  __frugal_enter(&Records[1], FRUGAL_TEST_FRAME());
  X = X * 3 + 1;
  __asm__ volatile("" ::: "memory");
  __frugal_exit(&Records[1], FRUGAL_TEST_FRAME());
  __asm__ volatile("" ::: "memory"); /* no tail call: as the pass emits */
  return X;
}

int plugin_work(int N) {
  __frugal_enter(&Records[0], FRUGAL_TEST_FRAME());
  int S = 0;
  for (int I = 0; I < N; ++I)
    S += step(I);
  __frugal_exit(&Records[0], FRUGAL_TEST_FRAME());
  __asm__ volatile("" ::: "memory");
  return S;
}
