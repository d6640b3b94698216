//===- SyntaxMetrics.h - Complexity metrics of a function's syntax -*- C++
//-*-===//
//
// The metrics lizard and clang-tidy give, computed on clang's AST (so macros
// and templates are seen as the compiler sees them).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_ANALYZE_SYNTAXMETRICS_H
#define FRUGAL_TOOLS_FRUGAL_ANALYZE_SYNTAXMETRICS_H

namespace clang {
class FunctionDecl;
} // namespace clang

namespace frugal::analysis {

/// Lambda bodies, blocks and local classes' member functions are not part of
/// the enclosing function's metrics; constructs spelled in a system header's
/// macro (assert) do not count.
struct SyntaxMetrics {
  /// Statements in C grammar terms, each counted once; not blocks `{}` nor
  /// null statements `;`; a label or `case` adds none to its statement.
  unsigned Statements = 0;
  /// McCabe, as lizard counts: 1 + if (else if too) + for + range-for +
  /// while + do + case + catch + ?: (and GNU ?:) + each && and ||.
  unsigned Cyclomatic = 1;
  /// SonarSource's Cognitive Complexity (clang-tidy's
  /// readability-function-cognitive-complexity, except for how sequences of
  /// logical operators are split, and direct recursion counts).
  unsigned Cognitive = 0;
  /// Most loops (for, range-for, while, do) nested in one another; 0 for
  /// none.
  unsigned MaxLoopDepth = 0;
};

/// Metrics of FD's body (FD must have one; one without gives the metrics of
/// an empty body). For a template instantiation, of the instantiated body.
/// docs/static-format.md defines each exactly.
SyntaxMetrics measureSyntax(const clang::FunctionDecl &FD);

} // namespace frugal::analysis

#endif // FRUGAL_TOOLS_FRUGAL_ANALYZE_SYNTAXMETRICS_H
