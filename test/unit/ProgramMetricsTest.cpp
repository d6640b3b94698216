//===- ProgramMetricsTest.cpp - frugal_metric's table ---------------------===//
//
// Each test uses a table of its own: the process's table (and its once-only
// warnings) belongs to ProgramApiTest.cpp.
//
//===----------------------------------------------------------------------===//
#include "ProgramMetrics.h"

#include "TestSupport.h"

#include <atomic>
#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace frugal;
using rt::ProgramMetricTable;

namespace {

std::map<std::string, double> contents(const ProgramMetricTable &T) {
  std::map<std::string, double> M;
  for (unsigned I = 0; I < T.size(); ++I)
    M[T.name(I)] = T.value(I);
  return M;
}

TEST(ProgramMetrics, LastValueWinsInFirstSeenOrder) {
  auto T = std::make_unique<ProgramMetricTable>();
  EXPECT_EQ(T->record("accuracy", 0.5), 0);
  EXPECT_EQ(T->record("loss", 2.25), 0);
  EXPECT_EQ(T->record("accuracy", 0.97), 0);
  ASSERT_EQ(T->size(), 2u);
  EXPECT_STREQ(T->name(0), "accuracy");
  EXPECT_EQ(T->value(0), 0.97);
  EXPECT_STREQ(T->name(1), "loss");
  EXPECT_EQ(T->value(1), 2.25);
  // Any finite value, negative zero and subnormals included.
  EXPECT_EQ(T->record("loss", -1e-310), 0);
  EXPECT_EQ(T->value(1), -1e-310);
}

TEST(ProgramMetrics, NameIsCopied) {
  auto T = std::make_unique<ProgramMetricTable>();
  char Buffer[16] = "epoch-loss";
  EXPECT_EQ(T->record(Buffer, 1), 0);
  Buffer[0] = 'X';
  EXPECT_STREQ(T->name(0), "epoch-loss");
  // The changed buffer is another name.
  EXPECT_EQ(T->record(Buffer, 2), 0);
  EXPECT_EQ(T->size(), 2u);
}

TEST(ProgramMetrics, NamesUpTo63Bytes) {
  test::LogCapture Log;
  auto T = std::make_unique<ProgramMetricTable>();
  std::string Longest(ProgramMetricTable::MaxNameBytes, 'n');
  std::string TooLong(ProgramMetricTable::MaxNameBytes + 1, 'n');
  EXPECT_EQ(T->record(Longest.c_str(), 1), 0);
  EXPECT_EQ(T->record(TooLong.c_str(), 2), -1);
  EXPECT_EQ(T->record((TooLong + "more").c_str(), 3), -1);
  EXPECT_EQ(contents(*T), (std::map<std::string, double>{{Longest, 1}}));
  EXPECT_EQ(Log.count("metric names are limited to 63 bytes"), 1u);
  EXPECT_EQ(Log.lines().size(), 1u);
}

TEST(ProgramMetrics, RejectsMissingNamesAndNonFiniteValues) {
  test::LogCapture Log;
  auto T = std::make_unique<ProgramMetricTable>();
  EXPECT_EQ(T->record(nullptr, 1), -1);
  EXPECT_EQ(T->record("", 1), -1);
  EXPECT_EQ(T->record("accuracy", NAN), -1);
  EXPECT_EQ(T->record("accuracy", INFINITY), -1);
  EXPECT_EQ(T->record("accuracy", -INFINITY), -1);
  EXPECT_EQ(T->size(), 0u);
  // One warning per kind of problem, naming the first offender.
  ASSERT_EQ(Log.lines().size(), 2u);
  EXPECT_EQ(Log.count("frugal_metric(NULL, ...): a metric needs a name"), 1u);
  EXPECT_EQ(Log.count("frugal_metric(\"accuracy\", nan): the value is not "
                      "finite"),
            1u);
  // A rejected value leaves the recorded one alone.
  EXPECT_EQ(T->record("accuracy", 0.9), 0);
  EXPECT_EQ(T->record("accuracy", NAN), -1);
  EXPECT_EQ(T->value(0), 0.9);
}

TEST(ProgramMetrics, FullTableKeepsUpdatingKnownNames) {
  test::LogCapture Log;
  auto T = std::make_unique<ProgramMetricTable>();
  for (unsigned I = 0; I < ProgramMetricTable::Capacity; ++I)
    ASSERT_EQ(T->record(("m" + std::to_string(I)).c_str(), I), 0) << I;
  EXPECT_EQ(Log.lines().size(), 0u);
  EXPECT_EQ(T->record("one-too-many", 1), -1);
  EXPECT_EQ(T->record("two-too-many", 1), -1);
  EXPECT_EQ(T->size(), ProgramMetricTable::Capacity);
  EXPECT_EQ(Log.count("frugal_metric(\"one-too-many\", ...): 64 metrics are "
                      "recorded already"),
            1u);
  EXPECT_EQ(Log.lines().size(), 1u);
  EXPECT_EQ(T->record("m5", 55), 0);
  EXPECT_EQ(contents(*T)["m5"], 55);
}

// Writers on several threads, new and known names, while a reader (as the
// profile writer) walks the table: every entry it sees is complete, no name
// is entered twice, and each name ends with one of the values given to it.
TEST(ProgramMetrics, ConcurrentWriters) {
  auto T = std::make_unique<ProgramMetricTable>();
  constexpr int Threads = 8, Own = 6, Rounds = 2000;
  std::atomic<bool> Done{false};
  std::atomic<int> BadReads{0};
  std::thread Reader([&] {
    while (!Done.load()) {
      std::set<std::string> Seen;
      for (unsigned I = 0; I < T->size(); ++I) {
        double V = T->value(I);
        if (!*T->name(I) || !Seen.insert(T->name(I)).second || V < 0 ||
            V >= Rounds)
          ++BadReads;
      }
    }
  });
  std::vector<std::thread> Writers;
  for (int W = 0; W < Threads; ++W)
    Writers.emplace_back([&T, W] {
      for (int R = 0; R < Rounds; ++R) {
        EXPECT_EQ(T->record("shared", R), 0);
        for (int K = 0; K < Own; ++K)
          T->record(("t" + std::to_string(W) + "." + std::to_string(K)).c_str(),
                    R);
      }
    });
  for (std::thread &W : Writers)
    W.join();
  Done = true;
  Reader.join();
  EXPECT_EQ(BadReads.load(), 0);
  std::map<std::string, double> M = contents(*T);
  EXPECT_EQ(T->size(), 1u + Threads * Own);
  EXPECT_EQ(M.size(), T->size()); // no duplicates
  EXPECT_EQ(M["shared"], Rounds - 1);
  for (int W = 0; W < Threads; ++W)
    for (int K = 0; K < Own; ++K)
      EXPECT_EQ(M["t" + std::to_string(W) + "." + std::to_string(K)],
                Rounds - 1);
}

// Many threads race to add the same new names: each gets one entry.
TEST(ProgramMetrics, RacingInsertionsOfOneName) {
  for (int Trial = 0; Trial < 20; ++Trial) {
    auto T = std::make_unique<ProgramMetricTable>();
    std::atomic<int> Ready{0};
    std::vector<std::thread> Threads;
    for (int W = 0; W < 8; ++W)
      Threads.emplace_back([&, W] {
        ++Ready;
        while (Ready.load() < 8)
          std::this_thread::yield();
        T->record("same", W);
        T->record("also-same", W);
      });
    for (std::thread &Th : Threads)
      Th.join();
    ASSERT_EQ(T->size(), 2u) << "trial " << Trial;
  }
}

} // namespace
