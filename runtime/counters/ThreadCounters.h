//===- ThreadCounters.h - One thread's perf_event group
//--------------------===//
//
// Opened by the thread itself at its first hook (pid 0: the calling
// thread), read by the sampler thread (a group read returns every member's
// count with the group's enabled and running times), closed by the sampler
// once the thread has ended and its last counts are in.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_COUNTERS_THREADCOUNTERS_H
#define FRUGAL_RUNTIME_COUNTERS_THREADCOUNTERS_H

#include "NodeMetrics.h"
#include "ThreadState.h"

#include <linux/perf_event.h>
#include <stdint.h>

namespace frugal::rt::counters {

// A group read: PERF_FORMAT_GROUP | TOTAL_TIME_ENABLED | TOTAL_TIME_RUNNING.
struct GroupReading {
  uint64_t Enabled = 0;
  uint64_t Running = 0;
  uint64_t Values[MaxEvents] = {};
};

struct ThreadCounters {
  ThreadCounters *Next = nullptr; // every group ever opened (fork clean-up)
  uint32_t NumEvents = 0;         // group members, in slot order
  int Fds[MaxEvents] = {};        // [0] leads the group; -1 once closed
  perf_event_mmap_page *Pages[MaxEvents] = {}; // rdpmc events' pages
  RdpmcCounter Rdpmc[MaxEvents] = {};
  uint64_t RdpmcStart[MaxEvents] = {}; // the counts when opened
  // Sampler-owned: the last group reading, and per slot the scaled counts
  // since opening (what the thread counted, attributed or not).
  GroupReading Last;
  uint64_t Scaled[MaxEvents] = {};
  bool Closed = false;
};

// perf_event_open of Attr for the calling thread, in Leader's group (-1:
// leading one), with the group read format, close-on-exec and moved to a
// high descriptor: the fd, or -1 with errno.
int openEvent(perf_event_attr Attr, int Leader);
// The event's mmap page (for rdpmc), or nullptr: software events have
// none, and the mapping may fail.
perf_event_mmap_page *mapEventPage(int Fd, const perf_event_attr &Attr);
void unmapEventPage(perf_event_mmap_page *Page);

// Opens the group on the calling thread from Attrs (slot order); nullptr
// when any member fails (Errno set), so a thread counts all or nothing.
ThreadCounters *openThreadCounters(const perf_event_attr *Attrs,
                                   uint32_t NumEvents, int &Errno);
// False when the read fails or returns fewer members than opened.
bool readGroup(const ThreadCounters &TC, GroupReading &Out);
// Closes the descriptors; Unmap: also the rdpmc pages (only once no hook
// can read them: the thread ended, see ThreadRegistry.cpp; never in a
// forked child, where they were not copied and the addresses may be reused).
void closeThreadCounters(ThreadCounters &TC, bool Unmap);

// Scales a member's raw increase by the group's increase of enabled over
// running time (multiplexing); Fraction gets running / enabled (1 when the
// group ran all the time, or when nothing was enabled).
uint64_t scaleDelta(uint64_t RawDelta, uint64_t EnabledDelta,
                    uint64_t RunningDelta, double &Fraction);

} // namespace frugal::rt::counters

#endif // FRUGAL_RUNTIME_COUNTERS_THREADCOUNTERS_H
