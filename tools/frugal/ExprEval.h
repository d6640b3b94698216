//===- ExprEval.h - Evaluating frugal analyze's expressions -----*- C++ -*-===//
//
// `frugal analyze` writes counts as C expressions over parameter names
// (docs/static-format.md, "Expressions"): integers, names (`n`,
// `this->rows`, `cfg.k`), + - * /, unary minus, parentheses and log2().
// Reports evaluate them with the values a profile sampled.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_EXPREVAL_H
#define FRUGAL_TOOLS_FRUGAL_EXPREVAL_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace frugal {

/// The value of an expression, or why there is none.
struct ExprValue {
  std::optional<double> Value;
  std::string Error;       // "no value for n", or what does not parse.
  std::string MissingName; // The name without a value ("n"), if that failed.
};

/// Evaluates \p Text, looking names up with \p Lookup (None: no value).
/// Arithmetic is in doubles, so large counts neither wrap nor overflow;
/// `/` truncates as C's integer division does (its operands are counts);
/// log2 is the real logarithm, as in the analysis.
ExprValue evaluateExpression(
    llvm::StringRef Text,
    llvm::function_ref<std::optional<double>(llvm::StringRef)> Lookup);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_EXPREVAL_H
