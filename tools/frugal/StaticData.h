//===- StaticData.h - frugal analyze's output, joined to profiles -*- C++ -*-=//
//
// Reports put static estimates beside measurements. This reads the JSON of
// `frugal analyze` (docs/static-format.md) — from a file, or by running the
// analysis on a build directory — joins its functions to a profile's by
// (linkage_name, resolved_file), and evaluates its expressions per call with
// the argument values the profile sampled (docs/instrumentation.md).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_STATICDATA_H
#define FRUGAL_TOOLS_FRUGAL_STATICDATA_H

#include "Profile.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace frugal {

/// One count or size of the analysis: a constant, or an expression in C
/// syntax over the function's parameters (and members and globals); Text is
/// empty when the analysis lost the value (JSON null).
struct StaticExpr {
  std::string Text;
  bool known() const { return !Text.empty(); }
};

/// A function of `frugal analyze`'s output, with the figures reports use.
struct StaticFunction {
  std::string Name;
  std::string LinkageName;
  std::string File;
  std::string ResolvedFile;
  int64_t Line = 0;
  std::vector<std::string> Params;
  int64_t Statements = 0;
  int64_t Cyclomatic = 0;
  int64_t Cognitive = 0;
  int64_t MaxLoopDepth = 0;
  std::optional<std::string> BigO; // None: unknown.
  std::string Confidence;          // exact, upper_bound or unknown.
  /// ops.total, per call, by key: flops, fadd, ..., int_ops, load_bytes,
  /// store_bytes, calls, iterations.
  std::map<std::string, StaticExpr> Total;
  /// ops.self, per call, the same keys: what the body itself executes
  /// (callees' costs left out), to set beside exclusive measurements.
  std::map<std::string, StaticExpr> Self;
  size_t Uncounted = 0; // Lines of ops.total.uncounted.
  StaticExpr StackBytes;
  StaticExpr HeapBytes;
  StaticExpr BytesTouched;
  /// memory.arithmetic_intensity as text: a number or "FLOPS / BYTES";
  /// empty when null.
  std::string ArithmeticIntensity;
  bool Recursive = false;
};

struct StaticAnalysis {
  std::string Source; // The file read, or "analysis of BUILD_DIR".
  std::vector<StaticFunction> Functions;
};

/// Reads and validates `frugal analyze --format=json` output; errors as
/// readProfile's (one line, with the fix).
llvm::Expected<StaticAnalysis> readStatic(llvm::StringRef Path);
llvm::Expected<StaticAnalysis> parseStatic(llvm::StringRef Text,
                                           llvm::StringRef Path);

/// Runs `frugal analyze` on every file of BUILD_DIR/compile_commands.json,
/// as `-p BUILD_DIR` does, and returns its output.
llvm::Expected<StaticAnalysis> analyzeBuildDir(llvm::StringRef BuildDir);

/// The analysis a report command's `--static FILE` or `-p BUILD_DIR` asks
/// for (None with neither): the file read, or the analysis run. Both given,
/// or either failing, is an error (bad input: exit status 2).
llvm::Expected<std::optional<StaticAnalysis>>
loadStaticOption(llvm::StringRef StaticPath, llvm::StringRef BuildDir);

/// A profile's function and its static record, either possibly missing.
struct JoinedFunction {
  const FunctionRecord *Measured = nullptr; // None: not in the profile.
  const StaticFunction *Static = nullptr;   // None: not in the analysis.
};

/// Every function of \p Prof and of \p Static once: the profile's in its
/// order, each with its static record when one has the same
/// (linkage_name, resolved_file) — or, failing that, the only one with its
/// linkage_name — then the analysis's functions the profile does not have.
std::vector<JoinedFunction> joinStatic(const Profile &Prof,
                                       const StaticAnalysis &Static);

/// An expression's value per call of a function, from the parameter values
/// sampled in its calls: the mean over the samples, and their range.
struct EvaluatedExpr {
  std::optional<double> PerCall; // None: could not be evaluated; see Why.
  double Min = 0;
  double Max = 0;
  size_t Samples = 0; // Sampled calls it was evaluated on (0: a constant).
  std::string Why;    // Why PerCall is None.
};

/// Evaluates \p E for function \p F, whose profile record \p M may have
/// argument samples (null or without samples: only constants evaluate).
EvaluatedExpr evaluatePerCall(const StaticExpr &E, const StaticFunction &F,
                              const FunctionRecord *M);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_STATICDATA_H
