//===- Counters.cpp - FRUGAL_EVENTS: set-up, attribution, report ----------===//
//
// Variable             Accepted values                  Default / fallback
// -------------------  -------------------------------  ------------------
// FRUGAL_EVENTS        comma-separated event names       unset: no counters
// FRUGAL_RDPMC         bool: read PMU events with rdpmc  1 (0: the sampler
//                      in the hooks when allowed         reads every event)
// FRUGAL_PFM_LIBRARY   library name or path (< 512)      libpfm.so.4
//
//===----------------------------------------------------------------------===//
#include "counters/Counters.h"

#include "Compiler.h"
#include "Log.h"
#include "NodeMetrics.h"
#include "ThreadState.h"
#include "TimingMode.h"
#include "counters/CloseMatches.h"
#include "counters/EventList.h"
#include "counters/EventReport.h"
#include "counters/MmapCounter.h"
#include "counters/Pfm.h"
#include "counters/ThreadCounters.h"
#include "counters/TickSplit.h"
#include "energy/EnergyRuntime.h"
#include "energy/PerfSource.h"
#include "energy/Source.h"
#include "energy/TickBuffer.h"
#include "energy/TickCollector.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

namespace frugal::rt::counters {

namespace {

constexpr size_t ReasonBytes = 320;

struct CounterState {
  EventList Names;
  EventReport Reports[MaxListedEvents];
  char Canonical[MaxListedEvents][CanonicalBytes];
  char Reasons[MaxListedEvents][ReasonBytes];
  // The counted events, in slot order.
  uint32_t NumCounted = 0;
  perf_event_attr Attrs[MaxEvents];
  uint32_t ReportOf[MaxEvents]; // slot -> index in Reports
  bool Rdpmc[MaxEvents];
  // Every group opened (lock-free push; walked by the report and fork).
  ThreadCounters *Groups = nullptr;
  // Sampler-owned accounting, per slot.
  uint64_t Unattributed[MaxEvents];
  double MinFraction[MaxEvents];
  // Threads whose group could not be opened (EMFILE...): not counted.
  uint64_t ThreadsWithout = 0;
  int ThreadsWithoutErrno = 0;
};
constinit CounterState G{};
constinit OnceFlag ThreadOpenWarning;

// "ENOENT" for ENOENT: the symbolic name the reasons quote.
const char *errnoName(int E) {
  const char *Name = strerrorname_np(E);
  return Name ? Name : "error";
}

// Why perf_event_open failed, and what to do about it (the table in
// docs/counters.md, shared with `frugal events`).
void explainOpenError(int E, MessageBuilder &B) {
  auto Named = [&](const char *Text, const char *Then) {
    B.append(Text).append(" (").append(errnoName(E)).append(")").append(Then);
  };
  switch (E) {
  case ENOENT:
  case EOPNOTSUPP:
  case ENODEV:
    return Named("this machine or VM has no PMU for it",
                 "; count it on bare metal or in a VM with a virtual PMU");
  case EACCES:
  case EPERM: {
    char Paranoid[16];
    B.append("not permitted (")
        .append(errnoName(E))
        .append("): perf_event_paranoid is ")
        .append(energy::readText(energy::DefaultParanoidPath, Paranoid,
                                 sizeof(Paranoid))
                    ? Paranoid
                    : "unknown")
        .append("; lower it (sysctl kernel.perf_event_paranoid=1) or grant "
                "CAP_PERFMON");
    return;
  }
  case EINVAL:
    return Named("the kernel rejects its encoding",
                 "; a unit mask or modifier this PMU or kernel does not "
                 "support; try it without modifiers");
  case EMFILE:
  case ENFILE:
    return Named("out of file descriptors", "; raise the limit (ulimit -n)");
  case ENOSPC:
    return Named("no hardware counter is free for it",
                 "; the NMI watchdog or another tool may hold them (sysctl "
                 "kernel.nmi_watchdog=0)");
  case EBUSY:
    return Named("the PMU is in exclusive use by another tool",
                 "; stop the other profiler");
  case ENOSYS:
    return Named("this kernel has no perf_event_open",
                 "; use a kernel built with CONFIG_PERF_EVENTS");
  case E2BIG:
    return Named("the kernel does not know part of the encoding",
                 "; a newer kernel, or a libpfm4 as old as it, is needed");
  default:
    B.append("perf_event_open failed: ")
        .append(energy::errnoText(E))
        .append(" (errno ")
        .append(E)
        .append(")");
  }
}

void setReason(unsigned I, std::string_view Text) {
  size_t N = Text.size() < ReasonBytes - 1 ? Text.size() : ReasonBytes - 1;
  memcpy(G.Reasons[I], Text.data(), N);
  G.Reasons[I][N] = '\0';
  G.Reports[I].Reason = G.Reasons[I];
}

bool isClockEvent(const perf_event_attr &A) {
  return A.type == PERF_TYPE_SOFTWARE &&
         (A.config == PERF_COUNT_SW_TASK_CLOCK ||
          A.config == PERF_COUNT_SW_CPU_CLOCK);
}

// Opens Attr on this thread as a member of Leader's group (or alone), to
// learn whether this machine counts it and whether rdpmc may read it: the
// descriptor, or -errno.
int probeOpen(const perf_event_attr &Attr, int Leader, bool &MayRdpmc) {
  MayRdpmc = false;
  int Fd = openEvent(Attr, Leader);
  if (Fd < 0)
    return -errno;
  if (perf_event_mmap_page *Page = mapEventPage(Fd, Attr)) {
    MayRdpmc = mayRdpmc(Page);
    unmapEventPage(Page);
  }
  return Fd;
}

void describeUnknown(PfmLibrary &Pfm, unsigned I) {
  CloseMatches Matches(G.Names.Names[I]);
  Pfm.offerNames(Matches);
  MessageBuilder B;
  B.append("libpfm4 knows no event of this name");
  for (unsigned K = 0; K < Matches.count(); ++K)
    B.append(K ? ", '" : " (did you mean '")
        .append(Matches.match(K))
        .append("'");
  if (Matches.count())
    B.append("?)");
  setReason(I, B.view());
  warning("FRUGAL_EVENTS: '", G.Names.Names[I], "': ", B.view(),
          "; it is not counted ('frugal events --all' lists this machine's "
          "events)");
}

// The sampler's sink: reads the thread's group once per tick.
void onThreadCollected(void *, ThreadState &TS, const energy::TickEntry *E,
                       uint32_t Count, bool Baseline) {
  ThreadCounters *TC = loadAcquire(TS.Counters);
  if (!TC || TC->Closed)
    return;
  GroupReading Now;
  if (readGroup(*TC, Now)) {
    uint64_t EnabledDelta = Now.Enabled - TC->Last.Enabled;
    uint64_t RunningDelta = Now.Running - TC->Last.Running;
    for (uint32_t S = 0; S < TC->NumEvents; ++S) {
      double Fraction;
      uint64_t Delta = scaleDelta(Now.Values[S] - TC->Last.Values[S],
                                  EnabledDelta, RunningDelta, Fraction);
      // Fractions over very short spans are noise (a tick of microseconds).
      if (Fraction < G.MinFraction[S] && EnabledDelta > 100000)
        G.MinFraction[S] = Fraction;
      TC->Scaled[S] += Delta;
      if (G.Rdpmc[S])
        continue; // the hooks attribute it
      if (Baseline)
        G.Unattributed[S] += Delta;
      else
        G.Unattributed[S] += splitOverTick(S, Delta, E, Count);
    }
    TC->Last = Now;
  }
  // An ended thread's counts are all in: its descriptors can go, and its
  // pages (its hooks stopped reading them when it ended).
  if (TS.SamplerDrained)
    closeThreadCounters(*TC, /*Unmap=*/true);
}

void pushGroup(ThreadCounters *TC) {
  ThreadCounters *Head = __atomic_load_n(&G.Groups, __ATOMIC_ACQUIRE);
  do
    TC->Next = Head;
  while (!__atomic_compare_exchange_n(&G.Groups, &Head, TC, true,
                                      __ATOMIC_RELEASE, __ATOMIC_ACQUIRE));
}

} // namespace

uint32_t configureEvents(EnvLookup Lookup, WarnSink Warn) {
  G.NumCounted = 0;
  EnvReader P(Lookup, Warn);
  const char *Text = P.get("FRUGAL_EVENTS");
  parseEventList(Text, G.Names, Warn);
  if (G.Names.Count == 0)
    return 0;
  bool UseRdpmc = true;
  P.readBool("FRUGAL_RDPMC", UseRdpmc);
  // rdpmc charges counts at the hooks' switches of the top frame, which
  // sampled timing does not make: the sampler reads the events instead.
  if (SampledTiming && UseRdpmc) {
    UseRdpmc = false;
    verbose("events: read by the sampler (FRUGAL_TIMING=sampled)");
  }
  char Library[512] = "libpfm.so.4";
  P.readPath("FRUGAL_PFM_LIBRARY", Library,
             "a non-empty library name or path shorter than 512 bytes");

  for (unsigned I = 0; I < G.Names.Count; ++I) {
    EventReport &R = G.Reports[I];
    R = EventReport();
    R.Name = G.Names.Names[I];
    R.Canonical = G.Canonical[I];
    G.Canonical[I][0] = '\0';
  }
  static constinit PfmLibrary Pfm;
  const char *Why = "";
  if (!Pfm.load(Library, Why)) {
    for (unsigned I = 0; I < G.Names.Count; ++I) {
      G.Reports[I].Status = EventStatus::Unavailable;
      setReason(I, Why);
    }
    warning("FRUGAL_EVENTS: ", Why, "; no event is counted");
    return 0;
  }

  int Leader = -1;
  int Fds[MaxEvents];
  for (unsigned I = 0; I < G.Names.Count; ++I) {
    EventReport &R = G.Reports[I];
    perf_event_attr Attr;
    const char *EncodeWhy = "";
    PfmLibrary::Encoding Enc =
        Pfm.encode(G.Names.Names[I], Attr, G.Canonical[I], EncodeWhy);
    if (Enc == PfmLibrary::Encoding::Unknown) {
      R.Status = EventStatus::Unknown;
      describeUnknown(Pfm, I);
      continue;
    }
    if (Enc == PfmLibrary::Encoding::Invalid) {
      // A bad unit mask or modifier: as for `frugal events`, unknown.
      R.Status = EventStatus::Unknown;
      G.Canonical[I][0] = '\0';
      MessageBuilder B;
      B.append("libpfm4 cannot encode it: ").append(EncodeWhy);
      setReason(I, B.view());
      warning("FRUGAL_EVENTS: '", R.Name, "': ", B.view(),
              "; it is not counted");
      continue;
    }
    R.Status = EventStatus::Unavailable;
    if (!G.Canonical[I][0]) // a raw event: its name is its identity
      strcpy(G.Canonical[I], G.Names.Names[I]);
    if (G.NumCounted == MaxEvents) {
      setReason(I, "more than 8 events: only the first 8 countable ones are "
                   "opened");
      continue;
    }
    R.Unit = isClockEvent(Attr) ? "ns" : "count";
    bool MayRdpmc;
    int Fd = probeOpen(Attr, Leader, MayRdpmc);
    if (Fd < 0 && Leader >= 0) {
      // Maybe it only cannot join the group.
      bool Unused;
      int Alone = probeOpen(Attr, -1, Unused);
      if (Alone >= 0) {
        close(Alone);
        MessageBuilder B;
        B.append("cannot be counted in one group with ")
            .append(G.Reports[G.ReportOf[0]].Name)
            .append(" (")
            .append(errnoName(-Fd))
            .append("): list it alone in FRUGAL_EVENTS");
        setReason(I, B.view());
        verbose("FRUGAL_EVENTS: '", R.Name, "' ", B.view());
        continue;
      }
    }
    if (Fd < 0) {
      MessageBuilder B;
      explainOpenError(-Fd, B);
      setReason(I, B.view());
      verbose("FRUGAL_EVENTS: '", R.Name, "' is unavailable: ", B.view());
      continue;
    }
    uint32_t Slot = G.NumCounted++;
    Fds[Slot] = Fd;
    if (Leader < 0)
      Leader = Fd;
    G.Attrs[Slot] = Attr;
    G.ReportOf[Slot] = I;
    G.Rdpmc[Slot] = UseRdpmc && MayRdpmc;
    G.Unattributed[Slot] = 0;
    G.MinFraction[Slot] = 1;
    R.Status = EventStatus::Ok;
    R.Reason = "";
    R.Method = G.Rdpmc[Slot] ? EventMethod::Rdpmc : EventMethod::Sampler;
    R.Slot = int(Slot);
  }
  for (uint32_t S = G.NumCounted; S-- > 0;)
    close(Fds[S]);

  unsigned Unavailable = 0;
  for (unsigned I = 0; I < G.Names.Count; ++I)
    Unavailable += G.Reports[I].Status == EventStatus::Unavailable;
  if (Unavailable)
    warning("FRUGAL_EVENTS: ", Unavailable, " of ", G.Names.Count,
            " events cannot be counted here (the profile's \"events\" says "
            "why; FRUGAL_VERBOSE=1 lists them)");
  if (G.NumCounted)
    energy::setTickSink(energy::ThreadTickSink{onThreadCollected, nullptr});
  verbose("counters: ", G.NumCounted, " of ", G.Names.Count, " events counted");
  return G.NumCounted;
}

// Always, with any event counted: besides reading the sampled events, the
// sampler keeps every group's last reading (the totals) and closes the
// groups of ended threads.
bool needsSampler() { return G.NumCounted > 0; }

void attachThread(ThreadState &TS) {
  if (G.NumCounted == 0)
    return;
  int Errno = 0;
  ThreadCounters *TC = openThreadCounters(G.Attrs, G.NumCounted, Errno);
  if (!TC) {
    __atomic_fetch_add(&G.ThreadsWithout, 1, __ATOMIC_RELAXED);
    G.ThreadsWithoutErrno = Errno;
    if (ThreadOpenWarning.first()) {
      MessageBuilder B;
      explainOpenError(Errno, B);
      warning("cannot open the counters of a new thread: ", B.view(),
              "; its events are not counted");
    }
    return;
  }
  uint32_t NumRdpmc = 0;
  for (uint32_t S = 0; S < G.NumCounted; ++S) {
    if (!G.Rdpmc[S] || !TC->Pages[S] || !mayRdpmc(TC->Pages[S]))
      continue;
    uint64_t Start = readMmapCounter(TC->Pages[S], HardwarePmc{});
    TC->RdpmcStart[S] = Start;
    TC->Rdpmc[NumRdpmc++] = RdpmcCounter{TC->Pages[S], Start, S};
  }
  pushGroup(TC);
  TS.Rdpmc = TC->Rdpmc;
  TS.NumRdpmc = NumRdpmc;
  storeRelease(TS.Counters, TC);
}

void reattachInChild(ThreadState &TS) {
  // The inherited descriptors count the parent's threads.
  for (ThreadCounters *TC = G.Groups; TC; TC = TC->Next)
    if (!TC->Closed)
      closeThreadCounters(*TC, /*Unmap=*/false);
  G.Groups = nullptr;
  for (uint32_t S = 0; S < G.NumCounted; ++S) {
    G.Unattributed[S] = 0;
    G.MinFraction[S] = 1;
  }
  attachThread(TS);
}

const EventReport *reportEvents(unsigned &Count) {
  Count = G.Names.Count;
  if (Count == 0)
    return nullptr;
  uint64_t Total[MaxEvents] = {}, Unattributed[MaxEvents] = {};
  for (uint32_t S = 0; S < G.NumCounted; ++S)
    Unattributed[S] = G.Unattributed[S];
  for (ThreadCounters *TC = __atomic_load_n(&G.Groups, __ATOMIC_ACQUIRE); TC;
       TC = TC->Next) {
    // Sampled events: what the sampler took in. Rdpmc events: the group's
    // count at the sampler's last reading (the writer never reads a group
    // itself: the sampler may be closing it), of which the hooks charged
    // up to their last switch.
    for (uint32_t S = 0; S < TC->NumEvents; ++S) {
      if (!G.Rdpmc[S]) {
        Total[S] += TC->Scaled[S];
        continue;
      }
      uint64_t Count = TC->Last.Values[S];
      uint64_t Start = TC->RdpmcStart[S];
      uint64_t Charged = 0;
      for (uint32_t K = 0; K < MaxEvents; ++K)
        if (TC->Rdpmc[K].Page && TC->Rdpmc[K].Slot == S)
          Charged = loadRelaxed(TC->Rdpmc[K].Last) - Start;
      uint64_t Counted = Count > Start ? Count - Start : 0;
      Total[S] += Counted;
      Unattributed[S] += Counted > Charged ? Counted - Charged : 0;
    }
  }
  for (uint32_t S = 0; S < G.NumCounted; ++S) {
    EventReport &R = G.Reports[G.ReportOf[S]];
    R.Total = Total[S];
    R.Unattributed = Unattributed[S] < Total[S] ? Unattributed[S] : Total[S];
    R.MinRunningFraction = G.MinFraction[S];
    R.Scaled = G.MinFraction[S] < 1;
    if (G.ThreadsWithout) {
      MessageBuilder B;
      B.append("not counted on ")
          .append(G.ThreadsWithout)
          .append(" thread(s): ");
      explainOpenError(G.ThreadsWithoutErrno, B);
      setReason(G.ReportOf[S], B.view());
    }
  }
  return G.Reports;
}

} // namespace frugal::rt::counters
