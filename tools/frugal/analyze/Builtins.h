//===- Builtins.h - Costs of common library functions -----------*- C++ -*-===//
//
// The cost of one call of a library function that `frugal analyze` has no
// definition of: libm, CBLAS, memcpy/memset, the allocators, a few
// std::vector members and the functions whose cost is a constant (rand,
// printf, exit, ...). Costs are over the call's arguments, so over the
// caller's symbols. The interprocedural step (Interprocedural.h) adds them,
// times the call's count, to the caller's Self.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_ANALYZE_BUILTINS_H
#define FRUGAL_TOOLS_FRUGAL_ANALYZE_BUILTINS_H

#include "Cost.h"
#include "FunctionSummary.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace frugal::analysis {

/// The cost of one execution of a call of a built-in.
struct BuiltinCost {
  /// Over the caller's symbols. Its Uncounted lines name what the built-in
  /// leaves out ("printf at line 12: I/O, not counted"); when the cost
  /// needs an argument the caller cannot express, every quantity is zero
  /// and the line says so.
  Cost PerCall;
  /// Exact, or Unknown when an argument the cost needs is not expressible
  /// (then Reason is the Uncounted line).
  Confidence Conf = Confidence::Exact;
  std::string Reason;
};

/// The cost of one execution of the call CS of a library function, or
/// nullopt when CS.CalleeName has no built-in cost. Callers look a call up
/// here only when no definition of the callee was analysed: a user's
/// definition takes precedence.
std::optional<BuiltinCost> builtinCost(const CallSite &CS);

/// The name built-in costs are looked up by: namespaces std, std::__1,
/// std::__cxx11 and the global "::" dropped, the "__builtin_" prefix and
/// the glibc fortified "__X_chk" forms reduced to X, template arguments of
/// the function dropped, and the float and long double forms of libm
/// functions reduced to the double one: "std::expf", "expl", "::exp" and
/// "__builtin_exp" are all "exp"; "std::max<float>" is "max"; member
/// functions keep their class without template arguments:
/// "std::vector<float>::push_back" is "vector::push_back".
std::string builtinName(llvm::StringRef CalleeName);

} // namespace frugal::analysis

#endif // FRUGAL_TOOLS_FRUGAL_ANALYZE_BUILTINS_H
