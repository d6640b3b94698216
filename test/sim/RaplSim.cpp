//===- RaplSim.cpp - a RAPL simulator for end-to-end tests ----------------===//
//
// frugal-rapl-sim [options] -- PROGRAM ARGS...
//
// Runs PROGRAM against a fake powercap tree (FRUGAL_POWERCAP_ROOT) whose
// energy counters behave like the hardware's: they move on the simulator's
// own clock (every --period-us, with jitter), in whole quanta, and wrap. The
// power they integrate is what the program's threads report through
// sim_phase.h (and a baseline), so the simulator knows the exact energy and
// writes it to the truth file when the program exits. Test tool only.
//
//===----------------------------------------------------------------------===//
#include "Options.h"
#include "PhaseBoard.h"
#include "Powercap.h"
#include "Truth.h"

#include <cerrno>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <sched.h>
#include <string>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace frugal::sim;

namespace {

bool Verbose = false;
volatile pid_t ChildPid = 0;

void note(const char *Fmt, ...) {
  if (!Verbose)
    return;
  std::va_list Args;
  va_start(Args, Fmt);
  std::fputs("frugal-rapl-sim: ", stderr);
  std::vfprintf(stderr, Fmt, Args);
  std::fputc('\n', stderr);
  va_end(Args);
}

void error(const std::string &Msg) {
  std::fprintf(stderr, "frugal-rapl-sim: error: %s\n", Msg.c_str());
}

uint64_t nowNs() {
  timespec Ts;
  clock_gettime(CLOCK_MONOTONIC, &Ts);
  return (uint64_t)Ts.tv_sec * 1000000000ULL + (uint64_t)Ts.tv_nsec;
}

void sleepUntil(uint64_t Ns) {
  timespec Ts{(time_t)(Ns / 1000000000ULL), (long)(Ns % 1000000000ULL)};
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &Ts, nullptr) ==
         EINTR) {
  }
}

/// Signals meant for the program (a test's timeout, ^C) go to it; the
/// simulator carries on until it exits.
void forwardSignal(int Sig) {
  if (ChildPid > 0)
    kill(ChildPid, Sig);
}

/// Hardware updates its counters whatever the load; on a 2-core CI machine
/// running spinning test programs side by side, a normal-priority simulator
/// was up to 10 ms late. So the simulator asks for SCHED_FIFO, else a lower
/// nice value, where allowed, before it forks: a program that keeps both
/// CPUs busy must not hold off a simulator still waiting for its priority.
/// SCHED_RESET_ON_FORK gives the program the normal policy and nice 0. The
/// simulator sleeps between updates, so it takes little CPU from others.
const char *SchedName = "normal";
void raisePriority() {
  sched_param P{};
  P.sched_priority = 10; // Above a test's real-time reader (simprog's poll).
  if (sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, &P) == 0) {
    SchedName = "fifo";
  } else {
    P.sched_priority = 0;
    sched_setscheduler(0, SCHED_OTHER | SCHED_RESET_ON_FORK, &P);
    if (setpriority(PRIO_PROCESS, 0, -10) == 0)
      SchedName = "nice";
  }
  note("scheduling: %s", SchedName);
}

/// The fake tree, the board and the counters of one run.
class Simulator {
public:
  explicit Simulator(const Options &O)
      : O(O), Package(O.QuantumUj, O.MaxRangeUj, O.StartUj),
        Core(O.QuantumUj, O.MaxRangeUj, O.StartUj), Rng(O.Seed) {}

  bool setUp(std::string &Error);
  /// Runs the program and simulates until it exits; returns the exit
  /// status to exit with.
  int run();
  bool writeTruth(std::string &Error) {
    return O.Truth.empty() || frugal::sim::writeTruth(O.Truth, O, T, Error);
  }
  void cleanUp();

private:
  void update();
  void logLine(const char *Kind, const std::string &PkgWritten,
               uint64_t CoreValue, long double PkgJ);

  const Options &O;
  std::string Root;
  bool OwnRoot = false;
  std::string BoardPath;
  std::unique_ptr<PhaseBoard> Board;
  ZoneFile PackageFile, CoreFile;
  EnergyCounter Package, Core;
  uint64_t LastNumericUj = 0; ///< Last value written to package energy_uj.
  std::FILE *Log = nullptr;
  std::mt19937_64 Rng;
  uint64_t TargetNs = 0; ///< When the current update was due.
  long double LateSumUs = 0;
  Truth T;
};

bool Simulator::setUp(std::string &Error) {
  if (O.Root.empty()) {
    const char *Tmp = std::getenv("TMPDIR");
    std::string Template =
        std::string(Tmp && *Tmp ? Tmp : "/tmp") + "/frugal-rapl-sim.XXXXXX";
    if (!mkdtemp(Template.data())) {
      Error = "cannot create a directory from " + Template + ": " +
              std::strerror(errno);
      return false;
    }
    Root = Template;
    OwnRoot = true;
  } else {
    Root = O.Root;
    std::error_code EC;
    std::filesystem::create_directories(Root, EC);
    if (EC) {
      Error = "cannot create " + Root + ": " + EC.message();
      return false;
    }
  }
  if (!O.Log.empty() && !(Log = std::fopen(O.Log.c_str(), "w"))) {
    Error = "cannot write " + O.Log + ": " + std::strerror(errno);
    return false;
  }
  T.StartNs = nowNs();
  BoardPath = Root + "/phase-board";
  Board = PhaseBoard::create(BoardPath, T.StartNs, Error);
  if (!Board)
    return false;
  // The control-type directory that real trees have next to the zones, so
  // that readers are tested against it too.
  std::string Pkg = Root + "/intel-rapl:0";
  std::error_code EC;
  std::filesystem::create_directories(Root + "/intel-rapl", EC);
  if (!writeSmallFile(Root + "/intel-rapl/enabled", "1\n", Error) ||
      !PackageFile.create(Pkg, "package-0", O.MaxRangeUj, Error) ||
      !CoreFile.create(Pkg + "/intel-rapl:0:0", "core", O.MaxRangeUj, Error))
    return false;
  uint64_t P = Package.valueFor(0), C = Core.valueFor(0);
  if (!PackageFile.writeValue(P) || !CoreFile.writeValue(C)) {
    Error = "cannot write the counters under " + Pkg;
    return false;
  }
  LastNumericUj = P;
  logLine("start", std::to_string(P), C, 0);
  note("powercap tree %s, board %s, period %llu us +/- %llu us", Root.c_str(),
       BoardPath.c_str(), (unsigned long long)O.PeriodUs,
       (unsigned long long)O.JitterUs);
  return true;
}

/// One line per update: number, time (CLOCK_MONOTONIC ns), what happened
/// (start, ok or a fault), the package value written ("-" for no number),
/// the core value, and the exact package and dynamic energies in joules.
void Simulator::logLine(const char *Kind, const std::string &PkgWritten,
                        uint64_t CoreValue, long double PkgJ) {
  if (!Log)
    return;
  std::fprintf(Log, "%llu %llu %s %s %llu %.17g %.17g\n",
               (unsigned long long)T.Updates,
               (unsigned long long)(T.Updates ? T.EndNs : T.StartNs), Kind,
               PkgWritten.c_str(), (unsigned long long)CoreValue, (double)PkgJ,
               (double)Board->dynamicJ());
}

void Simulator::update() {
  uint64_t N = ++T.Updates;
  Board->beginUpdate(); // Before the time: see frugal_sim_sync().
  uint64_t Now = nowNs();
  if (TargetNs && Now > TargetNs) {
    double LateUs = (double)(Now - TargetNs) * 1e-3;
    LateSumUs += LateUs;
    if (LateUs > T.MaxLateUs)
      T.MaxLateUs = LateUs;
  }
  Board->advance(Now);
  T.EndNs = Now;
  T.DynamicJ = Board->dynamicJ();
  T.TotalJ = (long double)O.BaselineW * (long double)(Now - T.StartNs) * 1e-9L +
             T.DynamicJ;
  uint64_t P = Package.valueFor(T.TotalJ);
  uint64_t C = Core.valueFor(T.DynamicJ);
  T.Wraps = Package.wraps();
  T.CoreWraps = Core.wraps();
  T.FinalPackageUj = P;
  T.FinalCoreUj = C;
  CoreFile.writeValue(C);

  // At most one fault per update (the options refuse two at one update).
  Injection I;
  I.Update = N;
  I.TimeNs = Now;
  const char *Kind = "ok";
  if (O.UnreadableAt.count(N)) {
    // A regular file cannot make pread() fail on a descriptor the reader
    // already holds (chmod and unlink do not affect it), so the file is
    // emptied for one period: preads return 0 bytes, as a failed sysfs read
    // returns no value. The next update writes the right value again.
    PackageFile.writeText("", 0);
    I.Kind = Kind = "unreadable";
  } else if (O.GarbageAt.count(N)) {
    // As long as the number it replaces ("#xxxxxx\n"), so that going back
    // to numbers does not shrink the file (see ZoneFile::writeText).
    std::string Garbage = "#" + std::string(std::to_string(P).size() - 1, 'x');
    Garbage += '\n';
    PackageFile.writeText(Garbage.data(), Garbage.size());
    I.Kind = Kind = "garbage";
    I.Written = Garbage;
  } else if (O.GlitchAt.count(N)) {
    // Below the previous value by far less than a wrap, so a reader can
    // tell it from one.
    uint64_t G =
        LastNumericUj >= 2000000 ? LastNumericUj - 1000000 : LastNumericUj / 2;
    PackageFile.writeValue(G);
    I.Kind = Kind = "glitch";
    I.Written = std::to_string(G) + "\n";
    I.Fields = {
        {"value_uj", G}, {"previous_uj", LastNumericUj}, {"correct_uj", P}};
    LastNumericUj = G;
  } else {
    PackageFile.writeValue(P);
    LastNumericUj = P;
  }
  bool Numeric = I.Kind != "garbage" && I.Kind != "unreadable";
  if (!I.Kind.empty()) {
    note("update %llu: injected %s", (unsigned long long)N, Kind);
    T.Injected.push_back(std::move(I));
  }
  logLine(Kind, Numeric ? std::to_string(LastNumericUj) : "-", C, T.TotalJ);
  Board->endUpdate(Now);
}

int Simulator::run() {
  // Updates on time, not up to the default 50 us of timer slack late.
  prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
  raisePriority();
  std::fflush(nullptr);
  // Time zero: setting up the files may have taken a while on a busy disk.
  T.StartNs = nowNs();
  Board->setStart(T.StartNs);
  // Installed before the fork so that no signal is lost in between; exec
  // gives the program the default dispositions back.
  struct sigaction Sa {};
  Sa.sa_handler = forwardSignal;
  sigemptyset(&Sa.sa_mask);
  for (int Sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2})
    sigaction(Sig, &Sa, nullptr);
  pid_t Pid = fork();
  if (Pid < 0) {
    error(std::string("fork: ") + std::strerror(errno));
    return 1;
  }
  if (Pid == 0) {
    signal(SIGPIPE, SIG_DFL);
    setenv("FRUGAL_POWERCAP_ROOT", Root.c_str(), 1);
    setenv("FRUGAL_SIM_BOARD", BoardPath.c_str(), 1);
    std::vector<char *> Argv;
    for (const std::string &A : O.Command)
      Argv.push_back(const_cast<char *>(A.c_str()));
    Argv.push_back(nullptr);
    execvp(Argv[0], Argv.data());
    std::fprintf(stderr, "frugal-rapl-sim: error: cannot run '%s': %s\n",
                 Argv[0], std::strerror(errno));
    _exit(127);
  }
  ChildPid = Pid;
  note("running %s (pid %d)", O.Command[0].c_str(), (int)Pid);

  const uint64_t Period = O.PeriodUs * 1000;
  std::uniform_int_distribution<int64_t> Jitter(-(int64_t)O.JitterUs * 1000,
                                                (int64_t)O.JitterUs * 1000);
  uint64_t Next = T.StartNs + Period;
  int Status = 0;
  for (;;) {
    TargetNs = Next + Jitter(Rng);
    sleepUntil(TargetNs);
    update();
    pid_t R = waitpid(Pid, &Status, WNOHANG);
    if (R == Pid || (R < 0 && errno == ECHILD))
      break;
    // Stay on the grid; a late update does not shift the later ones, and
    // one more than a period late skips the slots it missed.
    Next += Period;
    uint64_t Now = nowNs();
    if (Next + O.JitterUs * 1000 <= Now)
      Next += (Now - Next) / Period * Period + Period;
  }
  // The program is gone (and reaped, so its threads read as gone): one last
  // update integrates everything up to now.
  TargetNs = 0;
  update();
  if (T.Updates > 1)
    T.MeanLateUs = (double)(LateSumUs / (long double)(T.Updates - 1));
  T.Scheduling = SchedName;
  T.Labels = Board->labelTotals();
  T.Board = Board->stats();
  if (WIFSIGNALED(Status)) {
    T.Signal = WTERMSIG(Status);
    note("program killed by signal %d", T.Signal);
  } else {
    T.ExitCode = WEXITSTATUS(Status);
    note("program exited with %d", T.ExitCode);
  }
  note("%llu updates, %.6f J (%.6f J dynamic), %llu wraps, %llu late events",
       (unsigned long long)T.Updates, (double)T.TotalJ, (double)T.DynamicJ,
       (unsigned long long)T.Wraps, (unsigned long long)T.Board.LateEvents);
  return T.Signal ? 128 + T.Signal : T.ExitCode;
}

void Simulator::cleanUp() {
  if (Log)
    std::fclose(Log);
  Log = nullptr;
  Board.reset();
  if (OwnRoot) {
    std::error_code EC;
    std::filesystem::remove_all(Root, EC);
  }
}

} // namespace

int main(int Argc, char **Argv) {
  std::string Error;
  bool WantHelp = false;
  std::optional<Options> O = parseOptions(Argc, Argv, Error, WantHelp);
  if (!O) {
    if (WantHelp) {
      std::fputs(usage(), stdout);
      return 0;
    }
    error(Error);
    return 2;
  }
  Verbose = O->Verbose;
  // A closed stderr pipe must not kill the simulator before it has written
  // the truth and removed its temporary tree (the program gets SIGPIPE's
  // default back).
  signal(SIGPIPE, SIG_IGN);
  Simulator Sim(*O);
  if (!Sim.setUp(Error)) {
    error(Error);
    Sim.cleanUp();
    return 1;
  }
  int Status = Sim.run();
  if (!Sim.writeTruth(Error)) {
    error(Error);
    if (Status == 0)
      Status = 1;
  }
  Sim.cleanUp();
  return Status;
}
