//===- ArgSamplerTest.cpp - Bottom-k sample of a function's arguments -----===//
#include "ArgSampler.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>
#include <vector>

using namespace frugal;

namespace {

const char *const Names[] = {"m", "n"};

rt::ArgSampler *makeSampler() {
  frugal_args_desc D{FRUGAL_ARGS_VERSION, 2, nullptr, Names, "a note", nullptr};
  return rt::createArgSampler(D);
}

// The rows that read back whole, as {m, n}.
std::vector<std::vector<int64_t>> rows(const rt::ArgSampler &S) {
  std::vector<std::vector<int64_t>> Out;
  for (uint32_t I = 0; I < S.Rows; ++I) {
    int64_t V[FRUGAL_ARGS_MAX];
    if (rt::readRow(S, I, V))
      Out.push_back({V[0], V[1]});
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

TEST(ArgSampler, KeepsTheCallsWithTheSmallestKeys) {
  rt::ArgSampler *S = makeSampler();
  ASSERT_NE(S, nullptr);
  EXPECT_EQ(S->Threshold, UINT64_MAX);
  // Keys 1000 down to 1: every call is smaller than the kept ones.
  for (int64_t K = 1000; K >= 1; --K) {
    int64_t V[2] = {K, -K};
    rt::offerCall(*S, uint64_t(K), V);
  }
  std::vector<std::vector<int64_t>> Kept = rows(*S);
  ASSERT_EQ(Kept.size(), rt::ArgSampler::Capacity);
  for (int64_t K = 1; K <= 16; ++K)
    EXPECT_EQ(Kept[K - 1], (std::vector<int64_t>{K, -K}));
  EXPECT_EQ(S->Threshold, 16u);
  // Larger keys do not get in.
  int64_t V[2] = {99, 99};
  rt::offerCall(*S, 17, V);
  EXPECT_EQ(rows(*S), Kept);
}

TEST(ArgSampler, SampleIsSpreadOverTheRun) {
  // Keys as the hooks make them, for 100000 calls of one thread: the
  // sample is not the first calls.
  rt::ArgSampler *S = makeSampler();
  for (int64_t I = 0; I < 100000; ++I) {
    int64_t V[2] = {I, 0};
    rt::offerCall(*S, rt::callKey(0x7f1234560000, uint64_t(I)), V);
  }
  std::vector<std::vector<int64_t>> Kept = rows(*S);
  ASSERT_EQ(Kept.size(), rt::ArgSampler::Capacity);
  EXPECT_GT(Kept.back()[0], 50000); // chance of failing: 2^-16
}

TEST(ArgSampler, RowBeingWrittenIsLeftOut) {
  rt::ArgSampler *S = makeSampler();
  int64_t V[2] = {1, 2};
  rt::offerCall(*S, 5, V);
  S->row(0)[0] |= 1; // as if an insert were interrupted
  int64_t Out[FRUGAL_ARGS_MAX];
  EXPECT_FALSE(rt::readRow(*S, 0, Out));
  S->row(0)[0] += 1;
  EXPECT_TRUE(rt::readRow(*S, 0, Out));
  EXPECT_EQ(Out[0], 1);
  EXPECT_EQ(Out[1], 2);
}

TEST(ArgSampler, ResetEmptiesTheSample) {
  rt::ArgSampler *S = makeSampler();
  for (uint64_t K = 1; K <= 20; ++K) {
    int64_t V[2] = {int64_t(K), 0};
    rt::offerCall(*S, K, V);
  }
  S->Lock = 1; // held by a thread that does not exist in the child
  rt::resetSamples(*S);
  EXPECT_EQ(S->Rows, 0u);
  EXPECT_EQ(S->Threshold, UINT64_MAX);
  int64_t V[2] = {7, 8};
  rt::offerCall(*S, 100, V);
  EXPECT_EQ(rows(*S), (std::vector<std::vector<int64_t>>{{7, 8}}));
}

TEST(ArgSampler, KeepStringsCopiesNamesAndNote) {
  char Name[] = "m", Note[] = "a note";
  const char *Mutable[] = {Name, Name};
  frugal_args_desc D{FRUGAL_ARGS_VERSION, 2, nullptr, Mutable, Note, nullptr};
  rt::ArgSampler *S = rt::createArgSampler(D);
  rt::keepStrings(*S);
  Name[0] = 'X'; // the object's memory goes away
  Note[0] = 'X';
  EXPECT_STREQ(S->Names[0], "m");
  EXPECT_STREQ(S->Note, "a note");
}

TEST(ArgSampler, ThreadsNeverMixTwoCallsInOneRow) {
  rt::ArgSampler *S = makeSampler();
  std::vector<std::thread> Threads;
  for (int T = 0; T < 8; ++T)
    Threads.emplace_back([S, T] {
      uintptr_t Salt = 0x1000 * uintptr_t(T + 1);
      for (int64_t I = 0; I < 200000; ++I) {
        int64_t V[2] = {I, 3 * I + T};
        rt::offerCall(*S, rt::callKey(Salt, uint64_t(I)), V);
      }
    });
  // Read while they write.
  size_t Read = 0;
  for (int R = 0; R < 200; ++R)
    for (const std::vector<int64_t> &Row : rows(*S)) {
      EXPECT_GE(Row[1] - 3 * Row[0], 0);
      EXPECT_LT(Row[1] - 3 * Row[0], 8);
      ++Read;
    }
  for (std::thread &T : Threads)
    T.join();
  std::vector<std::vector<int64_t>> Kept = rows(*S);
  EXPECT_EQ(Kept.size(), rt::ArgSampler::Capacity);
  std::set<int64_t> FromThreads;
  for (const std::vector<int64_t> &Row : Kept) {
    EXPECT_GE(Row[1] - 3 * Row[0], 0);
    EXPECT_LT(Row[1] - 3 * Row[0], 8);
    FromThreads.insert(Row[1] - 3 * Row[0]);
  }
  EXPECT_GT(FromThreads.size(), 1u); // chance of failing: 8^-15
  (void)Read;
}

} // namespace
