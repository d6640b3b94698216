//===- MmapCounter.h - Reading a counter through its perf mmap page -------===//
//
// The kernel's self-monitoring protocol (linux/perf_event.h, struct
// perf_event_mmap_page): under the page's sequence lock, the count is
// offset + the hardware counter (rdpmc of index - 1, sign-extended from
// pmc_width bits) while the event is on the PMU (index != 0), else offset
// alone. The reader of the hardware counter is a parameter so that tests
// can run the protocol on a fake page, without a PMU.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_COUNTERS_MMAPCOUNTER_H
#define FRUGAL_RUNTIME_COUNTERS_MMAPCOUNTER_H

#include "Compiler.h"

#include <linux/perf_event.h>
#include <stdint.h>

namespace frugal::rt::counters {

#if defined(__x86_64__)
FRUGAL_ALWAYS_INLINE uint64_t readPmc(uint32_t Index) {
  uint32_t Lo, Hi;
  __asm__ volatile("rdpmc" : "=a"(Lo), "=d"(Hi) : "c"(Index));
  return (uint64_t(Hi) << 32) | Lo;
}
inline constexpr bool HaveRdpmc = true;
#else
FRUGAL_ALWAYS_INLINE uint64_t readPmc(uint32_t) { return 0; }
inline constexpr bool HaveRdpmc = false;
#endif

struct HardwarePmc {
  FRUGAL_ALWAYS_INLINE uint64_t operator()(uint32_t Index) const {
    return readPmc(Index);
  }
};

// The page says this thread may read the counter with rdpmc.
inline bool mayRdpmc(const perf_event_mmap_page *Page) {
  return HaveRdpmc && Page->cap_user_rdpmc && Page->pmc_width > 0;
}

// The event's count now. The caller is the thread the event counts (rdpmc
// reads the current CPU's counter, which holds this thread's count only
// while this thread runs).
template <class PmcReader>
FRUGAL_ALWAYS_INLINE uint64_t readMmapCounter(const perf_event_mmap_page *Page,
                                              PmcReader ReadPmc) {
  uint32_t Seq, Index;
  uint64_t Count;
  do {
    Seq = __atomic_load_n(&Page->lock, __ATOMIC_ACQUIRE);
    signalFence();
    Index = __atomic_load_n(&Page->index, __ATOMIC_RELAXED);
    Count = __atomic_load_n(&Page->offset, __ATOMIC_RELAXED);
    uint16_t Width = Page->pmc_width;
    if (Index && Page->cap_user_rdpmc && Width && Width <= 64) {
      uint64_t Pmc = ReadPmc(Index - 1);
      // The hardware counter is Width bits wide and signed.
      Pmc <<= 64 - Width;
      Count += uint64_t(int64_t(Pmc) >> (64 - Width));
    }
    signalFence();
  } while (__atomic_load_n(&Page->lock, __ATOMIC_ACQUIRE) != Seq);
  return Count;
}

} // namespace frugal::rt::counters

#endif // FRUGAL_RUNTIME_COUNTERS_MMAPCOUNTER_H
