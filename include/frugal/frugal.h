/*===- frugal/frugal.h - Public API for profiled programs ----------*- C -*-===*
 *
 * Everything here is optional: a program that includes this header builds and
 * runs unchanged without frugal. The region functions are weak references, so
 * when libfrugal_rt is not linked the macros do nothing.
 *
 *===----------------------------------------------------------------------===*/
#ifndef FRUGAL_FRUGAL_H
#define FRUGAL_FRUGAL_H

#ifdef __cplusplus
extern "C" {
#endif

/* Opt a function out of / into instrumentation, whatever the filter says.
 * clang drops [[clang::xray_always_instrument]] unless -fxray-instrument is
 * given, so FRUGAL_ALWAYS_INSTRUMENT uses an annotation the pass reads. */
#if defined(__clang__)
#define FRUGAL_NO_INSTRUMENT                                                   \
  __attribute__((xray_never_instrument, annotate("frugal.never_instrument")))
#define FRUGAL_ALWAYS_INSTRUMENT                                               \
  __attribute__((annotate("frugal.always_instrument")))
#else
#define FRUGAL_NO_INSTRUMENT
#define FRUGAL_ALWAYS_INSTRUMENT
#endif

/* Named regions: measured like functions, shown as regions in the profile.
 * Begin and end must nest properly with each other and with function calls
 * on the same thread. The name is copied; any string will do. */
void frugal_region_begin(const char *name) __attribute__((weak));
void frugal_region_end(const char *name) __attribute__((weak));

/* Writes the profile now (as at exit) and returns 0, or -1 if it could not. */
int frugal_flush(void) __attribute__((weak));

/* Waits until energy is being measured, at most timeout_ms milliseconds.
 * The runtime chooses its energy source on a thread of its own, which takes
 * tens of milliseconds (probing RAPL counters), so that the program's start
 * is not delayed; what runs before the first reading gets no energy. Call it
 * before a short phase you want measured from its first instruction.
 * Returns 0 when energy is being measured, 1 when none will be (no source,
 * FRUGAL_ENERGY=none, or no runtime), -1 on timeout. Sleeps 1 ms at a time:
 * not for hot loops. */
int frugal_energy_wait(unsigned timeout_ms) __attribute__((weak));

/* Records a figure of the run that is not a cost -- test accuracy, loss,
 * model size -- in the profile's "metrics", so that reports can set quality
 * beside energy (frugal variants). The last value given for a name wins.
 * Returns 0, or -1 when the name is empty or too long (over 63 bytes), the
 * value is not finite, or 64 names are already recorded. Not for hot loops:
 * it may take a lock. */
int frugal_metric(const char *name, double value) __attribute__((weak));

/* Adds count units of work -- samples predicted, tokens, images -- to region
 * name (which need not have begun yet), so that reports give the region's
 * energy and time per 1000 units. unit names them ("samples"); NULL means
 * "items". The first unit given for a region is kept. Lock-free. */
void frugal_region_items(const char *name, unsigned long long count,
                         const char *unit) __attribute__((weak));

#define FRUGAL_REGION_BEGIN(name)                                              \
  do {                                                                         \
    if (frugal_region_begin)                                                   \
      frugal_region_begin(name);                                               \
  } while (0)
#define FRUGAL_REGION_END(name)                                                \
  do {                                                                         \
    if (frugal_region_end)                                                     \
      frugal_region_end(name);                                                 \
  } while (0)

#define FRUGAL_METRIC(name, value)                                             \
  ((frugal_metric) ? frugal_metric((name), (value)) : -1)
#define FRUGAL_ENERGY_WAIT(timeout_ms)                                         \
  ((frugal_energy_wait) ? frugal_energy_wait(timeout_ms) : 1)
#define FRUGAL_REGION_ITEMS(name, count, unit)                                 \
  do {                                                                         \
    if (frugal_region_items)                                                   \
      frugal_region_items((name), (count), (unit));                            \
  } while (0)

#ifdef __cplusplus
} /* extern "C" */

namespace frugal {
/* frugal::waitForEnergy(1000): see frugal_energy_wait. */
inline int waitForEnergy(unsigned TimeoutMs) {
  return FRUGAL_ENERGY_WAIT(TimeoutMs);
}
/* frugal::metric("accuracy", 0.97): see frugal_metric. */
inline int metric(const char *Name, double Value) {
  return FRUGAL_METRIC(Name, Value);
}

/* Scope guard: the region lasts as long as the object, exceptions included.
 *   { frugal::Region Training("training"); train(model); } */
class Region {
public:
  // Never instrumented: the region must open in the caller's frame, not in
  // a constructor frame that closes (and would close the region) at once.
  FRUGAL_NO_INSTRUMENT explicit Region(const char *Name) : Name(Name) {
    FRUGAL_REGION_BEGIN(Name);
  }
  FRUGAL_NO_INSTRUMENT ~Region() { FRUGAL_REGION_END(Name); }
  /* Counts units of work done in this region: see frugal_region_items. */
  void addItems(unsigned long long Count, const char *Unit = nullptr) {
    FRUGAL_REGION_ITEMS(Name, Count, Unit);
  }
  Region(const Region &) = delete;
  Region &operator=(const Region &) = delete;

private:
  const char *Name;
};
} // namespace frugal
#endif

#endif /* FRUGAL_FRUGAL_H */
