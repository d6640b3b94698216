//===- RuntimeCopiesTest.cpp - Several copies of the runtime in a process -===//
//
// The election among copies (Rendezvous.h), fed fake copies in load order,
// and the path a later copy writes to (OutputPath.h). The end-to-end case
// is test/e2e/runtime-copies.c.
//
//===----------------------------------------------------------------------===//
#include "OutputPath.h"
#include "Rendezvous.h"

#include <gtest/gtest.h>
#include <memory>
#include <string>

using namespace frugal;
using rt::Election;
using rt::RendezvousBlock;

namespace {

int SignalsSeen[3];
void writerA(int Signal) { SignalsSeen[0] = Signal; }
void writerB(int Signal) { SignalsSeen[1] = Signal; }

struct Names {
  char Primary[rt::PathCapacity];
  char Own[rt::PathCapacity];
};

// Runs one election for Self over Copies (load order).
template <size_t N>
std::unique_ptr<Election>
elect(RendezvousBlock &Self, Names &Out, RendezvousBlock *(&&Copies)[N],
      const char *(&&Modules)[N], rt::CopySignalWriter Writer = writerA,
      RendezvousBlock *Stale = nullptr) {
  auto E =
      std::make_unique<Election>(Self, Writer, Stale, Out.Primary, Out.Own);
  for (size_t I = 0; I < N; ++I)
    E->visit(*Copies[I], Modules[I]);
  return E;
}

TEST(RuntimeCopies, ALoneCopyIsThePrimary) {
  RendezvousBlock Self;
  Names N;
  auto E = elect(Self, N, {&Self}, {"/bin/app"});
  EXPECT_TRUE(E->isPrimary());
  EXPECT_TRUE(E->primaryFound());
  EXPECT_EQ(E->copies(), 1u);
  EXPECT_STREQ(N.Own, "/bin/app");
  EXPECT_EQ(Self.Ballot.load(), &Self);
}

TEST(RuntimeCopies, TheFirstToVoteWinsTheFirstCopysBallot) {
  // The executable's copy (first in load order) is not used yet; a plugin's
  // copy votes first, then another plugin's.
  RendezvousBlock Exe, Alpha, Beta;
  Names NA, NB;
  auto EA = elect(Alpha, NA, {&Exe, &Alpha, &Beta},
                  {"/bin/app", "/p/alpha.so", "/p/beta.so"});
  EXPECT_TRUE(EA->isPrimary());
  EXPECT_EQ(Exe.Ballot.load(), &Alpha);
  EXPECT_EQ(Alpha.Ballot.load(), nullptr) << "only the first copy's ballot";

  auto EB = elect(Beta, NB, {&Exe, &Alpha, &Beta},
                  {"/bin/app", "/p/alpha.so", "/p/beta.so"}, writerB);
  EXPECT_FALSE(EB->isPrimary());
  EXPECT_EQ(EB->primary(), &Alpha);
  EXPECT_TRUE(EB->primaryFound());
  EXPECT_TRUE(EB->enlisted());
  EXPECT_EQ(EB->copies(), 3u);
  EXPECT_STREQ(NB.Primary, "/p/alpha.so");
  EXPECT_STREQ(NB.Own, "/p/beta.so");

  // The executable's copy, used last, is a later copy too.
  Names NE;
  auto EE = elect(Exe, NE, {&Exe, &Alpha, &Beta},
                  {"/bin/app", "/p/alpha.so", "/p/beta.so"});
  EXPECT_FALSE(EE->isPrimary());
  EXPECT_STREQ(NE.Primary, "/p/alpha.so");
  EXPECT_STREQ(NE.Own, "/bin/app");
}

TEST(RuntimeCopies, ThePrimaryForwardsSignalsToItsSecondaries) {
  RendezvousBlock Exe, Alpha, Beta;
  Names N;
  elect(Exe, N, {&Exe, &Alpha, &Beta}, {"exe", "alpha", "beta"});
  elect(Alpha, N, {&Exe, &Alpha, &Beta}, {"exe", "alpha", "beta"}, writerA);
  elect(Beta, N, {&Exe, &Alpha, &Beta}, {"exe", "alpha", "beta"}, writerB);
  SignalsSeen[0] = SignalsSeen[1] = 0;
  rt::forwardSignal(Exe, 15);
  EXPECT_EQ(SignalsSeen[0], 15);
  EXPECT_EQ(SignalsSeen[1], 15);
  // A secondary forwards nothing: it has no list.
  SignalsSeen[0] = SignalsSeen[1] = 0;
  rt::forwardSignal(Alpha, 2);
  EXPECT_EQ(SignalsSeen[0], 0);
  EXPECT_EQ(SignalsSeen[1], 0);
}

TEST(RuntimeCopies, EnlistingTwiceTakesOneSlot) {
  RendezvousBlock Exe, Alpha;
  Names N;
  elect(Exe, N, {&Exe, &Alpha}, {"exe", "alpha"});
  elect(Alpha, N, {&Exe, &Alpha}, {"exe", "alpha"});
  elect(Alpha, N, {&Exe, &Alpha}, {"exe", "alpha"});
  unsigned Slots = 0;
  for (auto &Slot : Exe.Secondaries)
    Slots += Slot.load() == &Alpha;
  EXPECT_EQ(Slots, 1u);
}

TEST(RuntimeCopies, AStaleBallotIsTakenOver) {
  // The first copy's ballot names a copy whose module was unloaded: not in
  // the walk. The next walk, told so, takes the ballot over.
  RendezvousBlock First, Gone, Self;
  First.Ballot.store(&Gone);
  Names N;
  auto E = elect(Self, N, {&First, &Self}, {"first", "self"});
  EXPECT_FALSE(E->primaryFound());
  EXPECT_EQ(E->primary(), &Gone);
  auto Again =
      elect(Self, N, {&First, &Self}, {"first", "self"}, writerA, E->primary());
  EXPECT_TRUE(Again->isPrimary());
  EXPECT_EQ(First.Ballot.load(), &Self);

  // A ballot that is not the stale one is left alone.
  RendezvousBlock Other, Live;
  Other.Ballot.store(&Live);
  auto Kept = elect(Self, N, {&Other, &Live, &Self}, {"o", "live", "self"},
                    writerA, &Gone);
  EXPECT_FALSE(Kept->isPrimary());
  EXPECT_EQ(Other.Ballot.load(), &Live);
}

TEST(RuntimeCopies, NoFreeSlotMeansNotEnlisted) {
  RendezvousBlock Primary, Self;
  RendezvousBlock Others[rt::MaxSecondaries];
  Primary.Ballot.store(&Primary);
  for (unsigned I = 0; I < rt::MaxSecondaries; ++I)
    Primary.Secondaries[I].store(&Others[I]);
  Names N;
  auto E = elect(Self, N, {&Primary, &Self}, {"p", "self"});
  EXPECT_FALSE(E->isPrimary());
  EXPECT_TRUE(E->primaryFound());
  EXPECT_FALSE(E->enlisted());
}

std::string withSuffix(const char *Path, const char *Module,
                       size_t Cap = rt::PathCapacity) {
  char Buf[rt::PathCapacity];
  strcpy(Buf, Path);
  if (!rt::insertCopySuffix(Buf, Cap, Module))
    return "<too long>";
  return Buf;
}

TEST(RuntimeCopies, ALaterCopysPathNamesItsModule) {
  EXPECT_EQ(withSuffix("frugal-app-12.json", "libalpha.so"),
            "frugal-app-12.libalpha.so.json");
  EXPECT_EQ(withSuffix("/out/p.json", "app"), "/out/p.app.json");
  EXPECT_EQ(withSuffix("/out/profile", "libalpha.so"),
            "/out/profile.libalpha.so");
  EXPECT_EQ(withSuffix("/out/.json", "m"), "/out/.json.m");
  EXPECT_EQ(withSuffix(".json", "m"), ".json.m");
  EXPECT_EQ(withSuffix("p.json", "m", 9), "p.m.json"); // 8 bytes + NUL
  EXPECT_EQ(withSuffix("p.json", "mm", 9), "<too long>");
}

TEST(RuntimeCopies, ALaterCopysForkedChildAddsItsPid) {
  rt::PathValues V;
  V.Pid = 77;
  V.Executable = "app";
  V.Copy = "libalpha.so";
  char Out[rt::PathCapacity];
  rt::computeOutputPath("run.json", V, /*IsForkChild=*/true, Out);
  EXPECT_STREQ(Out, "run.libalpha.so.json.77");
  rt::computeOutputPath("frugal-%e-%p.json", V, /*IsForkChild=*/false, Out);
  EXPECT_STREQ(Out, "frugal-app-77.libalpha.so.json");
  V.Copy = nullptr;
  rt::computeOutputPath("frugal-%e-%p.json", V, /*IsForkChild=*/false, Out);
  EXPECT_STREQ(Out, "frugal-app-77.json");
}

} // namespace
