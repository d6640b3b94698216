//===- HooksTest.cpp - The exported entry points, end to end in-process ---===//
//
// These tests use the process-wide runtime (initialised by the first hook,
// with FRUGAL_OUTPUT pointing into the scratch directory, see TestMain.cpp).
//
//===----------------------------------------------------------------------===//
#include "Clock.h"
#include "Memory.h"
#include "ProfileMerge.h"
#include "Regions.h"
#include "Runtime.h"
#include "Signals.h"
#include "ThreadRegistry.h"

#include "TestSupport.h"

#include "TestFrame.h"
#include "frugal/abi.h"
#include "frugal/frugal.h"

#include <atomic>
#include <gtest/gtest.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace frugal;

namespace {

frugal_module_info moduleInfo() {
  frugal_module_info Info = {};
  Info.abi_version = FRUGAL_ABI_VERSION;
  Info.source_file = "hooks_test.c";
  Info.llvm_version = "19.1.7";
  Info.filter = "threshold=0";
  return Info;
}

// A registered module that lives until exit.
struct Module {
  std::vector<frugal_func_record> Records;
  frugal_module_info Info = moduleInfo();
  explicit Module(size_t N, const char *Prefix)
      : Records(test::makeRecords(N, Prefix)) {
    __frugal_register_module(&Info, Records.data(),
                             Records.data() + Records.size());
  }
  frugal_func_record *operator[](size_t I) { return &Records[I]; }
};

Module &threadModule() {
  static Module *M = new Module(3, "worker_fn");
  return *M;
}

__attribute__((noinline)) void leaf(Module &M) {
  __frugal_enter(M[2], FRUGAL_TEST_FRAME());
  asm volatile("" ::: "memory");
  __frugal_exit(M[2], FRUGAL_TEST_FRAME());
}

__attribute__((noinline)) void middle(Module &M) {
  __frugal_enter(M[1], FRUGAL_TEST_FRAME());
  leaf(M);
  leaf(M);
  __frugal_exit(M[1], FRUGAL_TEST_FRAME());
}

__attribute__((noinline)) void outer(Module &M, int Iterations) {
  __frugal_enter(M[0], FRUGAL_TEST_FRAME());
  for (int I = 0; I < Iterations; ++I)
    middle(M);
  __frugal_exit(M[0], FRUGAL_TEST_FRAME());
}

std::string profilePath(pid_t Pid) {
  return test::scratchDir() + "/profile-" + std::to_string(Pid) + ".json";
}

TEST(Hooks, RegistrationAssignsIds) {
  Module &M = threadModule();
  EXPECT_NE(M[0]->id, 0u);
  EXPECT_EQ(M[1]->id, M[0]->id + 1);
  EXPECT_EQ(M[2]->id, M[0]->id + 2);
  // A second module of the same object passes the same bounds: no new ids.
  frugal_module_info Info = moduleInfo();
  uint32_t Before = M[0]->id;
  __frugal_register_module(&Info, M.Records.data(),
                           M.Records.data() + M.Records.size());
  EXPECT_EQ(M[0]->id, Before);
  __frugal_unregister_module(&Info, M.Records.data(),
                             M.Records.data() + M.Records.size());
}

TEST(Hooks, EightThreadsGiveExactTotals) {
  Module &M = threadModule();
  constexpr int Threads = 8, Iterations = 20000;
  std::vector<std::thread> Workers;
  for (int T = 0; T < Threads; ++T)
    Workers.emplace_back([&M] { outer(M, Iterations); });
  for (std::thread &W : Workers)
    W.join();

  rt::ScopedArena A;
  rt::SnapshotRequest R;
  R.Threads = rt::threadList().first();
  R.Now = rt::readTicks();
  R.MaxId = M[2]->id;
  rt::ProfileSnapshot S;
  ASSERT_TRUE(rt::buildSnapshot(A, R, S));
  EXPECT_EQ(S.Functions[M[0]->id].Calls, uint64_t(Threads));
  EXPECT_EQ(S.Functions[M[1]->id].Calls, uint64_t(Threads) * Iterations);
  EXPECT_EQ(S.Functions[M[2]->id].Calls, uint64_t(Threads) * Iterations * 2);
  const rt::MergedNode *Leaf =
      test::findPath(S, {M[0]->id, M[1]->id, M[2]->id});
  ASSERT_NE(Leaf, nullptr);
  EXPECT_EQ(Leaf->Calls, uint64_t(Threads) * Iterations * 2);
  // The workers ended, their data stayed; each did exactly its own calls.
  int Workers_ = 0;
  for (uint32_t I = 0; I < S.NumThreads; ++I) {
    const rt::ThreadSummary &T = S.Threads[I];
    if (T.NumFunctions == 0 || T.Functions[0].Id != M[0]->id)
      continue;
    ++Workers_;
    EXPECT_TRUE(T.Ended);
    EXPECT_EQ(T.Resyncs, 0u);
    EXPECT_EQ(T.MaxDepth, 3u);
    EXPECT_EQ(T.Calls, 1u + Iterations * 3u);
  }
  EXPECT_EQ(Workers_, Threads);
  // Inclusive time of the outer call covers its callees.
  EXPECT_GE(S.Functions[M[0]->id].Inclusive, S.Functions[M[1]->id].Inclusive);
}

TEST(Hooks, OtherAbiVersionsAreSkippedWithOneWarning) {
  test::LogCapture Log;
  // Registered records must outlive the runtime's exit write (a forked
  // child of a later test writes at exit): never destroyed.
  static std::vector<frugal_func_record> &Records =
      *new std::vector<frugal_func_record>(test::makeRecords(3, "abi"));
  Records[1].abi_version = 99;
  frugal_module_info Info = moduleInfo();
  __frugal_register_module(&Info, Records.data(), Records.data() + 3);
  EXPECT_NE(Records[0].id, 0u);
  EXPECT_EQ(Records[1].id, 0u);
  EXPECT_NE(Records[2].id, 0u);
  EXPECT_EQ(Log.count("ABI version"), 1u);
  // A whole module of another version is not registered at all.
  static std::vector<frugal_func_record> &Old =
      *new std::vector<frugal_func_record>(test::makeRecords(1, "old"));
  frugal_module_info OldInfo = moduleInfo();
  OldInfo.abi_version = 0;
  __frugal_register_module(&OldInfo, Old.data(), Old.data() + 1);
  EXPECT_EQ(Old[0].id, 0u);
  EXPECT_EQ(Log.count("ABI version"), 2u);
}

TEST(Hooks, UnregisteredRecordsAreIgnored) {
  frugal_func_record Unregistered = {};
  Unregistered.abi_version = FRUGAL_ABI_VERSION;
  __frugal_enter(&Unregistered, FRUGAL_TEST_FRAME());
  __frugal_exit(&Unregistered, FRUGAL_TEST_FRAME());
  EXPECT_EQ(Unregistered.id, 0u);
}

TEST(Hooks, RegionsThroughTheApi) {
  ASSERT_NE(&frugal_region_begin, nullptr); // the weak reference resolved
  test::LogCapture Log;
  std::thread([] {
    for (int I = 0; I < 5; ++I) {
      frugal::Region R("api-region");
      FRUGAL_REGION_BEGIN("api-inner");
      FRUGAL_REGION_END("api-inner");
    }
    frugal_region_end("api-never-begun");
    frugal_region_end("api-never-begun");
  }).join();
  EXPECT_EQ(Log.count("without a matching frugal_region_begin"), 1u);

  rt::ScopedArena A;
  rt::SnapshotRequest R;
  R.Threads = rt::threadList().first();
  R.Now = rt::readTicks();
  R.MaxId = 100000;
  rt::ProfileSnapshot S;
  ASSERT_TRUE(rt::buildSnapshot(A, R, S));
  const rt::RegionInfo *Outer = rt::regionTable().find("api-region");
  const rt::RegionInfo *Inner = rt::regionTable().find("api-inner");
  ASSERT_NE(Outer, nullptr);
  ASSERT_NE(Inner, nullptr);
  EXPECT_EQ(S.Functions[Outer->Id].Calls, 5u);
  EXPECT_EQ(S.Functions[Inner->Id].Calls, 5u);
  EXPECT_NE(test::findPath(S, {Outer->Id, Inner->Id}), nullptr);
}

TEST(Hooks, FlushWritesAValidProfile) {
  Module &M = threadModule();
  outer(M, 3);
  // Strings that need escaping, in a module that is then unloaded: the
  // profile must still list its functions with their names.
  static std::vector<char> Storage(64);
  strcpy(Storage.data(), "quote\"back\\slash\x01\xff");
  static Module *Gone = new Module(2, "gone_fn");
  Gone->Records[0].name = Storage.data();
  __frugal_enter((*Gone)[0], FRUGAL_TEST_FRAME());
  __frugal_exit((*Gone)[0], FRUGAL_TEST_FRAME());
  __frugal_unregister_module(&Gone->Info, Gone->Records.data(),
                             Gone->Records.data() + Gone->Records.size());
  memset(Storage.data(), 'X', Storage.size() - 1); // the object's memory

  ASSERT_EQ(frugal_flush(), 0);
  std::string Text = test::readFile(profilePath(getpid()));
  ASSERT_FALSE(Text.empty());
  EXPECT_EQ(test::validateJson(Text), "");
  for (const char *Key :
       {"\"schema_version\":5", "\"generator\":\"frugal-rt 0.1.0\"",
        "\"end\":\"flush\"",
        "\"energy\":{\"status\":\"not-measured\","
        "\"method\":\"none\"",
        "\"domains\":{}",
        "\"totals\":{\"energy_j\":{},\"unattributed_energy_j\":{}",
        "\"overhead_correction\":true",
        "\"hook_pair_ns\":", "\"name\":\"worker_fn0\"", "\"loaded\":false",
        "\"name\":\"quote\\\"back\\\\slash\\u0001\xEF\xBF\xBD\"",
        "\"llvm_version\":\"19.1.7\"", "\"filter_reason\":\"default\"",
        "\"max_nodes_per_thread\":1048576", "\"tree\":{", "\"threads\":["})
    EXPECT_NE(Text.find(Key), std::string::npos) << Key;
}

TEST(Hooks, FlushWhileThreadsRun) {
  static Module *M = new Module(3, "busy_fn");
  std::atomic<bool> Stop{false};
  std::vector<std::thread> Workers;
  for (int T = 0; T < 4; ++T)
    Workers.emplace_back([&Stop] {
      while (!Stop.load(std::memory_order_relaxed))
        outer(*M, 100);
    });
  for (int I = 0; I < 5; ++I) {
    ASSERT_EQ(frugal_flush(), 0);
    std::string Text = test::readFile(profilePath(getpid()));
    EXPECT_EQ(test::validateJson(Text), "");
    EXPECT_NE(Text.find("\"name\":\"busy_fn0\""), std::string::npos);
  }
  Stop = true;
  for (std::thread &W : Workers)
    W.join();
}

TEST(Hooks, ForkedChildWritesItsOwnProfile) {
  Module &M = threadModule();
  __frugal_enter(M[0], FRUGAL_TEST_FRAME()); // open across the fork
  pid_t Child = fork();
  ASSERT_GE(Child, 0);
  if (Child == 0) {
    middle(M);
    __frugal_exit(M[0], FRUGAL_TEST_FRAME());
    exit(0); // atexit writes the child's profile
  }
  __frugal_exit(M[0], FRUGAL_TEST_FRAME());
  int Status = 0;
  ASSERT_EQ(waitpid(Child, &Status, 0), Child);
  ASSERT_TRUE(WIFEXITED(Status));
  EXPECT_EQ(WEXITSTATUS(Status), 0);
  std::string Text = test::readFile(profilePath(Child));
  ASSERT_FALSE(Text.empty());
  EXPECT_EQ(test::validateJson(Text), "");
  EXPECT_NE(Text.find("\"pid\":" + std::to_string(Child)), std::string::npos);
  EXPECT_NE(Text.find("\"end\":\"exit\""), std::string::npos);
}

TEST(Hooks, SigtermWritesProfileAndKeepsTheExitStatus) {
  Module &M = threadModule();
  outer(M, 1); // initialised (handlers installed at start-up)
  pid_t Child = fork();
  ASSERT_GE(Child, 0);
  if (Child == 0) {
    __frugal_enter(M[0], FRUGAL_TEST_FRAME());
    raise(SIGTERM);
    _exit(3); // not reached
  }
  int Status = 0;
  ASSERT_EQ(waitpid(Child, &Status, 0), Child);
  ASSERT_TRUE(WIFSIGNALED(Status));
  EXPECT_EQ(WTERMSIG(Status), SIGTERM);
  std::string Text = test::readFile(profilePath(Child));
  EXPECT_EQ(test::validateJson(Text), "");
  EXPECT_NE(Text.find("\"end\":\"signal:SIGTERM\""), std::string::npos);
}

void userHandler(int) {}

TEST(Hooks, UserSignalHandlersAreLeftAlone) {
  pid_t Child = fork();
  ASSERT_GE(Child, 0);
  if (Child == 0) {
    signal(SIGINT, userHandler);
    signal(SIGTERM, SIG_DFL);
    int Installed = rt::installTerminationHandlers([](int) {});
    struct sigaction Int = {}, Term = {};
    sigaction(SIGINT, nullptr, &Int);
    sigaction(SIGTERM, nullptr, &Term);
    bool Ok = Installed == 1 && Int.sa_handler == userHandler &&
              Term.sa_handler != SIG_DFL;
    _exit(Ok ? 0 : 1);
  }
  int Status = 0;
  ASSERT_EQ(waitpid(Child, &Status, 0), Child);
  EXPECT_TRUE(WIFEXITED(Status) && WEXITSTATUS(Status) == 0);
}

// Crash signals: installed only where the disposition is the default; the
// handler restores the default before calling back (a fault in the writer
// is then fatal), and the process still dies of the signal.
int CrashReportFd = -1;
TEST(Hooks, CrashHandlersRestoreTheDefaultFirstAndStillKill) {
  int Pipe[2];
  ASSERT_EQ(pipe(Pipe), 0);
  pid_t Child = fork();
  ASSERT_GE(Child, 0);
  if (Child == 0) {
    close(Pipe[0]);
    CrashReportFd = Pipe[1];
    // This process's runtime may have installed its own at first use.
    for (int Signal : {SIGSEGV, SIGILL, SIGABRT})
      signal(Signal, SIG_DFL);
    signal(SIGFPE, userHandler);
    signal(SIGBUS, SIG_IGN);
    int Installed = rt::installCrashHandlers([](int Signal, bool Sent) {
      struct sigaction Now = {};
      sigaction(Signal, nullptr, &Now);
      // raise() below: a sent signal, not a fault.
      char Seen = Now.sa_handler == SIG_DFL && Sent ? 'D' : 'N';
      (void)!write(CrashReportFd, &Seen, 1);
    });
    struct sigaction Fpe = {}, Bus = {};
    sigaction(SIGFPE, nullptr, &Fpe);
    sigaction(SIGBUS, nullptr, &Bus);
    if (Installed != 3 || Fpe.sa_handler != userHandler ||
        Bus.sa_handler != SIG_IGN)
      _exit(1);
    raise(SIGABRT);
    _exit(2); // not reached: SIGABRT's default action ends the process
  }
  close(Pipe[1]);
  char Seen[2] = {};
  ssize_t N = read(Pipe[0], Seen, sizeof(Seen));
  close(Pipe[0]);
  int Status = 0;
  ASSERT_EQ(waitpid(Child, &Status, 0), Child);
  ASSERT_TRUE(WIFSIGNALED(Status)) << "exit status " << WEXITSTATUS(Status);
  EXPECT_EQ(WTERMSIG(Status), SIGABRT);
  // The callback ran once, with the default disposition already back.
  EXPECT_EQ(N, 1);
  EXPECT_EQ(Seen[0], 'D');
}

TEST(Hooks, LtoDeferredWarnsOnce) {
  test::LogCapture Log;
  __frugal_lto_deferred("a.c");
  __frugal_lto_deferred("b.c");
  ASSERT_EQ(Log.lines().size(), 1u);
  EXPECT_EQ(Log.lines()[0],
            "warning: a.c was compiled with -flto but linked without the "
            "frugal plugin; its functions are not instrumented (link with "
            "-fuse-ld=lld -Wl,--load-pass-plugin=FrugalPass.so, or use "
            "frugal-clang)");
}

} // namespace
