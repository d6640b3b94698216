//===- Profile.h - A frugal profile, read and validated ---------*- C++ -*-===//
//
// The in-memory form of the JSON profile described in docs/profile-format.md.
// Reading validates it once, so subcommands can trust every field they use.
// Keys a subcommand needs are required; descriptive extras are optional, so
// that older or hand-trimmed profiles still read.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_PROFILE_H
#define FRUGAL_TOOLS_FRUGAL_PROFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace frugal {

/// The schema_version this frugal reads.
inline constexpr int64_t SupportedSchemaVersion = 1;

/// Nanoseconds; "time_ns" in the profile.
struct Times {
  int64_t Inclusive = 0;
  int64_t Exclusive = 0;
};

struct ProgramInfo {
  std::vector<std::string> Argv;
  std::string Executable;
  int64_t Pid = 0;
  std::string Host;
  std::optional<int64_t> Rank;
  int64_t WallNs = 0;
  std::string End;
};

struct MachineInfo {
  std::string CpuModel;
  int64_t Cores = 0;
  std::string Timer;
};

struct EnergyInfo {
  std::string Status;
  bool isMeasured() const { return Status != "not-measured"; }
};

struct FunctionRecord {
  int64_t Id = 0;
  std::string Name;
  std::string LinkageName;
  std::string Module;
  std::string File;
  std::string ResolvedFile;
  int64_t Line = 0;
  int64_t Calls = 0;
  Times Time;
  bool Filtered = false;
  std::string FilterReason;
};

struct RegionRecord {
  int64_t Id = 0;
  std::string Name;
  int64_t Calls = 0;
  Times Time;
};

struct TreeNode {
  int64_t Id = 0;
  std::optional<int64_t> Parent; // None for the root.
  std::optional<int64_t> Ref;    // A function or region id; None for root.
  int64_t Calls = 0;
  Times Time;
  int64_t FoldedCalls = 0;
};

struct CallTree {
  int64_t MaxNodesPerThread = 0;
  int64_t FoldedCalls = 0;
  std::vector<TreeNode> Nodes;
};

struct ThreadRecord {
  int64_t Index = 0;
  int64_t Tid = 0;
  std::string Name;
  bool Ended = false;
  int64_t Calls = 0;
};

struct Profile {
  int64_t SchemaVersion = 0;
  std::string Generator;
  ProgramInfo Program;
  MachineInfo Machine;
  EnergyInfo Energy;
  std::vector<FunctionRecord> Functions;
  std::vector<RegionRecord> Regions;
  CallTree Tree;
  std::vector<ThreadRecord> Threads;
};

/// Reads and validates the profile at \p Path. Errors say what is wrong
/// (with the JSON line and column, or the path of the bad key) and how to fix
/// it, as printError expects.
llvm::Expected<Profile> readProfile(llvm::StringRef Path);

/// Validates profile text; \p Path is only used in messages.
llvm::Expected<Profile> parseProfile(llvm::StringRef Text,
                                     llvm::StringRef Path);

/// The name to show for \p F: demangled, even when the runtime could not.
std::string displayName(const FunctionRecord &F);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_PROFILE_H
