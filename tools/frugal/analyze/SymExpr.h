//===- SymExpr.h - Symbolic cost expressions --------------------*- C++ -*-===//
//
// The closed forms `frugal analyze` reports: trip counts, operation counts
// and byte counts as polynomials over a function's parameters (and the
// members and globals it reads), printed in C syntax.
//
// An Expr is a sum of terms, each an exact rational coefficient times a
// product of atoms raised to positive integer powers. An atom is either a
// symbol (a name in C syntax: "n", "this->rows", "cfg->k", "v.size()") or a
// non-polynomial function of other Exprs: log2(E), E / D (C's integer
// division by a positive constant D) or E / F (C's integer division by a
// non-constant, positive F: the tile count (n + bs - 1) / bs). Expressions
// are kept in a canonical form, so == is structural equality and printing
// is deterministic.
//
// Coefficients are int64 fractions. An operation that would overflow them
// poisons the result (overflowed() is true, and stays true through later
// arithmetic); callers then report the quantity as unknown rather than wrong.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_ANALYZE_SYMEXPR_H
#define FRUGAL_TOOLS_FRUGAL_ANALYZE_SYMEXPR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace frugal::analysis {

class Expr {
public:
  /// Zero.
  Expr();
  Expr(const Expr &);
  Expr(Expr &&) noexcept;
  Expr &operator=(const Expr &);
  Expr &operator=(Expr &&) noexcept;
  ~Expr();

  static Expr number(int64_t Value);
  /// Num / Den as an exact fraction (Den != 0), e.g. the 1/2 of n*(n-1)/2.
  static Expr fraction(int64_t Num, int64_t Den);
  static Expr symbol(llvm::StringRef Name);
  /// The base-2 logarithm of Arg (real-valued; callers add 1 or round as
  /// their bound needs). A constant argument that is a power of two folds to
  /// a number.
  static Expr log2(const Expr &Arg);
  /// Num / Den rounded down, as C's integer division of a non-negative Num
  /// by Den > 0. Folds when Num is a constant, or when every coefficient of
  /// Num is a multiple of Den (then it is exact polynomial division).
  static Expr floorDiv(const Expr &Num, int64_t Den);
  /// Num / Den rounded down, as C's integer division of a non-negative Num
  /// by Den > 0, for a symbolic Den. A constant integer Den is floorDiv (a
  /// zero or non-integer constant poisons the result). Otherwise the
  /// division is kept as an atom, printed "(n + bs - 1) / bs" or
  /// "(n + bs - 1) / (2*bs)", after cancelling the monomial factor and the
  /// rational content common to Num and Den (n*bs / (2*bs) is n / 2), and
  /// folding nested divisions ((X / A) / B is X / (A*B)). Folds to a number
  /// when Num is a constant multiple c of Den (floor(c): Num == Den is 1)
  /// and to zero when Num is.
  static Expr quotient(const Expr &Num, const Expr &Den);

  friend Expr operator+(const Expr &A, const Expr &B);
  friend Expr operator-(const Expr &A, const Expr &B);
  friend Expr operator*(const Expr &A, const Expr &B);
  Expr &operator+=(const Expr &B);
  Expr &operator-=(const Expr &B);
  Expr &operator*=(const Expr &B);
  friend bool operator==(const Expr &A, const Expr &B);
  friend bool operator!=(const Expr &A, const Expr &B) { return !(A == B); }

  bool isZero() const;
  bool isConstant() const;
  /// The value when constant and an integer.
  std::optional<int64_t> integerValue() const;
  /// The value when constant (fractions included).
  std::optional<double> constantValue() const;
  /// True when some step overflowed int64 coefficients: the value is lost.
  bool overflowed() const;

  /// Whether Symbol occurs anywhere, inside log2 and divisions (numerators
  /// and divisors) included.
  bool mentions(llvm::StringRef Symbol) const;
  /// Every symbol that occurs, sorted, without duplicates.
  std::vector<std::string> symbols() const;
  /// Whether Symbol occurs only as a polynomial variable (never inside a
  /// log2 or a division), so that sumOver can sum over it.
  bool isPolynomialIn(llvm::StringRef Symbol) const;
  /// Highest total degree of a term (log2 and division atoms count as the
  /// degree of their argument, a symbolic division as the degree of its
  /// numerator less that of its divisor, at least 0; 0 for constants).
  unsigned degree() const;

  /// Replaces symbols by expressions, simultaneously (so {n: m, m: n} swaps),
  /// inside atoms too, folding them again (a symbolic division whose divisor
  /// becomes a constant is a floorDiv). Symbols without an entry stay.
  Expr substitute(const llvm::StringMap<Expr> &Values) const;
  /// The leading positive part of a size: what a trip count grows like
  /// ((h - kh + 1) → h), used for complexity. The terms with a positive
  /// coefficient that no other positive term dominates (the rule of bigO),
  /// coefficients kept: (n*n - n) / 2 → n*n / 2, 2*m*n*k + m*n → 2*m*n*k,
  /// n*m + k*k stays, log2(n) + 1 → log2(n), 5 → 5. Terms of equal growth
  /// are all kept. Zero when no term is positive (-n + 3 → 3, -n → 0).
  Expr dominantTerms() const;
  /// The value with every symbol given a number; nullopt when a symbol has
  /// no value or the expression overflowed (or a symbolic divisor is 0).
  /// log2 is real-valued, divisions round down.
  std::optional<double> evaluate(const llvm::StringMap<double> &Values) const;

  /// C syntax, e.g. "(n*n - n) / 2", "2*m*n*k + m*n", "log2(n) + 1",
  /// "(n + 31) / 32 * 32". Symbols listed in SymbolOrder come first within a
  /// term, in that order (a function's parameter order reads naturally);
  /// the others follow alphabetically. Terms: higher degree first.
  std::string str(llvm::ArrayRef<std::string> SymbolOrder = {}) const;
  /// A JSON number when constant and an integer, else the str() string.
  llvm::json::Value toJSON(llvm::ArrayRef<std::string> SymbolOrder = {}) const;

  struct Impl;

private:
  explicit Expr(std::unique_ptr<Impl> I);
  std::unique_ptr<Impl> I;
};

/// Num / Den when that is the same number for every value of the symbols
/// (2*n / (8*n) is 1/4), as a double; nullopt otherwise or when Den is 0.
/// The ratio is guessed at a sample point and then checked exactly
/// (Num * q == Den * p), so a returned value is never approximate beyond
/// the double's rounding.
std::optional<double> constantRatio(const Expr &Num, const Expr &Den);

/// The sum of Body for Index = Lo, Lo+1, ..., Hi-1 (Faulhaber's formulas),
/// assuming Hi >= Lo. nullopt when Index occurs inside a log2 or a
/// division of Body, when Lo or Hi mention Index, or when Body's degree in
/// Index exceeds 8.
std::optional<Expr> sumOver(const Expr &Body, llvm::StringRef Index,
                            const Expr &Lo, const Expr &Hi);

/// The asymptotic growth of Work over its symbols, treating every symbol as
/// a size that grows: the positive terms no other term dominates, with
/// coefficients dropped. "O(1)", "O(n)", "O(n^2)", "O(m*n*k)", "O(log(n))",
/// "O(n*log(n))", "O(n*m + k^2)". A term dominates another when, symbol by
/// symbol, its (power, log power) pair is at least the other's,
/// lexicographically. Terms with a negative coefficient are ignored (a
/// negative term cannot make a non-negative size grow faster):
/// n*n - n*m is "O(n^2)". Division atoms by a constant count as their
/// numerator. A division by a symbolic divisor growing as a single term d
/// counts as each numerator term divided by d, dropping those d dominates:
/// (n + bs - 1) / bs is "O(n/bs)", and exponents cancel within a product,
/// so (n + bs - 1) / bs * bs * n * n is "O(n^3)"; negative powers print as
/// a division ("O(n^2/bs)"), and a term whose (power, log power) pairs are
/// all <= (0, 0) grows as O(1). A divisor growing as several terms makes
/// the division an opaque factor of its own, as log2 of such an argument
/// does. Symbols ordered as in Expr::str.
std::string bigO(const Expr &Work,
                 llvm::ArrayRef<std::string> SymbolOrder = {});

} // namespace frugal::analysis

#endif // FRUGAL_TOOLS_FRUGAL_ANALYZE_SYMEXPR_H
