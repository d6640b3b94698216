//===- FunctionSummary.h - Everything analyze knows about a function -*- C++
//-*-===//
//
// One record per function definition. Analysing a translation unit fills
// the identity, the syntax metrics and the local (self) cost with its call
// sites; the interprocedural step (Interprocedural.h) then resolves the call
// sites over all translation units and fills the totals.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_ANALYZE_FUNCTIONSUMMARY_H
#define FRUGAL_TOOLS_FRUGAL_ANALYZE_FUNCTIONSUMMARY_H

#include "Cost.h"
#include "SymExpr.h"

#include <optional>
#include <string>
#include <vector>

namespace frugal::analysis {

/// One loop of a function: `for`, `while`, `do` or range-based `for`.
struct LoopSummary {
  unsigned Line = 0;
  unsigned Depth = 1; ///< 1 for a loop not nested in another loop
  /// Iterations per entry into the loop (may mention enclosing loops'
  /// counters, e.g. "i" for `for (j = 0; j < i; ++j)`); none when unknown.
  std::optional<Expr> TripCount;
  Confidence Conf = Confidence::Unknown;
  /// Why the count is an upper bound or unknown ("data-dependent exit",
  /// "non-affine bound", "counter modified in the body", ...); empty when
  /// exact.
  std::string Reason;
};

/// A call in the function's body.
struct CallSite {
  /// FunctionSummary::Key of the callee when it is a function with a body
  /// somewhere (or a declaration that may have one in another file); empty
  /// for indirect calls (function pointers, virtual calls).
  std::string CalleeKey;
  /// The callee's qualified name as in the source ("expf", "cblas_sgemm",
  /// "std::sort", "Layer::forward"), for built-in costs and messages.
  std::string CalleeName;
  unsigned Line = 0;
  /// Times the call executes per call of the caller.
  Expr Count;
  /// Unknown when the call sits in a loop whose trip count is unknown: Count
  /// is then per iteration of that loop and the call cannot be counted.
  Confidence CountConf = Confidence::Exact;
  /// Each argument's value over the caller's symbols, when it has one
  /// (integers; none for pointers, floats and unanalysable expressions).
  std::vector<std::optional<Expr>> Args;
  /// Args with every sum taken by its leading terms as the argument is
  /// built ((H - KH + 1) * (W - KW + 1) is H * W): what the callee's growth,
  /// and so the caller's complexity, is computed with. Same length as Args.
  std::vector<std::optional<Expr>> LeadingArgs;
  /// Each argument's spelling in C syntax when it names an object the
  /// callee's symbols can be rooted at (a struct, reference or pointer:
  /// "cfg", "this->w", "layers[0]"); none otherwise. The callee's symbols
  /// rooted at the parameter ("cfg.n", "cfg->k", "v.size()") are renamed
  /// with it. May be shorter than Args.
  std::vector<std::optional<std::string>> ArgNames;
  /// For a member call, what replaces the callee's "this->" in its symbols
  /// ("layer.", "net->", "this->"); none when the object has no symbolic
  /// name.
  std::optional<std::string> ThisPrefix;
  /// Element size in bytes for calls whose built-in cost needs it
  /// (std::vector<T>::push_back: sizeof(T)); 0 when not applicable.
  uint64_t ElementBytes = 0;
};

struct FunctionSummary {
  // Identity: joins the runtime profile on (LinkageName, ResolvedFile).
  /// Unique across the program: the linkage name, plus the resolved file for
  /// functions with internal linkage.
  std::string Key;
  std::string Name;        ///< llvm::demangle(LinkageName)
  std::string LinkageName; ///< mangled name, as the profile has it
  std::string File;        ///< as the compile command names it
  std::string ResolvedFile;
  unsigned Line = 0; ///< line of the function's name
  std::vector<std::string> Params;
  /// How symbols are ordered in printed expressions: the parameters, then
  /// members and globals in the order the loops first use them
  /// (this->rows before this->cols).
  std::vector<std::string> SymbolOrder;

  // Syntax metrics.
  unsigned Statements = 0;
  unsigned Cyclomatic = 1;
  unsigned Cognitive = 0;
  unsigned MaxLoopDepth = 0;

  std::vector<LoopSummary> Loops;

  // Local analysis: the body's own cost, without calls to other functions
  // (their count is in Self.Calls; the interprocedural step adds built-in
  // library costs, e.g. math calls, to Self).
  Cost Self;
  /// Weakest confidence of the loops and counts in Self, with the first
  /// reason.
  Confidence SelfConf = Confidence::Exact;
  std::string SelfReason;
  std::vector<CallSite> Calls;
  /// Bytes of the function's own stack frame: locals and arrays (VLAs
  /// symbolic).
  Expr StackBytes;

  // Filled by the interprocedural step.
  Cost Total;
  Confidence TotalConf = Confidence::Exact;
  std::string TotalReason;
  bool Recursive = false;
  /// bigO(Total.Iterations); none when TotalConf is Unknown (recursion,
  /// data-dependent loops): never guessed.
  std::optional<std::string> BigO;
};

} // namespace frugal::analysis

#endif // FRUGAL_TOOLS_FRUGAL_ANALYZE_FUNCTIONSUMMARY_H
