//===- RegionItemsTest.cpp - Units of work counted per region -------------===//
#include "Compiler.h"
#include "Regions.h"

#include <atomic>
#include <gtest/gtest.h>
#include <set>
#include <stdint.h>
#include <string>
#include <thread>
#include <vector>

using namespace frugal;

namespace {

uint64_t items(const rt::RegionInfo &R) { return rt::loadRelaxed(R.Items); }
bool counted(const rt::RegionInfo &R) {
  return rt::loadRelaxed(R.ItemsCounted) != 0;
}

TEST(RegionItems, NoneUntilCounted) {
  rt::IdSpace Ids;
  rt::RegionTable Table(Ids);
  rt::RegionInfo *R = Table.intern("eval");
  EXPECT_FALSE(counted(*R));
  EXPECT_STREQ(rt::regionItemsUnit(*R), "items");
  // A count of 0 still marks the region as one that counts.
  EXPECT_EQ(rt::addRegionItems(*R, 0, nullptr), rt::ItemsResult::Added);
  EXPECT_TRUE(counted(*R));
  EXPECT_EQ(items(*R), 0u);
  EXPECT_STREQ(rt::regionItemsUnit(*R), "items");
}

TEST(RegionItems, AddsAndKeepsTheFirstUnit) {
  rt::IdSpace Ids;
  rt::RegionTable Table(Ids);
  rt::RegionInfo *R = Table.intern("predict");
  rt::addRegionItems(*R, 100, nullptr); // no unit: the next one is kept
  rt::addRegionItems(*R, 20, "");       // empty: as none
  char Unit[16] = "samples";
  rt::addRegionItems(*R, 3, Unit);
  Unit[0] = 'X'; // copied, not referenced
  rt::addRegionItems(*R, 4, "tokens");
  EXPECT_EQ(items(*R), 127u);
  EXPECT_STREQ(rt::regionItemsUnit(*R), "samples");
}

TEST(RegionItems, LongUnitsAreCutAtACharacterBoundary) {
  rt::IdSpace Ids;
  rt::RegionTable Table(Ids);
  constexpr size_t Keep = rt::RegionInfo::UnitCapacity - 1;
  std::string Fits(Keep, 'u');
  rt::RegionInfo *A = Table.intern("a");
  EXPECT_EQ(rt::addRegionItems(*A, 1, Fits.c_str()), rt::ItemsResult::Added);
  EXPECT_EQ(rt::regionItemsUnit(*A), Fits);
  // "é" (2 bytes) straddling the limit is dropped whole.
  std::string Straddles = std::string(Keep - 1, 'u') + "\xC3\xA9" + "tail";
  rt::RegionInfo *B = Table.intern("b");
  EXPECT_EQ(rt::addRegionItems(*B, 1, Straddles.c_str()),
            rt::ItemsResult::UnitCut);
  EXPECT_EQ(rt::regionItemsUnit(*B), std::string(Keep - 1, 'u'));
  // Only the call that set the unit reports the cut.
  EXPECT_EQ(rt::addRegionItems(*B, 1, Straddles.c_str()),
            rt::ItemsResult::Added);
}

TEST(RegionItems, SaturatesAtTheLargestProfileCount) {
  rt::IdSpace Ids;
  rt::RegionTable Table(Ids);
  rt::RegionInfo *R = Table.intern("huge");
  rt::addRegionItems(*R, INT64_MAX - 5, nullptr);
  rt::addRegionItems(*R, 5, nullptr);
  EXPECT_EQ(items(*R), uint64_t(INT64_MAX));
  rt::addRegionItems(*R, UINT64_MAX, nullptr);
  EXPECT_EQ(items(*R), uint64_t(INT64_MAX));
}

TEST(RegionItems, ConcurrentAddsAreExactAndOneUnitWins) {
  rt::IdSpace Ids;
  rt::RegionTable Table(Ids);
  rt::RegionInfo *R = Table.intern("batch");
  constexpr int Threads = 8, Adds = 100000;
  std::vector<std::string> Units;
  for (int T = 0; T < Threads; ++T)
    Units.push_back("unit-of-thread-" + std::to_string(T));
  std::atomic<bool> Done{false};
  std::atomic<int> BadUnits{0};
  std::set<std::string> Allowed(Units.begin(), Units.end());
  Allowed.insert("items");
  std::thread Reader([&] { // as the profile writer: never a torn unit
    while (!Done.load())
      if (!Allowed.count(rt::regionItemsUnit(*R)))
        ++BadUnits;
  });
  std::vector<std::thread> Workers;
  for (int T = 0; T < Threads; ++T)
    Workers.emplace_back([&, T] {
      for (int I = 0; I < Adds; ++I)
        rt::addRegionItems(*R, 3, Units[T].c_str());
    });
  for (std::thread &W : Workers)
    W.join();
  Done = true;
  Reader.join();
  EXPECT_EQ(items(*R), uint64_t(3) * Threads * Adds);
  EXPECT_EQ(BadUnits.load(), 0);
  std::string Unit = rt::regionItemsUnit(*R);
  EXPECT_TRUE(Allowed.count(Unit) && Unit != "items") << Unit;
}

TEST(RegionItems, ForkedChildCountsFromZero) {
  rt::IdSpace Ids;
  rt::RegionTable Table(Ids);
  rt::RegionInfo *A = Table.intern("a");
  rt::RegionInfo *B = Table.intern("b");
  rt::addRegionItems(*A, 40, "images");
  Table.resetItemsAfterFork();
  EXPECT_EQ(items(*A), 0u);
  EXPECT_TRUE(counted(*A)); // still a region that counts, in its unit
  EXPECT_STREQ(rt::regionItemsUnit(*A), "images");
  EXPECT_FALSE(counted(*B));
}

} // namespace
