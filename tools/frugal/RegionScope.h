//===- RegionScope.h - What ran inside a region -----------------*- C++ -*-===//
//
// The figures of each function (and nested region) while it ran inside one
// region, from the calling-context tree: the tree nodes under the region's
// nodes, summed per function over every path that reached it. `frugal diff
// --region` compares variants on them: which functions account for the
// difference in a region's energy.
//
// Exclusive figures and calls add up over nodes. Inclusive ones would count
// a recursive function's inner calls twice, so a function's inclusive
// figures sum only its outermost nodes in the region (those with no node of
// the same function above them, up to the region): the rule the runtime
// follows for whole-run inclusive figures. The region nested in itself is
// one scope, taken from its outermost nodes.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_REGIONSCOPE_H
#define FRUGAL_TOOLS_FRUGAL_REGIONSCOPE_H

#include "Profile.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <vector>

namespace frugal {

/// A function's or region's figures inside the scope.
struct ScopedItem {
  int64_t Ref = 0; // The function's or region's id.
  int64_t Calls = 0;
  Times Time;
  /// Per domain: exclusive and dynamic figures summed over its nodes,
  /// inclusive ones over its outermost nodes.
  EnergyByDomain Energy;
};

struct RegionScope {
  /// In the order of first appearance in a depth-first walk of the tree:
  /// the region itself first.
  std::vector<ScopedItem> Items;
  /// The region's inclusive figures: exclusive time and energy summed over
  /// every node in it (so that the items add up to them), inclusive time
  /// and energy over its outermost nodes, calls of every node in it.
  int64_t Calls = 0;
  Times Time;
  EnergyByDomain Energy;
  /// Calls of the region counted in its record but in none of its nodes:
  /// entered while a thread's tree was full (FRUGAL_MAX_NODES), their
  /// figures stayed in the caller's node, outside the scope.
  int64_t FoldedRegionCalls = 0;
};

/// True when \p Prof has a region called \p Name.
bool hasRegion(const Profile &Prof, llvm::StringRef Name);

/// What ran inside the regions of \p Prof called \p Name (one, normally).
/// Fails when a tree node refers to no function or region of the profile;
/// \p Path names the profile in that message.
llvm::Expected<RegionScope>
regionScope(const Profile &Prof, llvm::StringRef Name, llvm::StringRef Path);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_REGIONSCOPE_H
