//===- CountersTest.cpp - FRUGAL_EVENTS: names, reading, attribution ------===//
//
// The hardware path cannot run here (no PMU in these VMs): the mmap-page
// protocol runs on fake pages with a fake rdpmc, and the hooks' rdpmc
// charging on a fake page whose count the test moves between hooks.
// Software events are opened for real.
//
//===----------------------------------------------------------------------===//
#include "counters/Counters.h"
#include "Memory.h"
#include "NodeMetrics.h"
#include "ProfileMerge.h"
#include "counters/CloseMatches.h"
#include "counters/EventList.h"
#include "counters/EventReport.h"
#include "counters/MmapCounter.h"
#include "counters/Pfm.h"
#include "counters/ThreadCounters.h"
#include "counters/TickSplit.h"
#include "energy/TickBuffer.h"

#include "TestSupport.h"

#include <gtest/gtest.h>
#include <map>
#include <string>
#include <vector>

using namespace frugal;
using namespace frugal::rt::counters;

namespace {

using test::FakeEnv;
std::vector<std::string> &Warnings = FakeEnv::Warnings;

std::vector<std::string> names(const EventList &L) {
  return std::vector<std::string>(L.Names, L.Names + L.Count);
}

TEST(EventListTest, SplitsTrimsAndDropsEmptyItems) {
  EventList L;
  Warnings.clear();
  parseEventList(" cycles, instructions ,,task-clock:u,\t", L, FakeEnv::warn);
  EXPECT_EQ(names(L), (std::vector<std::string>{"cycles", "instructions",
                                                "task-clock:u"}));
  EXPECT_TRUE(Warnings.empty());
}

TEST(EventListTest, DuplicatesAndLongNamesWarnOnceEach) {
  EventList L;
  Warnings.clear();
  std::string Long(200, 'x');
  parseEventList(("cycles,cycles," + Long + ",page-faults").c_str(), L,
                 FakeEnv::warn);
  EXPECT_EQ(names(L), (std::vector<std::string>{"cycles", "page-faults"}));
  ASSERT_EQ(Warnings.size(), 2u);
  EXPECT_NE(Warnings[0].find("'cycles' is listed twice"), std::string::npos);
  EXPECT_NE(Warnings[1].find("too long"), std::string::npos);
}

TEST(EventListTest, KeepsAtMostSixteenNames) {
  std::string Text;
  for (int I = 0; I < 20; ++I)
    Text += "e" + std::to_string(I) + ",";
  EventList L;
  Warnings.clear();
  parseEventList(Text.c_str(), L, FakeEnv::warn);
  EXPECT_EQ(L.Count, MaxListedEvents);
  EXPECT_EQ(std::string(L.Names[15]), "e15");
  ASSERT_EQ(Warnings.size(), 1u);
  EXPECT_NE(Warnings[0].find("'e16' and the names after it"),
            std::string::npos);
}

TEST(CloseMatchesTest, EditDistanceIgnoresCase) {
  EXPECT_EQ(editDistance("cyles", "cycles"), 1u);
  EXPECT_EQ(editDistance("CYCLES", "cycles"), 0u);
  EXPECT_EQ(editDistance("", "abc"), 3u);
  EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
}

TEST(CloseMatchesTest, ComparesStemsWithinALengthBoundLimit) {
  // "cyles": 5 characters, so at most 1 edit; candidates' PMU prefixes and
  // modifiers do not count, and the same stem twice is kept once.
  CloseMatches M("cyles");
  for (const char *C : {"instructions", "perf::CYCLES", "cycles", "cs",
                        "bycles", "cycle", "cyclesx", "perf::cyles"})
    M.offer(C);
  ASSERT_EQ(M.count(), 1u);
  EXPECT_STREQ(M.match(0), "perf::CYCLES");
  // "page-fault": 10 characters, up to 3 edits; nearest first.
  CloseMatches P("page-fault");
  for (const char *C :
       {"major-faults", "page-faults", "faults", "minor-faults"})
    P.offer(C);
  ASSERT_EQ(P.count(), 1u);
  EXPECT_STREQ(P.match(0), "page-faults");
  CloseMatches Far("zzzzzzzz");
  Far.offer("cycles");
  EXPECT_EQ(Far.count(), 0u);
  char Stem[64];
  eventStem("skx::L2_RQSTS:MISS:u=1", Stem, sizeof(Stem));
  EXPECT_STREQ(Stem, "L2_RQSTS");
}

TEST(PfmTest, CanonicalNameDropsValuedModifiers) {
  char Out[CanonicalBytes];
  canonicalEventName(
      "perf::PERF_COUNT_HW_CACHE_LL:READ:MISS:u=1:k=0:h=0:precise=0", Out,
      sizeof(Out));
  EXPECT_STREQ(Out, "perf::PERF_COUNT_HW_CACHE_LL:READ:MISS");
  canonicalEventName("perf::PERF_COUNT_SW_TASK_CLOCK:u=1:k=0:excl=0:mg=0:mh=1",
                     Out, sizeof(Out));
  EXPECT_STREQ(Out, "perf::PERF_COUNT_SW_TASK_CLOCK");
  canonicalEventName("INST_RETIRED:ANY_P:c=1", Out, sizeof(Out));
  EXPECT_STREQ(Out, "INST_RETIRED:ANY_P");
  canonicalEventName("perf_raw:::u=1:k=0", Out, sizeof(Out));
  EXPECT_STREQ(Out, ""); // raw: the caller keeps the name as given
  char Small[8];
  canonicalEventName("perf::LONGNAME", Small, sizeof(Small));
  EXPECT_STREQ(Small, "perf::L");
}

// A fake page and a fake rdpmc that can also play the kernel updating the
// page during a read.
struct FakePmu {
  perf_event_mmap_page Page{};
  uint64_t Pmc = 0;
  int Calls = 0;
  std::vector<uint32_t> Indexes;
  bool BumpLockOnFirstRead = false;
  uint64_t OffsetAfterBump = 0;
  uint64_t operator()(uint32_t Index) {
    ++Calls;
    Indexes.push_back(Index);
    if (BumpLockOnFirstRead && Calls == 1) {
      // The event was rescheduled meanwhile: new offset, new sequence.
      Page.offset = OffsetAfterBump;
      Page.lock += 2;
    }
    return Pmc;
  }
};

struct FakePmuRef {
  FakePmu *P;
  uint64_t operator()(uint32_t I) const { return (*P)(I); }
};

TEST(MmapCounterTest, OffsetAloneWhenTheEventIsOffThePmu) {
  FakePmu F;
  F.Page.cap_user_rdpmc = 1;
  F.Page.pmc_width = 48;
  F.Page.index = 0;
  F.Page.offset = 12345;
  EXPECT_EQ(readMmapCounter(&F.Page, FakePmuRef{&F}), 12345u);
  EXPECT_EQ(F.Calls, 0);
}

TEST(MmapCounterTest, AddsTheSignExtendedHardwareCounter) {
  FakePmu F;
  F.Page.cap_user_rdpmc = 1;
  F.Page.pmc_width = 48;
  F.Page.index = 3; // rdpmc index 2
  F.Page.offset = 1000;
  F.Pmc = 0xffffffffffffULL; // -1 in 48 bits
  EXPECT_EQ(readMmapCounter(&F.Page, FakePmuRef{&F}), 999u);
  F.Pmc = 0xdead000000000000ULL | 500; // bits above the width are noise
  EXPECT_EQ(readMmapCounter(&F.Page, FakePmuRef{&F}), 1500u);
  EXPECT_EQ(F.Indexes, (std::vector<uint32_t>{2, 2}));
}

TEST(MmapCounterTest, RetriesWhenTheSequenceMovesDuringTheRead) {
  FakePmu F;
  F.Page.cap_user_rdpmc = 1;
  F.Page.pmc_width = 40;
  F.Page.index = 1;
  F.Page.offset = 10;
  F.Page.lock = 4;
  F.Pmc = 5;
  F.BumpLockOnFirstRead = true;
  F.OffsetAfterBump = 70;
  EXPECT_EQ(readMmapCounter(&F.Page, FakePmuRef{&F}), 75u);
  EXPECT_EQ(F.Calls, 2);
}

TEST(MmapCounterTest, NoRdpmcWithoutTheCapability) {
  FakePmu F;
  F.Page.cap_user_rdpmc = 0;
  F.Page.pmc_width = 48;
  F.Page.index = 2;
  F.Page.offset = 77;
  F.Pmc = 1000;
  EXPECT_FALSE(mayRdpmc(&F.Page));
  EXPECT_EQ(readMmapCounter(&F.Page, FakePmuRef{&F}), 77u);
  EXPECT_EQ(F.Calls, 0);
  F.Page.cap_user_rdpmc = 1;
  EXPECT_EQ(mayRdpmc(&F.Page), HaveRdpmc);
}

TEST(ThreadCountersTest, ScalesMultiplexedDeltas) {
  double Fraction;
  EXPECT_EQ(scaleDelta(100, 10, 5, Fraction), 200u);
  EXPECT_DOUBLE_EQ(Fraction, 0.5);
  EXPECT_EQ(scaleDelta(100, 10, 10, Fraction), 100u);
  EXPECT_DOUBLE_EQ(Fraction, 1);
  EXPECT_EQ(scaleDelta(100, 0, 0, Fraction), 100u);
  EXPECT_DOUBLE_EQ(Fraction, 1);
  EXPECT_EQ(scaleDelta(0, 10, 0, Fraction), 0u);
  EXPECT_DOUBLE_EQ(Fraction, 0);
}

// Nodes with metric slots for the tests below; restores the layout.
// Set in the constructor: members of a derived fixture (thread states) are
// built after it and get their nodes' slots.
struct MetricsFixture : ::testing::Test {
  MetricsFixture() { rt::setMetricLayout(2, /*Alloc=*/false); }
  ~MetricsFixture() override { rt::setMetricLayout(0, false); }
};

using TickSplitTest = MetricsFixture;

TEST_F(TickSplitTest, SharesFollowTimeAndAddUpExactly) {
  rt::ContextTree Tree;
  ASSERT_TRUE(Tree.init(16));
  rt::Node *A = Tree.findOrCreateChild(Tree.root(), 1);
  rt::Node *B = Tree.findOrCreateChild(Tree.root(), 2);
  rt::Node *C = Tree.findOrCreateChild(A, 3);
  ASSERT_TRUE(A->Metrics && B->Metrics && C->Metrics);
  rt::energy::TickEntry E[] = {{A, 1}, {B, 1}, {C, 2}};
  EXPECT_EQ(splitOverTick(1, 10, E, 3), 0u);
  EXPECT_EQ(A->Metrics[1], 2u); // floor(10 * 1/4)
  EXPECT_EQ(B->Metrics[1], 3u); // floor(10 * 2/4) - 2
  EXPECT_EQ(C->Metrics[1], 5u);
  EXPECT_EQ(A->Metrics[0] + B->Metrics[0] + C->Metrics[0], 0u);
  // No time in the tick: nowhere to put the counts.
  rt::energy::TickEntry Idle[] = {{A, 0}};
  EXPECT_EQ(splitOverTick(1, 7, Idle, 1), 7u);
  EXPECT_EQ(splitOverTick(1, 7, nullptr, 0), 7u);
  // A node without metrics (mapping failed): its share is returned.
  rt::Node Bare{};
  rt::energy::TickEntry Mixed[] = {{A, 1}, {&Bare, 3}};
  EXPECT_EQ(splitOverTick(0, 8, Mixed, 2), 6u);
  EXPECT_EQ(A->Metrics[0], 2u);
}

// A thread whose hooks read one rdpmc counter on a fake page (index 0:
// counting, but not on a PMU counter, so the count is the page's offset,
// which the test moves between hooks).
struct RdpmcHooksTest : MetricsFixture {
  test::TracedThread T;
  perf_event_mmap_page Page{};
  rt::RdpmcCounter Counter{};
  rt::ScopedArena A;
  rt::ProfileSnapshot S;

  void attach(uint32_t Slot) {
    Page.cap_user_rdpmc = 1;
    Page.pmc_width = 48;
    Counter = rt::RdpmcCounter{&Page, 0, Slot};
    T.state().Rdpmc = &Counter;
    T.state().NumRdpmc = 1;
  }
  void snapshot(uint32_t MaxId) {
    T.state().NumRdpmc = 0;
    ASSERT_TRUE(test::snapshotOf(A, &T.state(), MaxId, 500, S));
  }
};

// The hooks charge what the page's count moved to the node on top, and the
// merge adds callees' counts into inclusive values.
TEST_F(RdpmcHooksTest, ChargesTheTopNodeAtEverySwitch) {
  alignas(8) static char KeyA, KeyB;
  attach(1);
  Page.offset = 5; // before A: the root's
  T.enter(&KeyA, 1, 1000, 100);
  Page.offset = 55;
  T.enter(&KeyB, 2, 900, 200);
  Page.offset = 85;
  T.exit(&KeyB, 900, 300);
  Page.offset = 105;
  T.exit(&KeyA, 1000, 400);
  snapshot(2);
  const rt::MergedNode *NA = test::findPath(S, {1});
  const rt::MergedNode *NB = test::findPath(S, {1, 2});
  ASSERT_TRUE(NA && NB);
  uint32_t IA = uint32_t(NA - S.Nodes), IB = uint32_t(NB - S.Nodes);
  EXPECT_EQ(S.NodeMetrics.exclusive(IA)[1], 70u);
  EXPECT_EQ(S.NodeMetrics.inclusive(IA)[1], 100u);
  EXPECT_EQ(S.NodeMetrics.exclusive(IB)[1], 30u);
  EXPECT_EQ(S.NodeMetrics.inclusive(IB)[1], 30u);
  EXPECT_EQ(S.NodeMetrics.exclusive(0)[1], 5u); // the root's own
  EXPECT_EQ(S.NodeMetrics.inclusive(0)[1], 105u);
  EXPECT_EQ(S.FunctionMetrics.exclusive(1)[1], 70u);
  EXPECT_EQ(S.FunctionMetrics.inclusive(1)[1], 100u);
  EXPECT_EQ(S.Threads[0].Metrics[1], 105u);
  EXPECT_EQ(S.NodeMetrics.inclusive(IA)[0], 0u); // the other slot untouched
}

// Recursion: a function's inclusive count is its outermost activations'.
TEST_F(RdpmcHooksTest, RecursionIsNotCountedTwice) {
  alignas(8) static char KeyR;
  attach(0);
  T.enter(&KeyR, 1, 1000, 100);
  Page.offset = 10;
  T.enter(&KeyR, 1, 900, 200);
  Page.offset = 30;
  T.exit(&KeyR, 900, 300);
  Page.offset = 34;
  T.exit(&KeyR, 1000, 400);
  snapshot(1);
  EXPECT_EQ(S.FunctionMetrics.exclusive(1)[0], 34u);
  EXPECT_EQ(S.FunctionMetrics.inclusive(1)[0], 34u);
}

const EventReport *find(const EventReport *R, unsigned N, const char *Name) {
  for (unsigned I = 0; I < N; ++I)
    if (std::string(R[I].Name) == Name)
      return &R[I];
  return nullptr;
}

TEST(CountersConfigTest, SoftwareEventsOpenUnknownNamesSuggest) {
  FakeEnv::reset({{"FRUGAL_EVENTS", "task-clock,cyles,page-faults"}});
  test::LogCapture Log;
  uint32_t Slots = configureEvents(FakeEnv::lookup, FakeEnv::warn);
  EXPECT_EQ(Slots, 2u);
  EXPECT_TRUE(needsSampler());
  unsigned N;
  const EventReport *R = reportEvents(N);
  ASSERT_EQ(N, 3u);
  const EventReport *Clock = find(R, N, "task-clock");
  ASSERT_TRUE(Clock);
  EXPECT_EQ(Clock->Status, EventStatus::Ok);
  EXPECT_EQ(Clock->Method, EventMethod::Sampler);
  EXPECT_EQ(Clock->Slot, 0);
  EXPECT_STREQ(Clock->Unit, "ns");
  EXPECT_STREQ(Clock->Canonical, "perf::PERF_COUNT_SW_TASK_CLOCK");
  const EventReport *Faults = find(R, N, "page-faults");
  ASSERT_TRUE(Faults);
  EXPECT_EQ(Faults->Slot, 1);
  EXPECT_STREQ(Faults->Unit, "count");
  const EventReport *Typo = find(R, N, "cyles");
  ASSERT_TRUE(Typo);
  EXPECT_EQ(Typo->Status, EventStatus::Unknown);
  EXPECT_EQ(Typo->Slot, -1);
  EXPECT_NE(std::string(Typo->Reason).find("did you mean 'cycles'"),
            std::string::npos)
      << Typo->Reason;
  EXPECT_EQ(Log.count("'cyles': libpfm4 knows no event"), 1u);
}

TEST(PfmTest, AMissingLibraryIsReported) {
  PfmLibrary Missing;
  const char *Why = "";
  EXPECT_FALSE(Missing.load("/nonexistent/libpfm.so.4", Why));
  EXPECT_NE(std::string(Why).find("libpfm4 is not installed"),
            std::string::npos);
}

TEST(CountersConfigTest, BadSettingsWarnOnceAndKeepTheDefaults) {
  FakeEnv::reset({{"FRUGAL_EVENTS", "task-clock"},
                  {"FRUGAL_PFM_LIBRARY", ""},
                  {"FRUGAL_RDPMC", "maybe"}});
  EXPECT_EQ(configureEvents(FakeEnv::lookup, FakeEnv::warn), 1u);
  EXPECT_EQ(FakeEnv::warningsAbout("FRUGAL_PFM_LIBRARY"), 1u);
  EXPECT_EQ(FakeEnv::warningsAbout("FRUGAL_RDPMC"), 1u);
  EXPECT_EQ(Warnings.size(), 2u);
}

TEST(CountersConfigTest, UnsetVariableCountsNothing) {
  FakeEnv::reset({});
  EXPECT_EQ(configureEvents(FakeEnv::lookup, FakeEnv::warn), 0u);
  unsigned N = 99;
  EXPECT_EQ(reportEvents(N), nullptr);
  EXPECT_EQ(N, 0u);
}

// A real group of software events on this thread: read, scaled, closed.
TEST(ThreadCountersTest, OpensAndReadsASoftwareGroup) {
  perf_event_attr Attrs[2] = {};
  for (auto &A : Attrs) {
    A.size = sizeof(A);
    A.type = PERF_TYPE_SOFTWARE;
    A.exclude_kernel = 1;
    A.exclude_hv = 1;
  }
  Attrs[0].config = PERF_COUNT_SW_TASK_CLOCK;
  Attrs[1].config = PERF_COUNT_SW_PAGE_FAULTS;
  int Errno = 0;
  ThreadCounters *TC = openThreadCounters(Attrs, 2, Errno);
  ASSERT_NE(TC, nullptr) << "errno " << Errno;
  volatile double X = 0;
  for (int I = 0; I < 2000000; ++I)
    X = X + I;
  GroupReading R;
  ASSERT_TRUE(readGroup(*TC, R));
  EXPECT_GT(R.Values[0], 1000u); // ns of CPU time
  EXPECT_GT(R.Enabled, 0u);
  EXPECT_EQ(R.Enabled, R.Running); // software events are never multiplexed
  closeThreadCounters(*TC, /*Unmap=*/true);
  EXPECT_FALSE(readGroup(*TC, R));
}

} // namespace
