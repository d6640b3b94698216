//===- EnergyRuntime.cpp - The sampler thread and the write protocol ------===//
#include "energy/EnergyRuntime.h"

#include "BackgroundThread.h"
#include "Clock.h"
#include "Log.h"
#include "Memory.h"
#include "StackSampling.h"
#include "energy/EnergyEnv.h"
#include "energy/OtherLoad.h"
#include "energy/TickBuffer.h"
#include "energy/TickCollector.h"
#include "energy/UpdateTracker.h"

#include <atomic>
#include <errno.h>
#include <new>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>

namespace frugal::rt::energy {

namespace {

// Ticks of a fixed period: the model (CPU time changes continuously) and a
// GPU-only setup (NVML updates too irregularly to lock onto).
constexpr uint64_t PeriodicTickNs = 10000000;
// ... and when counters are read per tick: their split over a tick's nodes
// is by time, so shorter ticks resolve shorter functions.
constexpr uint64_t CounterTickNs = 1000000;
// NVML reads cost tens of microseconds: at most one per this interval.
constexpr uint64_t GpuReadIntervalNs = 10000000;
// Locking polls continuously; give up (and tick periodically) when the
// counter does not move for this long.
constexpr uint64_t LockTimeoutNs = 50000000;
// Locking polls in bursts of at most this long, with a pause of LockPauseNs
// between them: on a loaded machine the precise observations it needs may
// take a while, and the sampler must not take a whole CPU meanwhile. The
// changes it sees still close (less precise) ticks.
constexpr uint64_t LockBurstNs = 5000000;
constexpr uint64_t LockPauseNs = 5000000;
// Locking that has not succeeded after this many bursts in a row (the
// machine is too loaded for the precise reads it needs) gives way to
// periodic reads for LockRetryNs, then is tried again.
constexpr unsigned MaxLockBursts = 20;
constexpr uint64_t LockRetryNs = 5000000000;
constexpr unsigned RetryLockBursts = 5;
// A tick needs room for this many entries, else the window is consumed.
constexpr uint32_t EntryReserve = 16384;
constexpr uint64_t WriterWaitNs = 500000000;
// Node times collected later than this after the boundary: the tick's end
// is soft (TickBuffer.h).
constexpr uint64_t SoftEndNs = 30000;
// A CPU counter without a valid reading for this long has stopped (driver
// unloaded, device gone, garbage from then on): warned about once.
constexpr uint64_t CounterLostNs = 1000000000;

enum : uint32_t { RequestRun, RequestPause, RequestStop };
// Starting: the thread is choosing the sources (liveness probes take tens
// of milliseconds, which the program's start-up should not wait for).
// Unavailable: no source, or set-up failed; final.
enum : uint32_t {
  StateStarting,
  StateRunning,
  StatePaused,
  StateStopped,
  StateUnavailable
};

void sleepUntilNs(uint64_t Ns) {
  timespec Ts{time_t(Ns / 1000000000u), long(Ns % 1000000000u)};
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &Ts, nullptr) ==
         EINTR) {
  }
}

struct Stamp {
  uint64_t Ns;
  uint64_t Ticks;
};
Stamp stampNow() { return Stamp{monotonicNs(), readTicks()}; }

class Sampler {
public:
  bool init(const EnergyConfig &Cfg, const SourceSet &Sources,
            ThreadState *(*Threads)());
  bool start();
  void loop();

  std::atomic<uint32_t> Request{RequestRun};
  std::atomic<uint32_t> State{StateStarting};
  // The first tick began (HaveBoundary), for other threads
  // (frugal_energy_wait).
  std::atomic<bool> Measuring{false};
  EnergyConfig Cfg;
  ThreadState *(*ThreadsFn)() = nullptr;
  // Sources chosen already (a forked child reuses its parent's CPU source:
  // no second round of probes, and no repeated warnings).
  SourceSet Preset;
  bool HasPreset = false;
  // The sources in use, once chosen (read by a forked child).
  SourceSet Chosen;
  EnergyReport Report;
  Attribution Attr;
  TickBuffer Buffer;
  clockid_t CpuClock = 0;
  bool HaveCpuClock = false;
  // The sampler thread's CPU time, saved whenever it pauses or stops (its
  // clock is gone once the thread has exited).
  std::atomic<uint64_t> CpuNs{0};
  void saveCpuTime();

  // Final: the run's (or this profile's) last window, consumed whatever
  // its length.
  void consumeWindow(bool Final = true);
  void finishReport();
  // The tick sink's last collection, by the writer once the sampler stopped.
  void finalCollection();
  unsigned numChannels() const { return NumCpu + NumGpu; }

private:
  struct ChannelState {
    const Source *From;
    unsigned Index; // in its source
    EnergyCounter Counter;
    double JoulesAtBoundary;
    uint64_t LastRaw;
    int UnitSlot;        // in the domain's unit list, -1 when beyond MaxUnits
    uint64_t Unreadable; // reads that failed or did not parse
    bool Started;        // counting from a first valid value
  };

  bool readCpu(bool &Changed);
  // Warns once when the reference counter has had no valid reading for
  // CounterLostNs: its energy is missing from then on, which the profile
  // shows only as unreadable_samples.
  void noteCpuReadable(bool Readable, uint64_t NowNs);
  uint64_t UnreadableSinceNs = 0;
  bool WarnedUnreadable = false;
  // A channel's first valid value starts its count (a channel unreadable at
  // first starts late instead of never).
  void startChannel(ChannelState &CS, uint64_t Raw, uint64_t NowNs) {
    CS.Counter.reset(CS.From->channel(CS.Index), Raw, NowNs);
    CS.LastRaw = Raw;
    CS.JoulesAtBoundary = 0;
    CS.Started = true;
  }
  unsigned Reference = 0; // the CPU channel whose updates mark ticks
  void readGpu(uint64_t NowNs);
  // PlannedNs: when the read that saw the boundary was meant to happen
  // (collection later than that, by SoftEndNs, makes the tick's end soft).
  void closeTick(Stamp Boundary, uint64_t NowNs, uint64_t PlannedNs = 0);
  bool pauseOrStop(); // true: stop
  void tickPeriodically();
  void trackUpdates();
  void lockOnto();
  double secondsPerTick();
  // The timer ticks at Ns, from a stamp taken after it.
  uint64_t ticksAt(Stamp Known, uint64_t Ns);

  SourceSet Sources;
  ThreadState *(*Threads)() = nullptr;
  ChannelState *Channels = nullptr;
  unsigned NumCpu = 0, NumGpu = 0;
  uint64_t *Raw = nullptr;
  bool *Valid = nullptr;
  TickCollector Collector;
  UpdateTracker Tracker;
  OtherLoad Others;
  uint32_t OthersFromTick = 0;
  uint64_t OthersLastNs = 0;
  uint64_t LastGpuNs = 0;
  bool HaveBoundary = false;
  Stamp LastBoundary{0, 0};
  Stamp RateAnchor{0, 0};
  bool Periodic = false;
  uint64_t PeriodNs = PeriodicTickNs;
  bool MeasuredCpu = false;   // a measured CPU counter: phase locking applies
  unsigned FailedBursts = 0;  // lock bursts in a row without a lock
  uint64_t RetryLockAtNs = 0; // periodic fallback: when to try locking again
public:
  uint64_t UnlockedTicks = 0; // ticks closed while not locked
private:
  uint64_t NextPeriodicNs = 0;
  double TickSecondsSum = 0;
  uint64_t LastLockChangeNs = 0; // last change seen while locking
public:
  uint64_t SoftEnds = 0;

private:
  uint64_t TickCount = 0;
};

// Written by the thread that starts or stops energy, read by the flush
// thread and signal handlers, which may already run: atomic.
constinit std::atomic<Sampler *> Active{nullptr};
constinit ThreadTickSink SavedSink;
constinit OnceFlag IncompleteWarning;

bool Sampler::init(const EnergyConfig &Cfg, const SourceSet &Set,
                   ThreadState *(*ThreadsFn)()) {
  Sources = Set;
  Threads = ThreadsFn;
  NumCpu = Set.Cpu ? Set.Cpu->numChannels() : 0;
  NumGpu = Set.Gpu ? Set.Gpu->numChannels() : 0;
  unsigned N = NumCpu + NumGpu;
  Collector.setSink(SavedSink);
  PeriodNs = Cfg.CountersNeedTicks ? CounterTickNs : PeriodicTickNs;
  if (Cfg.TimingTickNs && Cfg.TimingTickNs < PeriodNs)
    PeriodNs = Cfg.TimingTickNs;
  if (N == 0) {
    // No energy, only counters or sampled timing: periodic ticks, nothing
    // to attribute.
    if (!Cfg.needsTicks() || !Buffer.init())
      return false;
    Periodic = true;
    Report.Method = "none";
    return true;
  }
  Channels = static_cast<ChannelState *>(
      permanentAllocate(sizeof(ChannelState) * N, alignof(ChannelState)));
  Raw = static_cast<uint64_t *>(permanentAllocate(sizeof(uint64_t) * N));
  Valid = static_cast<bool *>(permanentAllocate(N));
  if (!Channels || !Raw || !Valid || !Buffer.init())
    return false;

  DomainSettings Settings[NumDomains];
  const AttributionChoice Split = configuredAttribution();
  for (unsigned I = 0; I < N; ++I) {
    const Source *From = I < NumCpu ? Set.Cpu : Set.Gpu;
    unsigned Index = I < NumCpu ? I : I - NumCpu;
    const Channel &C = From->channel(Index);
    ChannelState &CS = *new (&Channels[I]) ChannelState();
    CS.From = From;
    CS.Index = Index;
    unsigned D = unsigned(C.Dom);
    DomainReport &R = Report.Domains[D];
    if (!R.Active) {
      R.Active = true;
      R.Kind = From->kind();
      R.Measured = From->measured();
      R.ResolutionJ = C.JoulesPerCount;
      R.Note = From->note();
      Settings[D].Active = true;
      Settings[D].Measured = From->measured();
      Settings[D].SplitByTime = Split == AttributionChoice::Time;
      Settings[D].FixedBaselineW =
          C.Dom == Domain::Package ? Cfg.IdleWatts : -1;
    }
    CS.UnitSlot = -1;
    for (unsigned U = 0; U < R.NumUnits; ++U)
      if (R.UnitIds[U] == C.Unit)
        CS.UnitSlot = int(U);
    if (CS.UnitSlot < 0 && R.NumUnits < MaxUnits) {
      R.UnitIds[R.NumUnits] = C.Unit;
      CS.UnitSlot = int(R.NumUnits++);
    }
  }
  for (unsigned I = 0; I < NumCpu; ++I)
    if (Set.Cpu->channel(I).Dom == Domain::Package) {
      Reference = I;
      break;
    }
  if (!Attr.init(Settings, TickBuffer::DefaultMaxEntries))
    return false;
  Report.Attr = &Attr;
  Report.OthersCpu = Others.open();
  // Phase locking needs a measured CPU counter; the model and a GPU alone
  // are read at a fixed period.
  MeasuredCpu = Set.Cpu && Set.Cpu->measured();
  Periodic = !MeasuredCpu;
  // The regression needs a measured domain (a GPU one counts), and can be
  // turned off (FRUGAL_ATTRIBUTION=time).
  bool Regressed = (MeasuredCpu || Set.Gpu) && Split != AttributionChoice::Time;
  Report.Method = Regressed ? "regression" : "time-split";
  if (Split == AttributionChoice::Regression && !Regressed && !HasPreset)
    warning("FRUGAL_ATTRIBUTION=regression has no effect: the energy is "
            "modelled (CPU time x watts), so it is split by time");
  Report.Sampled = true;
  return true;
}

bool Sampler::readCpu(bool &Changed) {
  Changed = false;
  if (!Sources.Cpu)
    return false;
  Stamp Now = stampNow();
  ReadStatus St = Sources.Cpu->read(Raw, Valid);
  noteCpuReadable(St != ReadStatus::Failed && Valid[Reference], Now.Ns);
  if (St == ReadStatus::Failed) {
    for (unsigned I = 0; I < NumCpu; ++I)
      ++Channels[I].Unreadable;
    return false;
  }
  for (unsigned I = 0; I < NumCpu; ++I) {
    ChannelState &CS = Channels[I];
    if (!Valid[I]) {
      ++CS.Unreadable;
      continue;
    }
    if (!CS.Started) {
      startChannel(CS, Raw[I], Now.Ns);
      continue;
    }
    // Only the reference channel's updates mark ticks: other packages (and
    // AMD's per-core counters) update on clocks of their own.
    if (Raw[I] != CS.LastRaw && CS.Counter.update(Raw[I], Now.Ns)) {
      CS.LastRaw = Raw[I];
      Changed |= I == Reference;
    }
  }
  return true;
}

void Sampler::noteCpuReadable(bool Readable, uint64_t NowNs) {
  if (Readable) {
    UnreadableSinceNs = 0;
    return;
  }
  if (!UnreadableSinceNs) {
    UnreadableSinceNs = NowNs;
    return;
  }
  if (WarnedUnreadable || NowNs - UnreadableSinceNs < CounterLostNs)
    return;
  WarnedUnreadable = true;
  warning("the CPU energy counter has given no valid reading for 1 s: the "
          "energy from then on is missing from the profile until it reads "
          "again (unreadable_samples counts the failed reads)");
}

void Sampler::readGpu(uint64_t NowNs) {
  if (!Sources.Gpu)
    return;
  LastGpuNs = NowNs;
  uint64_t *GpuRaw = Raw + NumCpu;
  bool *GpuValid = Valid + NumCpu;
  if (Sources.Gpu->read(GpuRaw, GpuValid) == ReadStatus::Failed)
    return;
  for (unsigned I = 0; I < NumGpu; ++I) {
    ChannelState &CS = Channels[NumCpu + I];
    CS.Unreadable += !GpuValid[I];
    if (!GpuValid[I])
      continue;
    if (!CS.Started)
      startChannel(CS, GpuRaw[I], NowNs);
    else if (GpuRaw[I] != CS.LastRaw && CS.Counter.update(GpuRaw[I], NowNs))
      CS.LastRaw = GpuRaw[I];
  }
}

uint64_t Sampler::ticksAt(Stamp Known, uint64_t Ns) {
  if (Ns >= Known.Ns)
    return Known.Ticks;
  double Ticks = double(Known.Ns - Ns) * 1e-9 / secondsPerTick();
  return Ticks < double(Known.Ticks) ? Known.Ticks - uint64_t(Ticks) : 0;
}

double Sampler::secondsPerTick() {
  Stamp Now = stampNow();
  if (Now.Ticks <= RateAnchor.Ticks || Now.Ns <= RateAnchor.Ns)
    return 1e-9; // too early to tell: about right for both timers' order
  return double(Now.Ns - RateAnchor.Ns) * 1e-9 /
         double(Now.Ticks - RateAnchor.Ticks);
}

void Sampler::consumeWindow(bool Final) {
  if (numChannels() == 0) {
    Buffer.clear(); // counters only: the sink has taken what it needs
    return;
  }
  if (!Attr.consume(Buffer, secondsPerTick(), Final))
    return; // too short to choose the columns from: kept for later
  Buffer.clear();
  OthersFromTick = 0;
}

void Sampler::closeTick(Stamp Boundary, uint64_t NowNs, uint64_t PlannedNs) {
  unsigned N = NumCpu + NumGpu;
  if (!HaveBoundary) {
    // The first boundary starts the measurement: what ran before it is
    // nobody's tick.
    Collector.discardUpTo(Threads(), Boundary.Ticks);
    for (unsigned I = 0; I < N; ++I)
      Channels[I].JoulesAtBoundary = Channels[I].Counter.joules();
    HaveBoundary = true;
    // Ticks without an energy channel serve the counters only.
    if (N > 0)
      Measuring.store(true, std::memory_order_release);
    LastBoundary = Boundary;
    Others.sample();
    OthersLastNs = NowNs;
    return;
  }
  if (!Buffer.hasRoom(EntryReserve))
    consumeWindow();
  Tick &T = Buffer.beginTick();
  T.EndTicks = Boundary.Ticks;
  T.DurationTicks = Boundary.Ticks > LastBoundary.Ticks
                        ? Boundary.Ticks - LastBoundary.Ticks
                        : 0;
  Collector.collect(Threads(), Boundary.Ticks, Buffer);
  uint64_t CollectedNs = monotonicNs();
  // After the node times: an NVML read takes long enough to make the
  // boundary late. The GPU's counter updates far less often than this.
  if (Sources.Gpu && CollectedNs - LastGpuNs >= GpuReadIntervalNs)
    readGpu(CollectedNs);
  uint64_t Reference = PlannedNs > Boundary.Ns ? PlannedNs : Boundary.Ns;
  T.SoftEnd = !Periodic && CollectedNs > Reference + SoftEndNs;
  SoftEnds += T.SoftEnd;
  for (unsigned I = 0; I < N; ++I) {
    ChannelState &CS = Channels[I];
    double J = CS.Counter.joules();
    double Delta = J - CS.JoulesAtBoundary;
    CS.JoulesAtBoundary = J;
    const Channel &C = CS.From->channel(CS.Index);
    T.EnergyJ[unsigned(C.Dom)] += Delta;
    if (CS.UnitSlot >= 0)
      Report.Domains[unsigned(C.Dom)].UnitJ[CS.UnitSlot] += Delta;
  }
  Buffer.commitTick();
  UnlockedTicks += !Tracker.locked();
  if (Tracker.locked())
    FailedBursts = 0;
  LastLockChangeNs = NowNs;
  TickSecondsSum += double(Boundary.Ns - LastBoundary.Ns) * 1e-9;
  ++TickCount;
  LastBoundary = Boundary;

  if (NowNs - OthersLastNs >= OtherLoad::MinWindowNs) {
    double OthersS = Others.sample();
    uint64_t Span = 0;
    for (uint32_t I = OthersFromTick; I < Buffer.numTicks(); ++I)
      Span += Buffer.tick(I).DurationTicks;
    for (uint32_t I = OthersFromTick; Span && I < Buffer.numTicks(); ++I)
      Buffer.tick(I).OthersCpuS =
          OthersS * double(Buffer.tick(I).DurationTicks) / double(Span);
    OthersFromTick = Buffer.numTicks();
    OthersLastNs = NowNs;
  }
}

void Sampler::finalCollection() {
  if (!HaveBoundary)
    return; // never ticked: the counters' sink has no baseline
  Buffer.clear();
  Tick &T = Buffer.beginTick();
  T.EndTicks = readTicks();
  Collector.collect(Threads(), T.EndTicks, Buffer);
  Buffer.clear();
}

// Returns true when asked to stop. While paused, the writer owns the buffer
// and the attribution.
void Sampler::saveCpuTime() {
  timespec Ts;
  if (HaveCpuClock && clock_gettime(CpuClock, &Ts) == 0)
    CpuNs.store(uint64_t(Ts.tv_sec) * 1000000000u + uint64_t(Ts.tv_nsec),
                std::memory_order_relaxed);
}

bool Sampler::pauseOrStop() {
  uint32_t R = Request.load(std::memory_order_acquire);
  if (R == RequestRun)
    return false;
  saveCpuTime();
  if (R == RequestStop) {
    State.store(StateStopped, std::memory_order_release);
    return true;
  }
  for (;;) {
    State.store(StatePaused, std::memory_order_seq_cst);
    while ((R = Request.load(std::memory_order_seq_cst)) == RequestPause) {
      timespec Nap{0, 200000};
      nanosleep(&Nap, nullptr);
    }
    if (R == RequestStop) {
      State.store(StateStopped, std::memory_order_release);
      return true;
    }
    // Announce Running, then look again: a writer that asked for a pause
    // meanwhile may have read the old Paused and taken the data; then the
    // sampler must not run (Dekker: both sides store, then load, seq_cst).
    State.store(StateRunning, std::memory_order_seq_cst);
    if (Request.load(std::memory_order_seq_cst) == RequestRun)
      break;
  }
  Tracker.skipTo(monotonicNs());
  return false;
}

void Sampler::tickPeriodically() {
  uint64_t Now = monotonicNs();
  if (NextPeriodicNs == 0)
    NextPeriodicNs = Now;
  if (NextPeriodicNs > Now)
    sleepUntilNs(NextPeriodicNs);
  bool Changed;
  readCpu(Changed);
  Stamp B = stampNow();
  closeTick(B, B.Ns);
  NextPeriodicNs += PeriodNs;
  if (NextPeriodicNs <= B.Ns)
    NextPeriodicNs = B.Ns + PeriodNs;
}

// Polls until the counter has changed twice (period and phase), checking
// for requests now and then. Falls back to periodic ticks when the counter
// does not move.
void Sampler::lockOnto() {
  Stamp Before{0, 0};
  uint64_t Start = monotonicNs();
  if (!LastLockChangeNs)
    LastLockChangeNs = Start;
  // The counter's last change, in this burst or before (closeTick).
  uint64_t &LastChange = LastLockChangeNs;
  Tracker.beginLockBurst();
  while (!Tracker.locked()) {
    if (Request.load(std::memory_order_relaxed) != RequestRun)
      return;
    if (monotonicNs() - Start > LockBurstNs) {
      if (++FailedBursts >= MaxLockBursts) {
        // Read every 10 ms instead, with the read as the boundary: the
        // energy of the last update before it lands up to one update
        // period off, so ticks are longer but the sampler stays cheap.
        FailedBursts = 0;
        ++Report.LockFallbacks;
        Periodic = true;
        RetryLockAtNs = monotonicNs() + LockRetryNs;
        verbose("energy: cannot lock onto the counter's updates (a loaded "
                "machine?); reading it every ",
                PeriodNs / 1000000, " ms for now");
        return;
      }
      sleepUntilNs(monotonicNs() + LockPauseNs);
      return;
    }
    Stamp S1 = stampNow();
    bool Changed;
    if (!readCpu(Changed)) {
      // Unreadable right now: try again a little later.
      timespec Nap{0, 1000000};
      nanosleep(&Nap, nullptr);
      continue;
    }
    Stamp S2 = stampNow();
    Stamp Mid{S1.Ns + (S2.Ns - S1.Ns) / 2,
              S1.Ticks + (S2.Ticks - S1.Ticks) / 2};
    if (Changed) {
      if (Before.Ns) {
        uint64_t B = Tracker.changed(Before.Ns, Mid.Ns);
        Stamp Boundary{B, Before.Ticks + (Mid.Ticks - Before.Ticks) / 2};
        closeTick(Boundary, S2.Ns);
      }
      LastChange = S2.Ns;
    } else if (S2.Ns - LastChange > LockTimeoutNs) {
      verbose("energy: the CPU counter did not change for ",
              LockTimeoutNs / 1000000, " ms; reading it every ",
              PeriodNs / 1000000, " ms instead of at its updates");
      Periodic = true;
      MeasuredCpu = false; // a frozen counter: no phase to find
      return;
    }
    Before = Mid;
  }
}

void Sampler::trackUpdates() {
  uint64_t Wake = Tracker.wakeAtNs();
  if (Wake > monotonicNs())
    sleepUntilNs(Wake);
  Stamp Before{0, 0};
  uint64_t GiveUp = Tracker.giveUpAtNs();
  for (;;) {
    Stamp S1 = stampNow();
    bool Changed;
    bool Ok = readCpu(Changed);
    Stamp S2 = stampNow();
    Stamp Mid{S1.Ns + (S2.Ns - S1.Ns) / 2,
              S1.Ticks + (S2.Ticks - S1.Ticks) / 2};
    if (Ok && Changed) {
      uint64_t B = Tracker.changed(Before.Ns, Mid.Ns);
      closeTick(Stamp{B, ticksAt(Mid, B)}, S2.Ns, Wake);
      return;
    }
    if (S2.Ns > GiveUp) {
      Tracker.missed();
      return;
    }
    // Busy: any pause (sched_yield, nanosleep) can keep the sampler off
    // the CPU for much longer than the update it waits for, next to a busy
    // thread. The window is short: the guard adapts to the jitter seen.
    if (Ok)
      Before = Mid;
  }
}

void Sampler::loop() {
  RateAnchor = stampNow();
  bool Changed;
  readCpu(Changed); // first values: the counters start from them
  if (Sources.Gpu)
    readGpu(RateAnchor.Ns);
  for (;;) {
    if (pauseOrStop())
      return;
    if (Periodic && MeasuredCpu && monotonicNs() >= RetryLockAtNs) {
      // Try locking again, briefly: a machine that was loaded may still be.
      Periodic = false;
      Tracker.unlock();
      FailedBursts = MaxLockBursts - RetryLockBursts;
    }
    if (Periodic)
      tickPeriodically();
    else if (!Tracker.locked())
      lockOnto();
    else
      trackUpdates();
  }
}

// Sampled timing: the sources are chosen on a thread of its own while this
// one samples the stacks at the tick, so that the time the probe takes
// (tens of milliseconds with the liveness check) goes to the functions that
// ran in it, not all to whatever runs at the first tick.
struct SourceProbe {
  const EnergyConfig *Cfg;
  SourceSet Result;
  std::atomic<bool> Done{false};
};

void *probeMain(void *Arg) {
  auto *P = static_cast<SourceProbe *>(Arg);
  prctl(PR_SET_NAME, "frugal-probe", 0, 0, 0);
  P->Result = selectSources(*P->Cfg);
  P->Done.store(true, std::memory_order_release); // P is not touched after
  return nullptr;
}

SourceSet selectSourcesWhileSampling(const EnergyConfig &Cfg,
                                     ThreadState *(*Threads)()) {
  SourceProbe Probe;
  Probe.Cfg = &Cfg;
  if (!startBackgroundThread(probeMain, &Probe))
    return selectSources(Cfg);
  uint64_t Next = monotonicNs();
  while (!Probe.Done.load(std::memory_order_acquire)) {
    Next += Cfg.TimingTickNs;
    sleepUntilNs(Next);
    sampleAllStacks(Threads(), readTicks());
  }
  return Probe.Result;
}

void *samplerMain(void *Arg) {
  auto *S = static_cast<Sampler *>(Arg);
  // Wake-ups close to the asked time: the default 50 us slack would blur
  // the update moments the sampler aims at.
  prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
  prctl(PR_SET_NAME, "frugal-energy", 0, 0, 0);
  S->HaveCpuClock = pthread_getcpuclockid(pthread_self(), &S->CpuClock) == 0;
  SourceSet Sources = S->HasPreset ? S->Preset
                      : S->Cfg.TimingTickNs
                          ? selectSourcesWhileSampling(S->Cfg, S->ThreadsFn)
                          : selectSources(S->Cfg);
  S->Chosen = Sources;
  if (!Sources.Cpu && !Sources.Gpu && !S->Cfg.needsTicks()) {
    verbose("energy: no source (FRUGAL_ENERGY=none and no GPU)");
    S->State.store(StateUnavailable, std::memory_order_release);
    return nullptr;
  }
  if (!S->init(S->Cfg, Sources, S->ThreadsFn)) {
    warning("cannot set up the energy sampler; no energy is measured");
    S->State.store(StateUnavailable, std::memory_order_release);
    return nullptr;
  }
  S->State.store(StateRunning, std::memory_order_release);
  S->loop();
  return nullptr;
}

bool Sampler::start() { return startBackgroundThread(samplerMain, this); }

void Sampler::finishReport() {
  Report.TickUs = TickCount ? TickSecondsSum / double(TickCount) * 1e6 : 0;
  Report.Ticks = TickCount;
  Report.UnlockedTicks = UnlockedTicks;
  Report.PhaseLocked =
      MeasuredCpu && TickCount && UnlockedTicks * 2 < TickCount;
  Report.SoftEnds = SoftEnds;
  Report.UpdatePeriodUs = double(Tracker.periodNs()) * 1e-3;
  Report.PollGuardUs = double(Tracker.guardNs()) * 1e-3;
  Report.Misses = Tracker.misses();
  Report.LateWakes = Tracker.lateWakes();
  Report.Relocks = Tracker.relocks();
  Report.RingOverflows = Collector.stats().RingOverflows;
  Report.DroppedEntries = Collector.stats().DroppedEntries;
  for (unsigned D = 0; D < NumDomains; ++D)
    Report.Domains[D].Wraps = Report.Domains[D].Glitches =
        Report.Domains[D].Unreadable = 0;
  for (unsigned I = 0; I < NumCpu + NumGpu; ++I) {
    const ChannelState &CS = Channels[I];
    DomainReport &R = Report.Domains[unsigned(CS.From->channel(CS.Index).Dom)];
    R.Wraps += CS.Counter.wraps();
    R.Glitches += CS.Counter.glitches();
    R.Unreadable += CS.Unreadable;
  }
  Report.SamplerCpuS = double(CpuNs.load(std::memory_order_relaxed)) * 1e-9;
}

bool waitForState(Sampler &S, uint32_t Want) {
  uint64_t Deadline = monotonicNs() + WriterWaitNs;
  while (S.State.load(std::memory_order_acquire) != Want) {
    if (S.State.load(std::memory_order_acquire) == StateStopped)
      return true; // stopped for good: its data is the writer's
    if (monotonicNs() > Deadline)
      return false;
    timespec Nap{0, 100000};
    nanosleep(&Nap, nullptr);
  }
  return true;
}

constinit EnergyConfig SavedConfig;
constinit ThreadState *(*SavedThreads)() = nullptr;
constinit bool WriterOwnsData = false;

void launch(const EnergyConfig &Cfg, ThreadState *(*Threads)(),
            const SourceSet *Preset = nullptr) {
  void *Mem = permanentAllocate(sizeof(Sampler), alignof(Sampler));
  if (!Mem) {
    warning("cannot allocate the energy sampler; no energy is measured");
    return;
  }
  auto *S = new (Mem) Sampler();
  S->Cfg = Cfg;
  S->ThreadsFn = Threads;
  if (Preset) {
    S->Preset = *Preset;
    S->HasPreset = true;
  }
  if (!S->start()) {
    warning("cannot start the energy sampler thread; no energy is measured");
    return;
  }
  Active.store(S, std::memory_order_release);
}

} // namespace

void setTickSink(const ThreadTickSink &Sink) { SavedSink = Sink; }

EnergyReadiness energyReadiness() {
  Sampler *S = Active.load(std::memory_order_acquire);
  if (!S)
    return EnergyReadiness::Never;
  if (S->Measuring.load(std::memory_order_acquire))
    return EnergyReadiness::Measuring;
  uint32_t St = S->State.load(std::memory_order_acquire);
  if (St == StateUnavailable || St == StateStopped)
    return EnergyReadiness::Never;
  // Running (its sources chosen before State was published) without an
  // energy channel: it ticks for the counters only (FRUGAL_ENERGY=none with
  // FRUGAL_EVENTS).
  if (St != StateStarting && S->numChannels() == 0)
    return EnergyReadiness::Never;
  return EnergyReadiness::Starting;
}

void startEnergy(const EnergyConfig &Cfg, ThreadState *(*Threads)()) {
  SavedConfig = Cfg;
  SavedThreads = Threads;
  if (Cfg.Choice == EnergyChoice::None && !Cfg.Gpu && !Cfg.needsTicks()) {
    verbose("energy: off (FRUGAL_ENERGY=none, FRUGAL_GPU=0)");
    return;
  }
  launch(Cfg, Threads);
}

void restartEnergyInChild() {
  Sampler *Old = Active.exchange(nullptr, std::memory_order_acq_rel);
  WriterOwnsData = false;
  if (!Old)
    return;
  // The parent's sampler thread does not exist here. NVML is not
  // fork-safe: the child measures the CPU only.
  EnergyConfig Cfg = SavedConfig;
  Cfg.Gpu = false;
  uint32_t St = Old->State.load(std::memory_order_acquire);
  if (St != StateStarting) {
    // The parent chose already: its CPU source reads system-wide counters
    // through descriptors the child shares, and stays valid here.
    SourceSet Preset;
    Preset.Cpu = St == StateUnavailable ? nullptr : Old->Chosen.Cpu;
    if (Preset.Cpu || Cfg.needsTicks())
      launch(Cfg, SavedThreads, &Preset);
    return;
  }
  if (Cfg.Choice != EnergyChoice::None || Cfg.needsTicks())
    launch(Cfg, SavedThreads);
}

const EnergyReport *beginEnergyWrite(bool Final) {
  Sampler *S = Active.load(std::memory_order_acquire);
  if (!S)
    return nullptr;
  if (WriterOwnsData) // a nested write (signal during a write): use as is
    return S->Report.Attr && S->numChannels() ? &S->Report : nullptr;
  // Still choosing its sources: wait for that (a short program may end
  // first), then there is energy or there is not.
  if (S->State.load(std::memory_order_acquire) == StateStarting) {
    uint64_t Deadline = monotonicNs() + WriterWaitNs;
    while (S->State.load(std::memory_order_acquire) == StateStarting &&
           monotonicNs() < Deadline) {
      timespec Nap{0, 200000};
      nanosleep(&Nap, nullptr);
    }
  }
  uint32_t St = S->State.load(std::memory_order_acquire);
  if (St == StateStarting || St == StateUnavailable)
    return nullptr;
  bool Owned;
  if (Final) {
    S->Request.store(RequestStop, std::memory_order_seq_cst);
    Owned = waitForState(*S, StateStopped);
  } else {
    if (S->State.load(std::memory_order_acquire) == StateStopped)
      Owned = true; // stopped by an earlier final write
    else {
      S->Request.store(RequestPause, std::memory_order_seq_cst);
      Owned = waitForState(*S, StatePaused);
    }
  }
  if (!Owned) {
    // The sampler is busy (a long window in progress): its data cannot be
    // read safely, so this profile goes without energy, and the sampler
    // carries on (a pause request left behind would stop it until the
    // next write).
    if (!Final)
      S->Request.store(RequestRun, std::memory_order_seq_cst);
    if (IncompleteWarning.first())
      warning("the energy sampler did not pause in time; a profile was "
              "written without energy");
    return nullptr;
  }
  WriterOwnsData = true;
  S->consumeWindow(Final);
  if (Final)
    S->finalCollection();
  if (S->numChannels() == 0)
    return nullptr; // sampling for the counters only
  S->finishReport();
  return &S->Report;
}

void endEnergyWrite(bool Final) {
  Sampler *S = Active.load(std::memory_order_acquire);
  if (!S || !WriterOwnsData)
    return;
  WriterOwnsData = false;
  if (!Final)
    S->Request.store(RequestRun, std::memory_order_release);
}

} // namespace frugal::rt::energy
