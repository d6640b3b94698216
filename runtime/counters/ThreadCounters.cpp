//===- ThreadCounters.cpp - One thread's perf_event group
//------------------===//
#include "counters/ThreadCounters.h"

#include "Memory.h"
#include "energy/Source.h"

#include <errno.h>
#include <new>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace frugal::rt::counters {

int openEvent(perf_event_attr Attr, int Leader) {
  Attr.read_format = PERF_FORMAT_GROUP | PERF_FORMAT_TOTAL_TIME_ENABLED |
                     PERF_FORMAT_TOTAL_TIME_RUNNING;
  Attr.disabled = 0;
  Attr.inherit = 0;
  int Fd = static_cast<int>(
      syscall(SYS_perf_event_open, &Attr, 0, -1, Leader, PERF_FLAG_FD_CLOEXEC));
  // High descriptors: a program that dup2s onto low numbers must not
  // replace the group under the sampler.
  return Fd < 0 ? Fd : energy::moveFdHigh(Fd);
}

perf_event_mmap_page *mapEventPage(int Fd, const perf_event_attr &Attr) {
  if (Attr.type == PERF_TYPE_SOFTWARE || Attr.type == PERF_TYPE_TRACEPOINT)
    return nullptr;
  void *Page = mmap(nullptr, size_t(sysconf(_SC_PAGESIZE)), PROT_READ,
                    MAP_SHARED, Fd, 0);
  return Page == MAP_FAILED ? nullptr
                            : static_cast<perf_event_mmap_page *>(Page);
}

void unmapEventPage(perf_event_mmap_page *Page) {
  munmap(Page, size_t(sysconf(_SC_PAGESIZE)));
}

ThreadCounters *openThreadCounters(const perf_event_attr *Attrs,
                                   uint32_t NumEvents, int &Errno) {
  void *Mem =
      permanentAllocate(sizeof(ThreadCounters), alignof(ThreadCounters));
  if (!Mem) {
    Errno = ENOMEM;
    return nullptr;
  }
  auto *TC = new (Mem) ThreadCounters();
  for (uint32_t I = 0; I < NumEvents; ++I) {
    int Fd = openEvent(Attrs[I], I ? TC->Fds[0] : -1);
    if (Fd < 0) {
      Errno = errno;
      TC->NumEvents = I;
      closeThreadCounters(*TC, /*Unmap=*/true);
      return nullptr;
    }
    TC->Fds[I] = Fd;
  }
  TC->NumEvents = NumEvents;
  for (uint32_t I = 0; I < NumEvents; ++I)
    TC->Pages[I] = mapEventPage(TC->Fds[I], Attrs[I]);
  return TC;
}

bool readGroup(const ThreadCounters &TC, GroupReading &Out) {
  if (TC.Closed || TC.NumEvents == 0)
    return false;
  uint64_t Buf[3 + MaxEvents];
  ssize_t N = read(TC.Fds[0], Buf, sizeof(Buf));
  if (N < ssize_t(3 * sizeof(uint64_t)) || Buf[0] < TC.NumEvents ||
      size_t(N) < (3 + TC.NumEvents) * sizeof(uint64_t))
    return false;
  Out.Enabled = Buf[1];
  Out.Running = Buf[2];
  for (uint32_t I = 0; I < TC.NumEvents; ++I)
    Out.Values[I] = Buf[3 + I];
  return true;
}

void closeThreadCounters(ThreadCounters &TC, bool Unmap) {
  for (uint32_t I = TC.NumEvents; I-- > 0;) {
    if (Unmap && TC.Pages[I])
      unmapEventPage(TC.Pages[I]);
    TC.Pages[I] = nullptr;
    if (TC.Fds[I] >= 0)
      close(TC.Fds[I]);
    TC.Fds[I] = -1;
  }
  storeRelease(TC.Closed, true);
}

uint64_t scaleDelta(uint64_t RawDelta, uint64_t EnabledDelta,
                    uint64_t RunningDelta, double &Fraction) {
  Fraction = 1;
  if (EnabledDelta == 0 || RunningDelta >= EnabledDelta)
    return RawDelta;
  if (RunningDelta == 0) {
    Fraction = 0;
    return RawDelta; // never on the PMU in this interval: nothing to scale
  }
  Fraction = double(RunningDelta) / double(EnabledDelta);
  return uint64_t(
      double(RawDelta) * double(EnabledDelta) / double(RunningDelta) + 0.5);
}

} // namespace frugal::rt::counters
