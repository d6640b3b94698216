//===- EventNamesTest.cpp - The rules for event names ---------------------===//
//
// The canonical form, close matching and errno reasons that `frugal events`
// and `frugal summary` use; docs/counters.md states the same rules for the
// runtime.
//
//===----------------------------------------------------------------------===//

#include "frugal/EventNames.h"

#include "gtest/gtest.h"

#include <cerrno>

using namespace frugal;

namespace {

TEST(CanonicalEventName, DropsModifiers) {
  EXPECT_EQ(canonicalEventName(
                "perf::PERF_COUNT_SW_TASK_CLOCK:u=1:k=0:excl=0:mg=0:mh=1",
                "task-clock"),
            "perf::PERF_COUNT_SW_TASK_CLOCK");
  EXPECT_EQ(canonicalEventName("perf::PERF_COUNT_HW_CPU_CYCLES:u=1:k=0:h=0:"
                               "precise=0:excl=0:mg=0:mh=1",
                               "cycles"),
            "perf::PERF_COUNT_HW_CPU_CYCLES");
}

TEST(CanonicalEventName, KeepsUnitMasks) {
  EXPECT_EQ(canonicalEventName("perf::PERF_COUNT_HW_CACHE_L1D:READ:MISS:u=1:"
                               "k=0:h=0:precise=0:excl=0:mg=0:mh=1",
                               "L1-dcache-load-misses"),
            "perf::PERF_COUNT_HW_CACHE_L1D:READ:MISS");
  EXPECT_EQ(canonicalEventName("skl::MEM_LOAD_RETIRED:L3_MISS:k=1:u=0:e=0:"
                               "i=0:c=0:intx=0:intxcp=0",
                               "skl::MEM_LOAD_RETIRED:L3_MISS:k"),
            "skl::MEM_LOAD_RETIRED:L3_MISS");
}

TEST(CanonicalEventName, RawEventsKeepTheGivenName) {
  // libpfm4 writes raw events without their code.
  EXPECT_EQ(canonicalEventName("perf_raw:::u=1:k=0:h=0:precise=0:excl=0:mg=0:"
                               "mh=1:hw_smpl=0",
                               "perf_raw::r00c0"),
            "perf_raw::r00c0");
  EXPECT_EQ(canonicalEventName("", "x"), "x");
}

TEST(CanonicalEventName, WithoutPmu) {
  EXPECT_EQ(canonicalEventName("EVENT:UMASK:u=1", "e"), "EVENT:UMASK");
}

TEST(EventStem, StripsPmuAndSuffixes) {
  EXPECT_EQ(eventStem("cycles"), "cycles");
  EXPECT_EQ(eventStem("perf::cycles:u"), "cycles");
  EXPECT_EQ(eventStem("perf::PERF_COUNT_HW_CACHE_L1D:READ:MISS"),
            "PERF_COUNT_HW_CACHE_L1D");
  EXPECT_EQ(eventStem("L1-dcache-loads"), "L1-dcache-loads");
  EXPECT_EQ(eventStem(""), "");
}

TEST(MaxMatchDistance, AThirdBetweenOneAndThree) {
  EXPECT_EQ(maxMatchDistance(0), 1u);
  EXPECT_EQ(maxMatchDistance(2), 1u);
  EXPECT_EQ(maxMatchDistance(5), 1u);
  EXPECT_EQ(maxMatchDistance(6), 2u);
  EXPECT_EQ(maxMatchDistance(9), 3u);
  EXPECT_EQ(maxMatchDistance(40), 3u);
}

static std::vector<std::string> generics() {
  std::vector<std::string> Names;
  for (llvm::StringRef N : genericEventNames())
    Names.push_back(N.str());
  return Names;
}

TEST(CloseMatches, Typos) {
  std::vector<std::string> Names = generics();
  EXPECT_EQ(closeMatches("cyles", Names), std::vector<std::string>{"cycles"});
  EXPECT_EQ(closeMatches("cycels", Names), std::vector<std::string>{"cycles"});
  EXPECT_EQ(closeMatches("page-fault", Names),
            std::vector<std::string>{"page-faults"});
  EXPECT_EQ(closeMatches("taskclock", Names),
            std::vector<std::string>{"task-clock"});
  // Case and modifiers do not count.
  EXPECT_EQ(closeMatches("CYLES:u", Names), std::vector<std::string>{"cycles"});
  EXPECT_TRUE(closeMatches("zzzzzzzz", Names).empty());
}

TEST(CloseMatches, ClosestFirstThenCandidateOrder) {
  std::vector<std::string> Names = {"abcxyf", "abcdex", "zzzzzz", "abcdxf"};
  // abcdex and abcdxf at 1, in their order, then abcxyf at 2.
  EXPECT_EQ(closeMatches("abcdef", Names),
            (std::vector<std::string>{"abcdex", "abcdxf", "abcxyf"}));
  EXPECT_EQ(closeMatches("b", {"a", "c", "d", "e"}),
            (std::vector<std::string>{"a", "c", "d"}));
  EXPECT_EQ(closeMatches("b", {"a", "c", "d", "e"}, 1),
            std::vector<std::string>{"a"});
}

TEST(CloseMatches, SameStemOnce) {
  // A generic name and libpfm4's upper-case alias of it.
  std::vector<std::string> Names = {"cycles", "perf::CYCLES",
                                    "perf::PERF_COUNT_HW_CPU_CYCLES"};
  EXPECT_EQ(closeMatches("cyles", Names), std::vector<std::string>{"cycles"});
  // An exact stem (a bad modifier) is no suggestion.
  EXPECT_TRUE(closeMatches("cycles:bogus", Names).empty());
}

TEST(DidYouMean, Lists) {
  EXPECT_EQ(didYouMean({}), "");
  EXPECT_EQ(didYouMean({"a"}), " (did you mean 'a'?)");
  EXPECT_EQ(didYouMean({"a", "b"}), " (did you mean 'a' or 'b'?)");
  EXPECT_EQ(didYouMean({"a", "b", "c"}), " (did you mean 'a', 'b' or 'c'?)");
}

TEST(EventUnit, ClocksAreNanoseconds) {
  EXPECT_EQ(eventUnit("perf::PERF_COUNT_SW_TASK_CLOCK"), "ns");
  EXPECT_EQ(eventUnit("perf::PERF_COUNT_SW_CPU_CLOCK"), "ns");
  EXPECT_EQ(eventUnit("perf::PERF_COUNT_SW_PAGE_FAULTS"), "count");
  EXPECT_EQ(eventUnit("perf::PERF_COUNT_HW_CPU_CYCLES"), "count");
}

TEST(PerfOpenFailureReason, ExplainsErrno) {
  EXPECT_EQ(perfOpenFailureReason(ENOENT, 2).rfind(
                "this machine or VM has no PMU for it (ENOENT)", 0),
            0u);
  EXPECT_NE(perfOpenFailureReason(EOPNOTSUPP, 2).find("no PMU for it"),
            std::string::npos);
  EXPECT_EQ(perfOpenFailureReason(EACCES, 3),
            "not permitted (EACCES): perf_event_paranoid is 3; lower it "
            "(sysctl kernel.perf_event_paranoid=1) or grant CAP_PERFMON");
  EXPECT_NE(perfOpenFailureReason(EPERM, std::nullopt)
                .find("perf_event_paranoid is unknown"),
            std::string::npos);
  EXPECT_NE(perfOpenFailureReason(EINVAL, 2).find("(EINVAL)"),
            std::string::npos);
  EXPECT_NE(perfOpenFailureReason(EMFILE, 2).find("ulimit -n"),
            std::string::npos);
  // Every reason is one line.
  for (int E : {ENOENT, EOPNOTSUPP, ENODEV, EACCES, EPERM, EINVAL, EMFILE,
                ENFILE, ENOSPC, EBUSY, ENOSYS, E2BIG, EIO})
    EXPECT_EQ(perfOpenFailureReason(E, 1).find('\n'), std::string::npos);
  EXPECT_NE(perfOpenFailureReason(EIO, 1).find("(errno "), std::string::npos);
}

} // namespace
