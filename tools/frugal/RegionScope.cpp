//===- RegionScope.cpp - What ran inside a region -------------------------===//

#include "RegionScope.h"

#include "support/Diagnostics.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/Twine.h"

#include <algorithm>
#include <optional>
#include <utility>

using namespace llvm;

namespace frugal {

bool hasRegion(const Profile &Prof, StringRef Name) {
  for (const RegionRecord &R : Prof.Regions)
    if (R.Name == Name)
      return true;
  return false;
}

static void addExclusive(EnergyByDomain &Sum, const EnergyByDomain &In) {
  for (const auto &[Domain, E] : In) {
    DomainEnergy &S = Sum[Domain];
    S.Exclusive += E.Exclusive;
    S.Dynamic += E.Dynamic;
  }
}

static void addInclusive(EnergyByDomain &Sum, const EnergyByDomain &In) {
  for (const auto &[Domain, E] : In) {
    DomainEnergy &S = Sum[Domain];
    S.Inclusive += E.Inclusive;
    S.DynamicInclusive += E.DynamicInclusive;
  }
}

Expected<RegionScope> regionScope(const Profile &Prof, StringRef Name,
                                  StringRef Path) {
  DenseSet<int64_t> RegionIds, ItemIds;
  int64_t RecordCalls = 0;
  for (const RegionRecord &R : Prof.Regions) {
    ItemIds.insert(R.Id);
    if (R.Name == Name) {
      RegionIds.insert(R.Id);
      RecordCalls += R.Calls;
    }
  }
  for (const FunctionRecord &F : Prof.Functions)
    ItemIds.insert(F.Id);

  // Children lists, as offsets into one array. Walking down from the roots
  // (nodes without a parent) reaches every node once, whatever the nodes'
  // order in the file.
  const std::vector<TreeNode> &Nodes = Prof.Tree.Nodes;
  DenseMap<int64_t, uint32_t> IndexOf;
  for (uint32_t I = 0; I < Nodes.size(); ++I) {
    const TreeNode &N = Nodes[I];
    if (N.Ref && !ItemIds.contains(*N.Ref))
      return makeError("'" + Path + "': tree node " + Twine(N.Id) +
                           " refers to id " + Twine(*N.Ref) +
                           ", no function or region of the profile",
                       "the profile is incomplete or was edited; rerun the "
                       "instrumented program to write it again");
    if (!IndexOf.try_emplace(N.Id, I).second)
      return makeError("'" + Path + "': two tree nodes have id " + Twine(N.Id),
                       "the profile is incomplete or was edited; rerun the "
                       "instrumented program to write it again");
  }
  std::vector<uint32_t> Start(Nodes.size() + 1, 0), Children;
  std::vector<uint32_t> Roots;
  auto ParentOf = [&](const TreeNode &N) -> std::optional<uint32_t> {
    if (!N.Parent)
      return std::nullopt;
    auto It = IndexOf.find(*N.Parent);
    if (It == IndexOf.end())
      return std::nullopt;
    return It->second;
  };
  for (const TreeNode &N : Nodes)
    if (std::optional<uint32_t> P = ParentOf(N))
      ++Start[*P + 1];
  for (size_t I = 1; I < Start.size(); ++I)
    Start[I] += Start[I - 1];
  Children.resize(Start.back());
  std::vector<uint32_t> Fill(Start.begin(), Start.end() - 1);
  for (uint32_t I = 0; I < Nodes.size(); ++I) {
    if (std::optional<uint32_t> P = ParentOf(Nodes[I]))
      Children[Fill[*P]++] = I;
    else if (!Nodes[I].Parent)
      Roots.push_back(I);
  }

  RegionScope Scope;
  DenseMap<int64_t, size_t> ItemIndex;
  // How many nodes of each item are on the path from the scope's top down
  // to the node being visited: a node whose item is not there yet is that
  // item's outermost on the path.
  DenseMap<int64_t, unsigned> OnPath;
  int64_t NodeRegionCalls = 0;
  struct Frame {
    uint32_t Node;
    uint32_t Next; // The next child to visit.
    bool InScope;
  };
  std::vector<Frame> Stack;
  auto Enter = [&](uint32_t I, bool ParentInScope) {
    const TreeNode &N = Nodes[I];
    bool IsRegion = N.Ref && RegionIds.contains(*N.Ref);
    bool InScope = ParentInScope || IsRegion;
    if (InScope && N.Ref) {
      auto [It, New] = ItemIndex.try_emplace(*N.Ref, Scope.Items.size());
      if (New) {
        Scope.Items.emplace_back();
        Scope.Items.back().Ref = *N.Ref;
      }
      ScopedItem &Item = Scope.Items[It->second];
      Item.Calls += N.Calls;
      Item.Time.Exclusive += N.Time.Exclusive;
      addExclusive(Item.Energy, N.Energy);
      unsigned &Above = OnPath[*N.Ref];
      if (!Above) {
        Item.Time.Inclusive += N.Time.Inclusive;
        addInclusive(Item.Energy, N.Energy);
      }
      ++Above;
      Scope.Calls += N.Calls;
      Scope.Time.Exclusive += N.Time.Exclusive;
      addExclusive(Scope.Energy, N.Energy);
      if (IsRegion)
        NodeRegionCalls += N.Calls;
      if (!ParentInScope) {
        Scope.Time.Inclusive += N.Time.Inclusive;
        addInclusive(Scope.Energy, N.Energy);
      }
    }
    Stack.push_back({I, Start[I], InScope});
  };
  for (uint32_t Root : Roots) {
    Enter(Root, /*ParentInScope=*/false);
    while (!Stack.empty()) {
      Frame &F = Stack.back();
      if (F.Next < Start[F.Node + 1]) {
        uint32_t Child = Children[F.Next++];
        Enter(Child, F.InScope);
        continue;
      }
      const TreeNode &N = Nodes[F.Node];
      if (F.InScope && N.Ref)
        --OnPath[*N.Ref];
      Stack.pop_back();
    }
  }
  Scope.FoldedRegionCalls = std::max<int64_t>(0, RecordCalls - NodeRegionCalls);
  return Scope;
}

} // namespace frugal
