//===- Runtime.cpp - Process-wide state: initialisation and writing -------===//
//
// Exit ordering: the profile is written by an atexit handler. atexit
// handlers and C++ static destructors run in reverse order of registration,
// and _dl_fini (which runs every object's .fini_array, where modules
// unregister) is registered by __libc_start_main just before the main
// program's constructors run. The runtime's own constructor runs earlier
// when it is a shared library (dependencies are initialised first), so an
// atexit from there would run after _dl_fini, once every module is gone.
// The handler is therefore registered at first use: the first module
// registration (a main-program constructor), the first hook or region, or
// frugal_flush. Consequences:
//  * static destructors of objects constructed after that point run before
//    the profile is written (their instrumented code is measured);
//  * the profile is written before modules unregister (they show
//    "loaded": true and their records need no copy);
//  * a copy of the static runtime in a shared object is never unloaded once
//    used (ModulePin.h): its profile is written at exit too.
//
// First use also activates what only a measured program needs: the
// rendezvous with other copies of the runtime in the process
// (Rendezvous.h), the signal handlers, the flush thread and the energy
// sampler. A program that links the runtime but runs no instrumented code
// (linked with pkg-config's Libs, compiled without the plugin) thus pays
// for no thread and no handler, and FRUGAL_VERBOSE=1 says at exit why it
// has no profile.
//
//===----------------------------------------------------------------------===//
#include "Runtime.h"

#include "AtomicFile.h"
#include "Clock.h"
#include "Env.h"
#include "FlushThread.h"
#include "JsonWriter.h"
#include "Log.h"
#include "Memory.h"
#include "ModulePin.h"
#include "NodeMetrics.h"
#include "OutputPath.h"
#include "Overhead.h"
#include "ProfileMerge.h"
#include "ProfileWriter.h"
#include "ProgramMetrics.h"
#include "Regions.h"
#include "Registry.h"
#include "Rendezvous.h"
#include "Signals.h"
#include "StackSampling.h"
#include "SystemInfo.h"
#include "ThreadRegistry.h"
#include "TimingMode.h"
#include "Tracer.h"
#include "alloc/AllocReport.h"
#include "alloc/AllocTracking.h"
#include "counters/Counters.h"
#include "counters/EventReport.h"
#include "energy/EnergyEnv.h"
#include "energy/EnergyRuntime.h"

#include "frugal/abi.h"

#include <atomic>
#include <charconv>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

namespace frugal::rt {

namespace {

enum InitPhase : int { NotStarted, Ready, Disabled };

struct RuntimeState {
  pthread_once_t Once = PTHREAD_ONCE_INIT;
  std::atomic<int> Phase{NotStarted};
  Config Cfg;
  energy::EnergyConfig Energy;
  TimerKind Timer = TimerKind::Monotonic;
  bool TscInvariant = false;
  ClockSample Anchor;       // tick calibration; kept across fork
  uint64_t StartMonoNs = 0; // the process's (or forked child's) start
  uint64_t StartUnixNs = 0;
  HookCost MeasuredCost;
  HookCost AppliedCost; // zero when FRUGAL_OVERHEAD_CORRECTION=0
  ThreadLimits Limits;
  RankInfo Rank;
  char Executable[PathCapacity] = {};
  char Host[256] = {};
  char OutputPath[PathCapacity] = {};
  std::atomic<bool> FinalWritten{false}; // the final write has been claimed
  std::atomic<bool> FinalDone{false};    // ... and has finished
  // The thread that claimed the final write (0: none), and whether a signal
  // handler did: an exit that finds the final write claimed by a signal
  // must let that signal end the process, not go on to exit's status.
  std::atomic<int> FinalClaimTid{0};
  std::atomic<bool> FinalBySignal{false};
  // Signal handlers waiting for the final write, to re-raise after it.
  std::atomic<int> SignalWaiters{0};
  // The last write failed in both folders, with its warnings (writes are
  // serialised by WriterTid).
  bool WriteFailureReported = false;
  std::atomic<int> WriterTid{0}; // the thread writing a profile, 0 if none
  // First use (activateRuntime) is done: exit handler, rendezvous, signal
  // handlers, flush thread and energy sampler.
  pthread_once_t ActivateOnce = PTHREAD_ONCE_INIT;
  std::atomic<bool> Active{false};
  bool ForkChild = false;
  // Another copy of the runtime was first in this process: this one writes
  // to a path of its own (PathValues::Copy).
  bool LaterCopy = false;
  RendezvousResult Copies;
};

constinit RuntimeState State;
constinit IdSpace Ids;
constinit Registry Modules(Ids);
constinit RegionTable Regions(Ids);
constinit OnceFlag StateAllocationWarning;

constexpr uint64_t Millisecond = 1000000;
constexpr size_t JsonBufferBytes = 64 << 10;

int currentTid() { return static_cast<int>(syscall(SYS_gettid)); }

uint64_t realtimeNs() {
  timespec Ts;
  clock_gettime(CLOCK_REALTIME, &Ts);
  return uint64_t(Ts.tv_sec) * 1000000000u + uint64_t(Ts.tv_nsec);
}

// "12.34" from a fixed-point tick count, for verbose messages.
struct FixedText {
  char Text[32];
  explicit FixedText(uint64_t Fixed) {
    uint64_t Whole = Fixed >> HookCost::FixedShift;
    uint64_t Hundredths =
        ((Fixed & ((1u << HookCost::FixedShift) - 1)) * 100) >>
        HookCost::FixedShift;
    char *P = std::to_chars(Text, Text + 20, Whole).ptr;
    *P++ = '.';
    *P++ = char('0' + Hundredths / 10);
    *P++ = char('0' + Hundredths % 10);
    *P = '\0';
  }
};

void computePath() {
  PathValues Values;
  Values.Pid = getpid();
  Values.Host = State.Host;
  Values.Executable = baseName(State.Executable);
  Values.Rank = State.Rank.Text;
  if (State.LaterCopy)
    Values.Copy = baseName(State.Copies.OwnModule);
  computeOutputPath(State.Cfg.OutputTemplate, Values, State.ForkChild,
                    State.OutputPath);
}

ThreadState *firstThread() { return threadList().first(); }
void onExit() { writeProfile(WriteReason::Exit); }
// The first copy's handler writes every copy's profile; a later copy's
// (called by it) writes its own.
void onSignal(int Signal) {
  writeProfile(WriteReason::Signal, Signal);
  forwardSignalToSecondaries(Signal);
}
void onFlushTimer() { writeProfile(WriteReason::PeriodicFlush); }

// A fault in the runtime's own code on this thread (a hook, or a profile
// write) leaves its books half updated: writing them could hang or write
// nonsense, so the process just dies, and says why. A signal sent by
// kill/raise/abort while this thread is in a hook is no fault of the hook:
// it is written as SIGTERM's would be. This thread's own profile write is
// never re-entered.
void onCrash(int Signal, bool Sent) {
  ThreadState *Self = CurrentThread;
  bool InHook = Self && Self != inertThreadState() && Self->InHook;
  bool InRuntime =
      (InHook && !Sent) ||
      State.WriterTid.load(std::memory_order_acquire) == currentTid();
  if (InRuntime) {
    warning(signalName(Signal),
            " in frugal's runtime while it was measuring or writing: no "
            "profile is written for this crash; please report it");
    return;
  }
  onSignal(Signal);
}

void prepareFork() {
  ThreadState *TS = CurrentThread;
  if (TS && TS != inertThreadState()) {
    TS->NumRdpmcBeforeFork = TS->NumRdpmc;
    TS->NumRdpmc = 0;
  }
  threadList().lock();
  Regions.lock();
  Modules.lock();
  programMetrics().lock();
  permanentArenaLock();
}

void restoreRdpmcAfterFork() {
  ThreadState *TS = CurrentThread;
  if (TS && TS != inertThreadState())
    TS->NumRdpmc = TS->NumRdpmcBeforeFork;
}

void parentAfterFork() {
  permanentArenaUnlock();
  programMetrics().unlock();
  Modules.unlock();
  Regions.unlock();
  threadList().unlock();
  restoreRdpmcAfterFork();
}

// The child has one thread, this one: it starts a profile of its own,
// written to its own file, that covers the child only.
void childAfterFork() {
  parentAfterFork(); // the forking thread holds the locks: release them
  State.FinalWritten.store(false);
  State.FinalDone.store(false);
  State.FinalClaimTid.store(0);
  State.FinalBySignal.store(false);
  State.WriterTid.store(0);
  State.WriteFailureReported = false;
  State.StartMonoNs = monotonicNs();
  State.StartUnixNs = realtimeNs();
  State.ForkChild = true;
  computePath();
  threadList().clearAfterFork();
  resetSamplingAfterFork();
  Modules.resetArgSamples();
  // The program's metrics stay: the child's own figures until it sets them.
  Regions.resetItemsAfterFork();

  ThreadState *Old = CurrentThread;
  if (Old && Old != inertThreadState())
    Old->NumRdpmc = 0; // its perf pages were not copied into the child
  if (Old && Old != inertThreadState()) {
    ThreadState *New = ThreadState::create(State.Limits, State.AppliedCost);
    if (New) {
      uint64_t Now = readTicks();
      replicateOpenCalls(*Old, *New, Now);
      New->SampledUpTo = Now;
      captureThreadIdentity(*New);
      counters::reattachInChild(*New);
      threadList().add(New);
      watchThreadExit(New);
    }
    CurrentThread = New ? New : inertThreadState();
  }
  // Only what the parent had started (see activateRuntime).
  if (State.Cfg.FlushSeconds && State.Active.load(std::memory_order_acquire))
    startFlushThread(State.Cfg.FlushSeconds, onFlushTimer);
  energy::restartEnergyInChild();
  verbose("forked child ", getpid(), " will write ", State.OutputPath);
}

// In secure mode (set-uid, or file capabilities such as cap_perfmon for
// RAPL) secure_getenv ignores every FRUGAL_* variable. Say so once, or a
// user who set FRUGAL_OUTPUT looks for a profile that went elsewhere.
void warnIfSettingsIgnored() {
  if (!getauxval(AT_SECURE))
    return;
  for (char **E = environ; E && *E; ++E)
    if (!strncmp(*E, "FRUGAL_", 7)) {
      warning("running in secure mode (set-uid or file capabilities): the "
              "FRUGAL_* variables are ignored; see docs/runtime.md, "
              "Environment variables");
      return;
    }
}

void initialize() {
  Config &Cfg = State.Cfg;
  warnIfSettingsIgnored();
  parseConfig(Cfg);
  setVerbose(Cfg.Verbose);
  executablePath(State.Executable, sizeof(State.Executable));
  if (Cfg.Disable) {
    verbose("disabled by FRUGAL_DISABLE: nothing is measured or written");
    State.Phase.store(Disabled, std::memory_order_release);
    return;
  }
  if (!Cfg.OutputGiven && isConfigureTestProgram(baseName(State.Executable))) {
    // Disabled as FRUGAL_DISABLE=1 would, but not by it: say the one true
    // reason.
    verbose(baseName(State.Executable),
            " is a configure-time test program: not measured (FRUGAL_OUTPUT "
            "makes it measured)");
    Cfg.Disable = true;
    State.Phase.store(Disabled, std::memory_order_release);
    return;
  }
  createThreadExitKey();
  // Before anything that depends on it: the events' rdpmc path needs the
  // hooks' switches, which sampled timing has not.
  SampledTiming = Cfg.SampledTiming;
  energy::parseEnergyConfig(State.Energy);
  if (SampledTiming)
    State.Energy.TimingTickNs = Cfg.SamplePeriodUs * 1000;
  // Before the first thread state: nodes get their metric slots from it.
  uint32_t EventSlots = counters::configureEvents();
  bool TrackAlloc = alloc::configureAllocTracking();
  setMetricLayout(EventSlots, TrackAlloc);
  State.Energy.CountersNeedTicks = counters::needsSampler();
  State.Timer = selectTimer(Cfg.Timer, State.TscInvariant);
  State.Anchor = sampleClock();
  State.StartMonoNs = State.Anchor.Ns;
  State.StartUnixNs = realtimeNs();
  State.Limits.MaxNodes = Cfg.MaxNodes;
  State.Rank = readRank();
  hostName(State.Host, sizeof(State.Host));
  computePath();

  // Sampled timing reads no clock in the hooks: nothing to correct.
  if (!SampledTiming)
    State.MeasuredCost = measureHookCost(__frugal_enter, __frugal_exit);
  State.AppliedCost = Cfg.OverheadCorrection ? State.MeasuredCost : HookCost();
  if (SampledTiming)
    verbose("timing: sampled, a stack sample every ", Cfg.SamplePeriodUs,
            " us (FRUGAL_TIMING=sampled)");
  else
    verbose("hook cost: pair ", FixedText(State.MeasuredCost.PairFixed).Text,
            " ticks, inner ", FixedText(State.MeasuredCost.InnerFixed).Text,
            " ticks (", State.Timer == TimerKind::Tsc ? "TSC" : "ns",
            Cfg.OverheadCorrection ? "), subtracted" : "), not subtracted");

  pthread_atfork(prepareFork, parentAfterFork, childAfterFork);
  if (TrackAlloc)
    alloc::startAllocTracking();
  // The signal handlers, flush thread and energy sampler wait for the first
  // use (activateRuntime).
  State.Phase.store(Ready, std::memory_order_release);
}

// One warning per later copy: its profile is not lost, but the process's
// data is split between files, and the fix is at link time.
void warnLaterCopy() {
  warning("another copy of the runtime is already measuring this process, "
          "in ",
          State.Copies.PrimaryModule, "; the copy in ", State.Copies.OwnModule,
          " writes its own profile, ", State.OutputPath,
          " (frugal merge combines them); link every instrumented module "
          "with the shared runtime libfrugal_rt.so; the static archive is "
          "for a single instrumented module");
}

void activate() {
  // Before anything points into this copy's object: threads, handlers,
  // other copies (ModulePin.h).
  if (!keepOwnModuleLoaded())
    warning("cannot keep the shared object holding this copy of the runtime "
            "loaded; unloading it (dlclose) may crash the process; link the "
            "shared runtime libfrugal_rt.so");
  atexit(onExit);
  joinRendezvous(onSignal, State.Executable, State.Copies);
  if (!State.Copies.Primary) {
    State.LaterCopy = true;
    computePath();
    warnLaterCopy();
    // The first copy's handlers are in place (or the program's own): ours
    // would replace them. The first copy's handler writes this profile too
    // (Rendezvous.h).
    verbose(State.Copies.Enlisted
                ? "SIGINT, SIGTERM and crash signals: the first copy's "
                  "handlers write this profile too"
                : "SIGINT, SIGTERM and crash signals: no profile of this copy "
                  "is written when they kill the process (too many copies)");
  } else {
    installTerminationHandlers(onSignal);
    if (State.Cfg.CrashProfile)
      installCrashHandlers(onCrash);
  }
  if (State.Cfg.FlushSeconds)
    startFlushThread(State.Cfg.FlushSeconds, onFlushTimer);
  energy::startEnergy(State.Energy, firstThread);
  verbose("profile: ", State.OutputPath, " (max ", State.Cfg.MaxNodes,
          " contexts per thread)");
  State.Active.store(true, std::memory_order_release);
}

// Only one profile is written at a time. Waits up to TimeoutNs for another
// thread's write; never for this thread's own (a signal that interrupted a
// write on this thread would wait forever).
bool acquireWriter(int Tid, uint64_t TimeoutNs) {
  uint64_t Deadline = monotonicNs() + TimeoutNs;
  for (;;) {
    int Expected = 0;
    if (State.WriterTid.compare_exchange_strong(Expected, Tid,
                                                std::memory_order_acquire))
      return true;
    if (Expected == Tid || monotonicNs() >= Deadline)
      return false;
    timespec Pause{0, Millisecond};
    nanosleep(&Pause, nullptr);
  }
}

struct ProduceContext {
  const ProfileDocument *Doc;
  char *Buffer;
};

bool produceProfile(void *Ctx, AtomicFile &File) {
  auto *P = static_cast<ProduceContext *>(Ctx);
  JsonWriter W(P->Buffer, JsonBufferBytes, AtomicFile::writeCallback, &File);
  emitProfile(W, *P->Doc);
  return W.finish();
}

int writeLocked(WriteReason Why, int Signal) {
  bool InSignal = Why == WriteReason::Signal;
  // Energy first: the final write stops the sampler, and the attribution of
  // its last window must be done before the snapshot reads the nodes.
  bool Final = Why == WriteReason::Exit || InSignal;
  const energy::EnergyReport *Energy = energy::beginEnergyWrite(Final);
  struct EndEnergyWrite {
    bool Final;
    ~EndEnergyWrite() { energy::endEnergyWrite(Final); }
  } EnergyGuard{Final};
  // The counters' totals: the final write's last collection (above) has
  // put their last counts into the nodes.
  unsigned NumEvents = 0;
  const counters::EventReport *Events = counters::reportEvents(NumEvents);
  uint64_t Now = readTicks();
  uint64_t NowNs = monotonicNs();
  // Sampled timing: the time since the sampler's last tick (or all of it,
  // when no sampler ran) goes to the stacks the threads are in now.
  if (SampledTiming && Final && !sampleAllStacks(threadList().first(), Now))
    warning("the stack sampler is busy; this profile's times end at its "
            "last tick");
  ScopedArena A;

  ProfileSnapshot Snapshot;
  SnapshotRequest Request;
  Request.Energy = Energy != nullptr;
  Request.MetricSlots = NodeMetricLayout.Slots;
  Request.MaxSlot = maxMetricSlot();
  Request.Threads = threadList().first();
  Request.Now = Now;
  Request.MaxId = Ids.maxId();
  Request.RefreshNames = true;
  auto *Machine = static_cast<MachineInfo *>(A.allocate(sizeof(MachineInfo)));
  auto *Buffer = A.allocateArray<char>(JsonBufferBytes);
  if (!Machine || !Buffer || !buildSnapshot(A, Request, Snapshot)) {
    warning("out of memory while merging the profile; it is not written");
    return -1;
  }
  collectMachineInfo(*Machine);

  ProfileDocument Doc;
  char *Argv = nullptr;
  if (readWholeFile("/proc/self/cmdline", A, Argv, Doc.ArgvLen))
    Doc.Argv = Argv;
  Doc.Executable = State.Executable;
  Doc.Pid = getpid();
  Doc.Host = State.Host;
  Doc.Rank = State.Rank;
  Doc.StartUnixNs = State.StartUnixNs;
  Doc.WallNs = NowNs - State.StartMonoNs;
  // The process's resident-set high-water mark (a syscall, safe in a
  // signal handler); Linux counts it in KiB.
  rusage Usage;
  if (getrusage(RUSAGE_SELF, &Usage) == 0 && Usage.ru_maxrss > 0)
    Doc.PeakRssBytes = uint64_t(Usage.ru_maxrss) * 1024;
  char End[24] = "exit";
  if (InSignal) {
    strcpy(End, "signal:");
    strcat(End, signalName(Signal));
  } else if (Why != WriteReason::Exit) {
    strcpy(End, "flush");
  }
  Doc.End = End;
  Doc.Metrics = &programMetrics();
  Doc.Machine = Machine;
  Doc.Timer = State.Timer;
  Doc.TscInvariant = State.TscInvariant;
  Doc.Rate = measureRate(State.Timer, State.Anchor);
  // Sampled timing has no hook time to correct.
  Doc.OverheadCorrection = State.Cfg.OverheadCorrection && !SampledTiming;
  Doc.SampledTiming = SampledTiming;
  Doc.SamplePeriodUs = State.Cfg.SamplePeriodUs;
  for (ThreadState *T = threadList().first(); T; T = loadAcquire(T->Next))
    Doc.StackSamples += loadRelaxed(T->StackSamples);
  Doc.MeasuredCost = State.MeasuredCost;
  Doc.Regions = &Regions;
  Doc.Snapshot = &Snapshot;
  Doc.MaxNodesPerThread = State.Cfg.MaxNodes;
  Doc.Energy = Energy;
  Doc.Events = Events;
  Doc.NumEvents = NumEvents;
  // Every node's allocations: the merged root's inclusive values.
  const uint64_t *AllNodes = Snapshot.NodeMetrics.inclusive(0);
  const uint64_t *NodeAllocs = nullptr;
  if (AllNodes && NodeMetricLayout.Alloc)
    NodeAllocs = AllNodes + NodeMetricLayout.AllocBase;
  Doc.Alloc = &alloc::reportAlloc(NodeAllocs);

  // A registration or dlclose in progress (maybe on this very thread, if a
  // signal interrupted it) holds the registry: write what we can without it.
  bool Locked =
      Modules.tryLockFor(InSignal ? 100 * Millisecond : 2000 * Millisecond);
  if (Locked)
    Doc.Modules = &Modules;
  else
    warning("the module registry is busy; this profile lists no modules or "
            "functions");

  ProduceContext Ctx{&Doc, Buffer};
  char Written[PathCapacity];
  // A write that failed everywhere has been reported; the same failure on
  // the next rewrites (FRUGAL_FLUSH_S) and at exit is not repeated, until a
  // write succeeds again.
  bool Ok =
      writeFileWithFallback(State.OutputPath, State.Cfg.TmpDir, produceProfile,
                            &Ctx, Written, State.WriteFailureReported);
  // The last message said the profile was not written: say that it is now.
  if (Ok && State.WriteFailureReported)
    warning("the profile is written again, to ", Written);
  State.WriteFailureReported = !Ok;
  // Once a profile went to the fallback folder, later writes of this
  // process (FRUGAL_FLUSH_S rewrites, the exit write) go there directly:
  // an unwritable folder or a full disk warns once, not at every rewrite,
  // and the profile stays in one place. Writes are serialised.
  if (Ok && strcmp(Written, State.OutputPath) != 0)
    strcpy(State.OutputPath, Written);
  if (Locked)
    Modules.unlock();
  if (Ok && isVerbose()) {
    MessageBuilder B;
    B.append("wrote ").append(Written).append(" (end ").append(End);
    B.append(", ").append(Snapshot.NumThreads).append(" threads, ");
    B.append(Snapshot.NumNodes - 1).append(" contexts; hook pair ");
    B.append(
        Doc.Rate.fixedToNs(State.MeasuredCost.PairFixed, HookCost::FixedShift));
    B.append(" ns, inner ");
    B.append(Doc.Rate.fixedToNs(State.MeasuredCost.InnerFixed,
                                HookCost::FixedShift));
    B.append(" ns; timer ").append(timerName(Doc.Timer));
    if (Doc.Timer == TimerKind::Tsc)
      B.append(" at ").append(Doc.Rate.hz()).append(" Hz");
    B.append(")");
    emitLine(B.view());
  }
  return Ok ? 0 : -1;
}

// Runs \p Once's \p Body (initialisation or first use). Hooks run by a
// signal handler on this thread meanwhile must not re-enter it: they see
// the inert state until it is done.
void runOnceWithInertHooks(pthread_once_t &Once, void (*Body)()) {
  ThreadState *Saved = CurrentThread;
  if (!Saved)
    CurrentThread = inertThreadState();
  pthread_once(&Once, Body);
  if (!Saved)
    CurrentThread = nullptr;
}

} // namespace

bool ensureInitialized() {
  int P = State.Phase.load(std::memory_order_acquire);
  if (FRUGAL_LIKELY(P != NotStarted))
    return P == Ready;
  runOnceWithInertHooks(State.Once, initialize);
  return State.Phase.load(std::memory_order_acquire) == Ready;
}

void activateRuntime() {
  if (FRUGAL_LIKELY(State.Active.load(std::memory_order_acquire)))
    return;
  runOnceWithInertHooks(State.ActivateOnce, activate);
}

void reportUnusedRuntime() {
  if (!isVerbose() || State.Phase.load(std::memory_order_acquire) != Ready ||
      State.Active.load(std::memory_order_acquire))
    return;
  // The plugin is installed beside the shared runtime (lib/).
  char Plugin[PathCapacity + 16] = "FrugalPass.so";
  char Own[PathCapacity];
  objectPathOf(reinterpret_cast<const void *>(&reportUnusedRuntime), Own,
               sizeof(Own));
  if (const char *Slash = strrchr(Own, '/');
      Slash && strcmp(Own, State.Executable)) {
    size_t Dir = size_t(Slash - Own) + 1;
    memcpy(Plugin, Own, Dir);
    strcpy(Plugin + Dir, "FrugalPass.so");
    if (access(Plugin, R_OK))
      strcpy(Plugin, "FrugalPass.so");
  }
  verbose("no instrumented module registered and no frugal_* function was "
          "called: no profile is written (compile with -fpass-plugin=",
          Plugin, ", or with frugal-clang / frugal-clang++)");
}

ThreadState *attachCurrentThread() {
  ThreadState *Inert = inertThreadState();
  CurrentThread = Inert;
  if (!ensureInitialized())
    return Inert;
  activateRuntime();
  ThreadState *TS = ThreadState::create(State.Limits, State.AppliedCost);
  if (!TS) {
    if (StateAllocationWarning.first())
      warning("cannot map memory for a thread's state; that thread is not "
              "measured");
    return Inert;
  }
  TS->LastSwitch = TS->SampledUpTo = readTicks();
  captureThreadIdentity(*TS);
  counters::attachThread(*TS);
  threadList().add(TS);
  watchThreadExit(TS);
  CurrentThread = TS;
  return TS;
}

Registry &moduleRegistry() { return Modules; }
RegionTable &regionTable() { return Regions; }

bool finalProfileWritten() {
  return State.FinalWritten.load(std::memory_order_acquire);
}

namespace {

// Blocks SIGINT/SIGTERM on this thread for the lifetime of the object: a
// termination signal handled here mid-write would re-raise and kill the
// process with the profile half written. In our signal handler they are
// blocked already (its sa_mask).
class TerminationSignalsHeld {
public:
  explicit TerminationSignalsHeld(bool Hold) {
    sigset_t Termination;
    sigemptyset(&Termination);
    sigaddset(&Termination, SIGINT);
    sigaddset(&Termination, SIGTERM);
    Held = Hold && pthread_sigmask(SIG_BLOCK, &Termination, &Saved) == 0;
  }
  ~TerminationSignalsHeld() {
    if (Held)
      pthread_sigmask(SIG_SETMASK, &Saved, nullptr);
  }
  TerminationSignalsHeld(const TerminationSignalsHeld &) = delete;
  TerminationSignalsHeld &operator=(const TerminationSignalsHeld &) = delete;

private:
  sigset_t Saved;
  bool Held = false;
};

// Sleeps \p Ns in 1 ms steps (a signal that kills the process ends it
// early). nanosleep is async-signal-safe.
void pauseFor(uint64_t Ns) {
  uint64_t Deadline = monotonicNs() + Ns;
  while (monotonicNs() < Deadline) {
    timespec Pause{0, Millisecond};
    nanosleep(&Pause, nullptr);
  }
}

// Another thread claimed the final write (exit() racing with a signal
// delivered to another thread): wait, boundedly, for its file to be in place
// before this thread lets the process die. nanosleep is async-signal-safe.
void waitForFinalWrite(uint64_t TimeoutNs) {
  uint64_t Deadline = monotonicNs() + TimeoutNs;
  while (!State.FinalDone.load(std::memory_order_acquire) &&
         monotonicNs() < Deadline) {
    timespec Pause{0, Millisecond};
    nanosleep(&Pause, nullptr);
  }
}

// The exit write is done while another thread's handler waited for it: that
// handler now re-raises its signal, and the process must die by it as it
// would have without frugal, not finish exit() first. Bounded: 1 s.
void letWaitingSignalsKill() {
  if (State.SignalWaiters.load(std::memory_order_acquire) == 0)
    return;
  pauseFor(1000 * Millisecond);
}

} // namespace

int writeProfile(WriteReason Why, int Signal) {
  if (State.Phase.load(std::memory_order_acquire) != Ready)
    return -1;
  // Held before anything is claimed, so that no termination signal is
  // handled on this thread between the claim and the write.
  TerminationSignalsHeld Held(Why != WriteReason::Signal);
  bool Final = Why == WriteReason::Exit || Why == WriteReason::Signal;
  int Tid = currentTid();
  if (Final) {
    if (State.FinalWritten.exchange(true)) {
      // This thread's own final write, interrupted by a signal handler on
      // this thread (a fault in the writer, or in a later runtime copy's
      // exit write): it cannot finish while we wait for it.
      if (State.FinalClaimTid.load(std::memory_order_acquire) == Tid)
        return -1;
      if (Why == WriteReason::Signal)
        State.SignalWaiters.fetch_add(1, std::memory_order_acq_rel);
      waitForFinalWrite(10000 * Millisecond);
      // A signal's handler wrote it and now re-raises: let it end the
      // process rather than exit() with the program's status.
      if (Why == WriteReason::Exit &&
          State.FinalBySignal.load(std::memory_order_acquire))
        pauseFor(1000 * Millisecond);
      return 0;
    }
    State.FinalClaimTid.store(Tid, std::memory_order_release);
    State.FinalBySignal.store(Why == WriteReason::Signal,
                              std::memory_order_release);
  } else if (State.FinalWritten.load()) {
    return 0; // the final profile is on disk: leave it
  }

  uint64_t Wait = 5000 * Millisecond;
  if (Why == WriteReason::Signal)
    Wait = 1000 * Millisecond;
  else if (Why == WriteReason::PeriodicFlush)
    Wait = 0; // someone is writing a fresh profile anyway
  if (!acquireWriter(Tid, Wait)) {
    if (Why != WriteReason::PeriodicFlush)
      warning("another profile write is in progress; this one is skipped");
    if (Final)
      State.FinalDone.store(true, std::memory_order_release);
    return -1;
  }
  if (!Final && State.FinalWritten.load()) {
    // The final write was claimed while this flush waited: never replace
    // the final profile with an older, non-final one.
    State.WriterTid.store(0, std::memory_order_release);
    return 0;
  }
  // Instrumented code running on this thread during the write (an
  // interposed library function, say) must not touch its state.
  ThreadState *Self = CurrentThread;
  uintptr_t SavedGuard = Self ? Self->InHook : 0;
  if (Self && Self != inertThreadState())
    Self->InHook = GuardHeldForever;
  signalFence();

  int Rc = writeLocked(Why, Signal);

  signalFence();
  if (Self && Self != inertThreadState())
    Self->InHook = SavedGuard;
  State.WriterTid.store(0, std::memory_order_release);
  if (Final)
    State.FinalDone.store(true, std::memory_order_release);
  if (Why == WriteReason::Exit)
    letWaitingSignalsKill();
  return Rc;
}

} // namespace frugal::rt
