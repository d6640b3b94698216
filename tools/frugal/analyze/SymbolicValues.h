//===- SymbolicValues.h - Integer expressions as symbolic values -*- C++
//-*-===//
//
// Turns the integer expressions of one function body (loop bounds, array
// indices, call arguments, allocation sizes) into Exprs over the function's
// parameters and the members and globals it reads. A value exists only when
// it holds wherever the expression is evaluated: a parameter, member or
// global the body writes is not a symbol, and a local is replaced by its
// initializer only when nothing writes it afterwards.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_ANALYZE_SYMBOLICVALUES_H
#define FRUGAL_TOOLS_FRUGAL_ANALYZE_SYMBOLICVALUES_H

#include "SymExpr.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

#include <optional>
#include <string>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class Stmt;
class ValueDecl;
class VarDecl;
} // namespace clang

namespace frugal::analysis {

/// A value, or why there is none ("depends on a call to rand()").
struct SymbolicValue {
  std::optional<Expr> Value;
  std::string WhyNot;

  static SymbolicValue of(Expr E) { return {std::move(E), {}}; }
  static SymbolicValue none(std::string Why) {
    return {std::nullopt, std::move(Why)};
  }
  explicit operator bool() const { return Value.has_value(); }
};

/// Where in the body a variable is written: assignments, increments, and
/// uses that may write it (address taken, bound to a non-const reference,
/// non-const member calls other than element access).
class WriteMap {
public:
  void collect(const clang::Stmt *Body);
  /// Number of writes of D within S (S = the whole body: all of them).
  unsigned writesIn(const clang::VarDecl *D, const clang::Stmt *S) const;
  bool isWritten(const clang::VarDecl *D) const { return Writes.count(D); }
  /// Member and global names written anywhere ("this->n", "cfg->k").
  bool isNameWritten(llvm::StringRef Name) const {
    return WrittenNames.contains(Name);
  }

private:
  llvm::DenseMap<const clang::VarDecl *,
                 llvm::SmallVector<const clang::Stmt *, 2>>
      Writes;
  llvm::StringSet<> WrittenNames;
  friend class WriteCollector;
};

class SymbolicValues {
public:
  SymbolicValues(const clang::FunctionDecl &FD, clang::ASTContext &Ctx);

  /// The value of an integer (or enum, or bool) expression.
  SymbolicValue value(const clang::Expr *E) const;
  /// value(E) with every sum taken by its leading terms as it is built:
  /// (H - KH + 1) * (W - KW + 1) is H * W. How E grows, for complexity.
  SymbolicValue leadingValue(const clang::Expr *E) const;
  /// The symbolic name of an lvalue that names memory the function does not
  /// write ("n", "this->rows", "cfg->k", "v.size()"); none otherwise.
  std::optional<std::string> nameOf(const clang::Expr *E) const;
  /// The name of an object argument rooted at a parameter, a global or
  /// `this` ("cfg", "this->w"), whether or not the body writes it: what a
  /// callee's symbols on the matching parameter are renamed with.
  std::optional<std::string> objectName(const clang::Expr *E) const;
  /// The name footprints know an array by: a variable (locals too) or a
  /// member path from one or from `this` ("A", "this->w", "net->layer.w").
  std::optional<std::string> arrayName(const clang::Expr *E) const;
  /// What replaces "this->" in a callee for a member call on Object:
  /// "this->", "layer.", "net->"; none when Object has no symbolic name.
  std::optional<std::string> thisPrefixFor(const clang::Expr *Object,
                                           bool IsArrow) const;

  /// While a loop is analysed, its counter reads as this symbol.
  void bindCounter(const clang::VarDecl *D, std::string Symbol);
  void unbindCounter(const clang::VarDecl *D);
  /// Whether E mentions the symbol of a bound counter.
  bool mentionsCounter(const Expr &E) const;
  /// A fresh symbol for a counter named Name (unique among bound ones).
  std::string counterSymbol(llvm::StringRef Name) const;

  /// The value a variable has when Loop starts, if every write to it is
  /// inside Loop (so the value before the loop is its parameter value or
  /// its initializer).
  SymbolicValue entryValue(const clang::VarDecl *D,
                           const clang::Stmt *Loop) const;

  const WriteMap &writes() const { return Writes; }
  clang::ASTContext &context() const { return Ctx; }

private:
  SymbolicValue valueOfDecl(const clang::VarDecl *D) const;

  const clang::FunctionDecl &FD;
  clang::ASTContext &Ctx;
  WriteMap Writes;
  llvm::DenseMap<const clang::VarDecl *, std::string> Counters;
  /// Locals whose initializer is being evaluated (breaks cycles).
  mutable llvm::DenseSet<const clang::VarDecl *> InProgress;
  /// Set while leadingValue evaluates.
  mutable bool Leading = false;
};

} // namespace frugal::analysis

#endif // FRUGAL_TOOLS_FRUGAL_ANALYZE_SYMBOLICVALUES_H
