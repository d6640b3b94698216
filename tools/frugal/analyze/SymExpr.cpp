//===- SymExpr.cpp - Symbolic cost expressions ----------------------------===//
//
// Representation: an Expr points (through Impl) at an immutable, shared Poly,
// so copies are cheap; a null Impl is zero. A Poly is a sorted vector of
// terms, each an exact fraction times a monomial; a monomial is a sorted
// list of (atom, exponent) factors. Atoms are immutable and shared too, and
// carry a canonical key (an unambiguous string built from their structure)
// that orders them and decides their equality.
//
// Coefficient arithmetic is done in 128 bits and the reduced result checked
// against int64 (__builtin_*_overflow for the int64 steps), so overflow is
// reported only when the exact result does not fit.
//
//===----------------------------------------------------------------------===//

#include "SymExpr.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/bit.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

using namespace llvm;

namespace frugal::analysis {

namespace {

using Int128 = __int128;

/// An exact fraction N / D: D > 0, reduced, neither is INT64_MIN.
struct Rat {
  int64_t N = 0;
  int64_t D = 1;

  bool isZero() const { return N == 0; }
  bool isInteger() const { return D == 1; }
  friend bool operator==(const Rat &A, const Rat &B) {
    return A.N == B.N && A.D == B.D;
  }
};

Int128 abs128(Int128 V) { return V < 0 ? -V : V; }

Int128 gcd128(Int128 A, Int128 B) {
  A = abs128(A);
  B = abs128(B);
  while (B != 0) {
    Int128 T = A % B;
    A = B;
    B = T;
  }
  return A;
}

/// Reduces N / D into R; false when the result does not fit int64.
bool makeRat(Int128 N, Int128 D, Rat &R) {
  if (D == 0)
    return false;
  if (D < 0) {
    N = -N;
    D = -D;
  }
  Int128 G = gcd128(N, D);
  if (G > 1) {
    N /= G;
    D /= G;
  }
  if (N == 0)
    D = 1;
  if (N > INT64_MAX || N < -INT64_MAX || D > INT64_MAX)
    return false;
  R.N = static_cast<int64_t>(N);
  R.D = static_cast<int64_t>(D);
  return true;
}

bool ratAdd(const Rat &A, const Rat &B, Rat &R) {
  if (A.D == 1 && B.D == 1) {
    int64_t S;
    if (__builtin_add_overflow(A.N, B.N, &S) || S == INT64_MIN)
      return false;
    R = {S, 1};
    return true;
  }
  return makeRat(static_cast<Int128>(A.N) * B.D +
                     static_cast<Int128>(B.N) * A.D,
                 static_cast<Int128>(A.D) * B.D, R);
}

bool ratMul(const Rat &A, const Rat &B, Rat &R) {
  if (A.D == 1 && B.D == 1) {
    int64_t P;
    if (__builtin_mul_overflow(A.N, B.N, &P) || P == INT64_MIN)
      return false;
    R = {P, 1};
    return true;
  }
  return makeRat(static_cast<Int128>(A.N) * B.N, static_cast<Int128>(A.D) * B.D,
                 R);
}

/// floor(V / M) for M > 0.
Int128 floorDiv128(Int128 V, Int128 M) {
  Int128 Q = V / M;
  if (V % M != 0 && V < 0)
    --Q;
  return Q;
}

std::string int128Str(Int128 V) {
  if (V == 0)
    return "0";
  bool Neg = V < 0;
  // |V| fits: callers never pass the minimum.
  Int128 A = abs128(V);
  std::string S;
  while (A != 0) {
    S.push_back(static_cast<char>('0' + static_cast<int>(A % 10)));
    A /= 10;
  }
  if (Neg)
    S.push_back('-');
  std::reverse(S.begin(), S.end());
  return S;
}

/// Div divides by a constant, Quot by a non-constant Expr.
enum class AtomKind : uint8_t { Symbol, Log2, Div, Quot };

struct AtomData {
  AtomKind Kind = AtomKind::Symbol;
  std::string Name; ///< Symbol.
  Expr Arg;         ///< Log2, Div, Quot (the numerator).
  int64_t Den = 0;  ///< Div.
  Expr Divisor;     ///< Quot.
  /// Canonical key: "s<len>:<name>", "l(<poly key>)", "d<D>(<poly key>)",
  /// "q<len>:<numerator poly key><divisor poly key>".
  std::string Key;
};

bool isDivision(AtomKind K) {
  return K == AtomKind::Div || K == AtomKind::Quot;
}
using Atom = std::shared_ptr<const AtomData>;

int atomCmp(const Atom &A, const Atom &B) {
  if (A == B)
    return 0;
  return StringRef(A->Key).compare(B->Key);
}

struct Factor {
  Atom A;
  unsigned Exp = 1;
};
using Monomial = SmallVector<Factor, 2>;

int monoCmp(const Monomial &A, const Monomial &B) {
  size_t N = std::min(A.size(), B.size());
  for (size_t K = 0; K != N; ++K) {
    if (int C = atomCmp(A[K].A, B[K].A))
      return C;
    if (A[K].Exp != B[K].Exp)
      return A[K].Exp < B[K].Exp ? -1 : 1;
  }
  if (A.size() != B.size())
    return A.size() < B.size() ? -1 : 1;
  return 0;
}

/// Product of two monomials; false when an exponent overflows.
bool monoMul(const Monomial &A, const Monomial &B, Monomial &Out) {
  Out.clear();
  Out.reserve(A.size() + B.size());
  size_t I = 0, J = 0;
  while (I != A.size() && J != B.size()) {
    int C = atomCmp(A[I].A, B[J].A);
    if (C < 0) {
      Out.push_back(A[I++]);
    } else if (C > 0) {
      Out.push_back(B[J++]);
    } else {
      unsigned E;
      if (__builtin_add_overflow(A[I].Exp, B[J].Exp, &E))
        return false;
      Out.push_back({A[I].A, E});
      ++I;
      ++J;
    }
  }
  Out.append(A.begin() + I, A.end());
  Out.append(B.begin() + J, B.end());
  return true;
}

struct Term {
  Monomial M;
  Rat C;
};

struct Poly {
  std::vector<Term> Terms; ///< Sorted by monoCmp, no zero coefficients.
  bool Overflow = false;
};

} // namespace

struct Expr::Impl {
  std::shared_ptr<const Poly> P;

  static const Poly *get(const Expr &E) { return E.I ? E.I->P.get() : nullptr; }
  static bool ovf(const Expr &E) {
    const Poly *P = get(E);
    return P && P->Overflow;
  }
  static ArrayRef<Term> terms(const Expr &E) {
    const Poly *P = get(E);
    return P ? ArrayRef<Term>(P->Terms) : ArrayRef<Term>();
  }
  /// Terms must be sorted and free of zero coefficients.
  static Expr make(std::vector<Term> Terms) {
    if (Terms.empty())
      return Expr();
    auto P = std::make_shared<Poly>();
    P->Terms = std::move(Terms);
    return wrap(std::move(P));
  }
  static Expr wrap(std::shared_ptr<const Poly> P) {
    auto I = std::make_unique<Impl>();
    I->P = std::move(P);
    return Expr(std::move(I));
  }
  static Expr poison() {
    static const std::shared_ptr<const Poly> Poisoned = [] {
      auto P = std::make_shared<Poly>();
      P->Overflow = true;
      return P;
    }();
    return wrap(Poisoned);
  }
};

namespace {

using Impl = Expr::Impl;

/// Sorts Terms and merges equal monomials.
Expr fromUnsorted(std::vector<Term> Terms) {
  if (Terms.size() > 1) {
    std::sort(Terms.begin(), Terms.end(), [](const Term &A, const Term &B) {
      return monoCmp(A.M, B.M) < 0;
    });
  }
  std::vector<Term> Out;
  Out.reserve(Terms.size());
  for (Term &T : Terms) {
    if (T.C.isZero())
      continue;
    if (!Out.empty() && monoCmp(Out.back().M, T.M) == 0) {
      if (!ratAdd(Out.back().C, T.C, Out.back().C))
        return Impl::poison();
      if (Out.back().C.isZero())
        Out.pop_back();
      continue;
    }
    Out.push_back(std::move(T));
  }
  return Impl::make(std::move(Out));
}

Expr atomExpr(Atom A) {
  std::vector<Term> Ts(1);
  Ts[0].M.push_back({std::move(A), 1});
  Ts[0].C = {1, 1};
  return Impl::make(std::move(Ts));
}

Expr constant(const Rat &R) {
  if (R.isZero())
    return Expr();
  std::vector<Term> Ts(1);
  Ts[0].C = R;
  return Impl::make(std::move(Ts));
}

/// The constant value of E when E is constant (and not poisoned).
std::optional<Rat> constantRat(const Expr &E) {
  if (Impl::ovf(E))
    return std::nullopt;
  ArrayRef<Term> Ts = Impl::terms(E);
  if (Ts.empty())
    return Rat{0, 1};
  if (Ts.size() == 1 && Ts[0].M.empty())
    return Ts[0].C;
  return std::nullopt;
}

std::string polyKey(const Expr &E) {
  std::string K;
  for (const Term &T : Impl::terms(E)) {
    K += std::to_string(T.C.N);
    K += '/';
    K += std::to_string(T.C.D);
    for (const Factor &F : T.M) {
      K += '[';
      K += F.A->Key;
      K += '^';
      K += std::to_string(F.Exp);
      K += ']';
    }
    K += ';';
  }
  return K;
}

Atom makeSymbolAtom(StringRef Name) {
  auto A = std::make_shared<AtomData>();
  A->Kind = AtomKind::Symbol;
  A->Name = Name.str();
  A->Key = "s" + std::to_string(Name.size()) + ":" + A->Name;
  return A;
}

Atom makeLog2Atom(const Expr &Arg) {
  auto A = std::make_shared<AtomData>();
  A->Kind = AtomKind::Log2;
  A->Arg = Arg;
  A->Key = "l(" + polyKey(Arg) + ")";
  return A;
}

Atom makeDivAtom(const Expr &Num, int64_t Den) {
  auto A = std::make_shared<AtomData>();
  A->Kind = AtomKind::Div;
  A->Arg = Num;
  A->Den = Den;
  A->Key = "d" + std::to_string(Den) + "(" + polyKey(Num) + ")";
  return A;
}

Atom makeQuotAtom(const Expr &Num, const Expr &Den) {
  auto A = std::make_shared<AtomData>();
  A->Kind = AtomKind::Quot;
  A->Arg = Num;
  A->Divisor = Den;
  std::string NK = polyKey(Num);
  A->Key = "q" + std::to_string(NK.size()) + ":" + NK + polyKey(Den);
  return A;
}

/// Multiplies every coefficient by R (monomial order is unchanged).
Expr scale(const Expr &E, const Rat &R) {
  if (Impl::ovf(E))
    return Impl::poison();
  if (R.isZero() || E.isZero())
    return Expr();
  if (R == Rat{1, 1})
    return E;
  std::vector<Term> Out(Impl::terms(E).begin(), Impl::terms(E).end());
  for (Term &T : Out)
    if (!ratMul(T.C, R, T.C))
      return Impl::poison();
  return Impl::make(std::move(Out));
}

Expr add(const Expr &A, const Expr &B) {
  if (Impl::ovf(A) || Impl::ovf(B))
    return Impl::poison();
  if (A.isZero())
    return B;
  if (B.isZero())
    return A;
  ArrayRef<Term> X = Impl::terms(A), Y = Impl::terms(B);
  std::vector<Term> Out;
  Out.reserve(X.size() + Y.size());
  size_t I = 0, J = 0;
  while (I != X.size() && J != Y.size()) {
    int C = monoCmp(X[I].M, Y[J].M);
    if (C < 0) {
      Out.push_back(X[I++]);
    } else if (C > 0) {
      Out.push_back(Y[J++]);
    } else {
      Rat S;
      if (!ratAdd(X[I].C, Y[J].C, S))
        return Impl::poison();
      if (!S.isZero())
        Out.push_back({X[I].M, S});
      ++I;
      ++J;
    }
  }
  Out.insert(Out.end(), X.begin() + I, X.end());
  Out.insert(Out.end(), Y.begin() + J, Y.end());
  return Impl::make(std::move(Out));
}

Expr mul(const Expr &A, const Expr &B) {
  if (Impl::ovf(A) || Impl::ovf(B))
    return Impl::poison();
  if (A.isZero() || B.isZero())
    return Expr();
  if (std::optional<Rat> R = constantRat(A))
    return scale(B, *R);
  if (std::optional<Rat> R = constantRat(B))
    return scale(A, *R);
  ArrayRef<Term> X = Impl::terms(A), Y = Impl::terms(B);
  std::vector<Term> Out;
  Out.reserve(X.size() * Y.size());
  for (const Term &S : X) {
    for (const Term &T : Y) {
      Term P;
      if (!monoMul(S.M, T.M, P.M) || !ratMul(S.C, T.C, P.C))
        return Impl::poison();
      Out.push_back(std::move(P));
    }
  }
  return fromUnsorted(std::move(Out));
}

Expr power(Expr Base, unsigned Exp) {
  Expr Result = Expr::number(1);
  while (Exp != 0) {
    if (Exp & 1)
      Result = mul(Result, Base);
    Exp >>= 1;
    if (Exp != 0)
      Base = mul(Base, Base);
    if (Impl::ovf(Result) || Impl::ovf(Base))
      return Impl::poison();
  }
  return Result;
}

bool atomMentions(const AtomData &A, StringRef Symbol) {
  if (A.Kind == AtomKind::Symbol)
    return A.Name == Symbol;
  return A.Arg.mentions(Symbol) ||
         (A.Kind == AtomKind::Quot && A.Divisor.mentions(Symbol));
}

bool atomMentionsAny(const AtomData &A, const StringMap<Expr> &Values);

bool exprMentionsAny(const Expr &E, const StringMap<Expr> &Values) {
  for (const Term &T : Impl::terms(E))
    for (const Factor &F : T.M)
      if (atomMentionsAny(*F.A, Values))
        return true;
  return false;
}

bool atomMentionsAny(const AtomData &A, const StringMap<Expr> &Values) {
  if (A.Kind == AtomKind::Symbol)
    return Values.count(A.Name) != 0;
  return exprMentionsAny(A.Arg, Values) ||
         (A.Kind == AtomKind::Quot && exprMentionsAny(A.Divisor, Values));
}

Expr substituteAtom(const AtomData &A, const StringMap<Expr> &Values) {
  switch (A.Kind) {
  case AtomKind::Symbol:
    return Values.lookup(A.Name);
  case AtomKind::Log2:
    return Expr::log2(A.Arg.substitute(Values));
  case AtomKind::Div:
    return Expr::floorDiv(A.Arg.substitute(Values), A.Den);
  case AtomKind::Quot:
    return Expr::quotient(A.Arg.substitute(Values),
                          A.Divisor.substitute(Values));
  }
  return Expr();
}

unsigned polyDegree(const Expr &E);

unsigned atomDegree(const AtomData &A) {
  switch (A.Kind) {
  case AtomKind::Symbol:
    return 1;
  case AtomKind::Log2:
  case AtomKind::Div:
    return polyDegree(A.Arg);
  case AtomKind::Quot: {
    unsigned N = polyDegree(A.Arg), D = polyDegree(A.Divisor);
    return N > D ? N - D : 0;
  }
  }
  return 0;
}

unsigned termDegree(const Term &T) {
  unsigned D = 0;
  for (const Factor &F : T.M)
    D += F.Exp * atomDegree(*F.A);
  return D;
}

unsigned polyDegree(const Expr &E) {
  unsigned D = 0;
  for (const Term &T : Impl::terms(E))
    D = std::max(D, termDegree(T));
  return D;
}

void collectSymbols(const Expr &E, std::set<std::string> &Out) {
  for (const Term &T : Impl::terms(E)) {
    for (const Factor &F : T.M) {
      if (F.A->Kind == AtomKind::Symbol) {
        Out.insert(F.A->Name);
        continue;
      }
      collectSymbols(F.A->Arg, Out);
      if (F.A->Kind == AtomKind::Quot)
        collectSymbols(F.A->Divisor, Out);
    }
  }
}

std::optional<double> evalPoly(const Expr &E, const StringMap<double> &Values) {
  if (Impl::ovf(E))
    return std::nullopt;
  double Sum = 0;
  for (const Term &T : Impl::terms(E)) {
    double V = static_cast<double>(T.C.N) / static_cast<double>(T.C.D);
    for (const Factor &F : T.M) {
      double X;
      switch (F.A->Kind) {
      case AtomKind::Symbol: {
        auto It = Values.find(F.A->Name);
        if (It == Values.end())
          return std::nullopt;
        X = It->second;
        break;
      }
      case AtomKind::Log2: {
        std::optional<double> A = evalPoly(F.A->Arg, Values);
        if (!A)
          return std::nullopt;
        X = std::log2(*A);
        break;
      }
      case AtomKind::Div: {
        std::optional<double> A = evalPoly(F.A->Arg, Values);
        if (!A)
          return std::nullopt;
        X = std::floor(*A / static_cast<double>(F.A->Den));
        break;
      }
      case AtomKind::Quot: {
        std::optional<double> A = evalPoly(F.A->Arg, Values);
        std::optional<double> D = evalPoly(F.A->Divisor, Values);
        if (!A || !D || *D == 0)
          return std::nullopt;
        X = std::floor(*A / *D);
        break;
      }
      }
      for (unsigned K = 0; K != F.Exp; ++K)
        V *= X;
    }
    Sum += V;
  }
  return Sum;
}

//===----------------------------------------------------------------------===//
// Printing
//===----------------------------------------------------------------------===//

/// How a factor sorts within a term (and terms among themselves): symbols of
/// SymbolOrder by position, other symbols by name, then log2 atoms, then
/// divisions, by their printed text.
struct FactorKey {
  unsigned Class;
  unsigned Rank;
  StringRef Text;
};

int factorKeyCmp(const FactorKey &A, const FactorKey &B) {
  if (A.Class != B.Class)
    return A.Class < B.Class ? -1 : 1;
  if (A.Class == 0)
    return A.Rank == B.Rank ? 0 : (A.Rank < B.Rank ? -1 : 1);
  return A.Text.compare(B.Text);
}

class Printer {
public:
  explicit Printer(ArrayRef<std::string> Order) {
    for (unsigned K = 0; K != Order.size(); ++K)
      Rank.try_emplace(Order[K], K);
  }

  /// C text of E; IsBareSum says whether it is an unparenthesized sum of
  /// several terms (so that a division of it needs parentheses).
  std::string str(const Expr &E, bool *IsBareSum = nullptr);

  FactorKey symbolKey(StringRef Name) const {
    auto It = Rank.find(Name);
    if (It != Rank.end())
      return {0, It->second, Name};
    return {1, 0, Name};
  }

private:
  const std::string &atomStr(const AtomData &A);
  FactorKey atomKey(const AtomData &A) {
    switch (A.Kind) {
    case AtomKind::Symbol:
      return symbolKey(A.Name);
    case AtomKind::Log2:
      return {2, 0, atomStr(A)};
    case AtomKind::Div:
    case AtomKind::Quot:
      return {3, 0, atomStr(A)};
    }
    return {1, 0, A.Name};
  }
  std::string termStr(Int128 AbsCoef, const Term &T, bool LeadingMinus);
  SmallVector<std::pair<FactorKey, const AtomData *>, 4>
  sortedFactors(const Term &T);

  StringMap<unsigned> Rank;
  // Node-based: FactorKey::Text points into these strings.
  std::map<const AtomData *, std::string> Cache;
};

const std::string &Printer::atomStr(const AtomData &A) {
  if (A.Kind == AtomKind::Symbol)
    return A.Name;
  auto It = Cache.find(&A);
  if (It != Cache.end())
    return It->second;
  std::string S;
  if (A.Kind == AtomKind::Log2) {
    S = "log2(" + str(A.Arg) + ")";
  } else {
    bool IsSum = false;
    std::string Num = str(A.Arg, &IsSum);
    S = IsSum ? "(" + Num + ")" : Num;
    if (A.Kind == AtomKind::Div) {
      S += " / " + std::to_string(A.Den);
    } else {
      // A lone symbol or log2 call needs no parentheses; anything else
      // (a product, a sum, a division) does.
      ArrayRef<Term> DT = Impl::terms(A.Divisor);
      bool Bare = DT.size() == 1 && DT[0].C == Rat{1, 1} &&
                  DT[0].M.size() == 1 && DT[0].M[0].Exp == 1 &&
                  !isDivision(DT[0].M[0].A->Kind);
      std::string D = str(A.Divisor);
      S += " / " + (Bare ? D : "(" + D + ")");
    }
  }
  return Cache[&A] = std::move(S);
}

SmallVector<std::pair<FactorKey, const AtomData *>, 4>
Printer::sortedFactors(const Term &T) {
  SmallVector<std::pair<FactorKey, const AtomData *>, 4> Fs;
  for (const Factor &F : T.M) {
    FactorKey K = atomKey(*F.A);
    for (unsigned E = 0; E != F.Exp; ++E)
      Fs.push_back({K, F.A.get()});
  }
  std::sort(Fs.begin(), Fs.end(), [](const auto &A, const auto &B) {
    return factorKeyCmp(A.first, B.first) < 0;
  });
  return Fs;
}

std::string Printer::termStr(Int128 AbsCoef, const Term &T, bool LeadingMinus) {
  auto Fs = sortedFactors(T);
  if (Fs.empty())
    return (LeadingMinus ? "-" : "") + int128Str(AbsCoef);
  std::string Coef = AbsCoef == 1 ? "" : int128Str(AbsCoef);
  // A division must come first in its product, else `a*x / 32` would divide
  // the whole product; other divisions are parenthesized. Under a leading
  // minus all are parenthesized: `-(x) / 32` would negate the numerator.
  const AtomData *First = nullptr;
  if (!LeadingMinus)
    for (auto &F : Fs)
      if (isDivision(F.second->Kind)) {
        First = F.second;
        break;
      }
  SmallVector<std::string, 4> Parts;
  if (!Coef.empty())
    Parts.push_back(Coef);
  bool SkippedFirst = false;
  for (auto &F : Fs) {
    if (F.second == First && !SkippedFirst) {
      SkippedFirst = true;
      continue;
    }
    const std::string &S = atomStr(*F.second);
    Parts.push_back(isDivision(F.second->Kind) ? "(" + S + ")" : S);
  }
  std::string Rest = join(Parts, "*");
  std::string Out = LeadingMinus ? "-" : "";
  if (First) {
    Out += atomStr(*First);
    if (!Rest.empty())
      Out += " * " + Rest;
    return Out;
  }
  return Out + Rest;
}

std::string Printer::str(const Expr &E, bool *IsBareSum) {
  if (IsBareSum)
    *IsBareSum = false;
  if (Impl::ovf(E))
    return "<overflow>";
  ArrayRef<Term> Ts = Impl::terms(E);
  if (Ts.empty())
    return "0";

  // The least common denominator, when it fits.
  Int128 L = 1;
  for (const Term &T : Ts) {
    L = L / gcd128(L, T.C.D) * T.C.D;
    if (L > INT64_MAX) {
      L = 0;
      break;
    }
  }

  struct Entry {
    const Term *T;
    unsigned Degree;
    SmallVector<FactorKey, 4> Keys;
  };
  std::vector<Entry> Es;
  Es.reserve(Ts.size());
  for (const Term &T : Ts) {
    Entry En{&T, termDegree(T), {}};
    for (auto &F : sortedFactors(T))
      En.Keys.push_back(F.first);
    Es.push_back(std::move(En));
  }
  std::sort(Es.begin(), Es.end(), [](const Entry &A, const Entry &B) {
    if (A.Degree != B.Degree)
      return A.Degree > B.Degree;
    size_t N = std::min(A.Keys.size(), B.Keys.size());
    for (size_t K = 0; K != N; ++K)
      if (int C = factorKeyCmp(A.Keys[K], B.Keys[K]))
        return C < 0;
    if (A.Keys.size() != B.Keys.size())
      return A.Keys.size() > B.Keys.size();
    return monoCmp(A.T->M, B.T->M) < 0;
  });

  std::string Out;
  bool FirstTerm = true;
  for (const Entry &En : Es) {
    const Rat &C = En.T->C;
    Int128 Num = L != 0 ? static_cast<Int128>(C.N) * (L / C.D) : C.N;
    bool Neg = Num < 0;
    std::string TS = termStr(abs128(Num), *En.T, FirstTerm && Neg);
    if (L == 0 && C.D != 1)
      TS += " / " + std::to_string(C.D);
    if (!FirstTerm)
      Out += Neg ? " - " : " + ";
    Out += TS;
    FirstTerm = false;
  }
  if (L > 1) {
    if (Es.size() > 1)
      Out = "(" + Out + ")";
    Out += " / " + int128Str(L);
  } else if (IsBareSum) {
    *IsBareSum = Es.size() > 1;
  }
  return Out;
}

//===----------------------------------------------------------------------===//
// Big-O
//===----------------------------------------------------------------------===//

/// One term's growth: for each symbol its (power, log power). Powers are
/// signed: a quotient by a symbolic divisor contributes negative powers,
/// which cancel inside a product ((n + bs - 1) / bs * bs grows as n). Pairs
/// that are (0, 0) are never stored.
///
/// The rule for logarithms: log2(A) grows as log(s) when A's growth has a
/// single dominant term with a positive power of a single symbol s (log(n),
/// log(n*n + 1), log(n*log(n)) are all log(n)); it is constant when A is.
/// Any other argument ("log(n*m)", "log(n + m)", "log(log(n))") makes the
/// log a pseudo-symbol of its own, named by A's growth and compared only
/// with itself (a power, no log power); it prints after the symbols.
///
/// Terms with a negative coefficient are ignored (a negative term cannot
/// make a non-negative size grow faster), and a term whose pairs are all
/// lexicographically <= (0, 0) grows as O(1).
using ProfileKey = std::pair<bool /*Pseudo*/, std::string>;
using ProfileVal = std::pair<int64_t, int64_t>;
using Profile = std::map<ProfileKey, ProfileVal>;
using ProfileSet = std::vector<Profile>;

constexpr ProfileVal ZeroVal{0, 0};

bool dominates(const Profile &A, const Profile &B) {
  // Symbol by symbol, A's pair >= B's (a missing symbol is (0, 0)).
  for (const auto &[K, V] : B) {
    auto It = A.find(K);
    if ((It == A.end() ? ZeroVal : It->second) < V)
      return false;
  }
  for (const auto &[K, V] : A)
    if (!B.count(K) && V < ZeroVal)
      return false;
  return true;
}

/// Whether every profile of B is dominated by one of A.
bool covers(const ProfileSet &A, const ProfileSet &B) {
  return all_of(B, [&](const Profile &Y) {
    return any_of(A, [&](const Profile &X) { return dominates(X, Y); });
  });
}

/// Drops (0, 0) pairs; a profile that never exceeds (0, 0) becomes O(1).
void normalize(Profile &P) {
  for (auto It = P.begin(); It != P.end();)
    It = It->second == ZeroVal ? P.erase(It) : std::next(It);
}

void clampConstant(Profile &P) {
  if (all_of(P, [](const auto &KV) { return KV.second <= ZeroVal; }))
    P.clear();
}

void prune(ProfileSet &S) {
  std::sort(S.begin(), S.end());
  S.erase(std::unique(S.begin(), S.end()), S.end());
  ProfileSet Out;
  for (size_t I = 0; I != S.size(); ++I) {
    bool Dominated = false;
    for (size_t J = 0; J != S.size() && !Dominated; ++J)
      Dominated = J != I && dominates(S[J], S[I]);
    if (!Dominated)
      Out.push_back(S[I]);
  }
  S = std::move(Out);
}

ProfileSet cross(const ProfileSet &A, const ProfileSet &B) {
  ProfileSet Out;
  for (const Profile &X : A) {
    for (const Profile &Y : B) {
      Profile P = X;
      for (const auto &[K, V] : Y) {
        auto &PV = P[K];
        PV.first += V.first;
        PV.second += V.second;
      }
      normalize(P);
      Out.push_back(std::move(P));
    }
  }
  prune(Out);
  return Out;
}

class BigOPrinter {
public:
  explicit BigOPrinter(ArrayRef<std::string> Order) : P(Order) {}

  /// The growth of one term (its coefficient's sign is not looked at).
  ProfileSet termProfiles(const Term &T) {
    ProfileSet S(1);
    for (const Factor &F : T.M) {
      ProfileSet FS = atomProfiles(*F.A);
      for (unsigned K = 0; K != F.Exp; ++K)
        S = cross(S, FS);
    }
    for (Profile &Pr : S)
      clampConstant(Pr);
    prune(S);
    return S;
  }

  /// The growth of E's positive terms.
  ProfileSet profiles(const Expr &E) {
    ProfileSet All;
    for (const Term &T : Impl::terms(E)) {
      if (T.C.N < 0)
        continue;
      ProfileSet S = termProfiles(T);
      All.insert(All.end(), S.begin(), S.end());
    }
    if (All.empty())
      All.emplace_back();
    prune(All);
    return All;
  }

  std::string str(ProfileSet S) {
    struct Entry {
      std::string Text;
      int64_t Deg = 0, LogDeg = 0;
      SmallVector<FactorKey, 4> Keys;
    };
    auto Pow = [](std::string Base, int64_t E) {
      return E > 1 ? Base + "^" + std::to_string(E) : Base;
    };
    std::vector<Entry> Es;
    for (const Profile &Pr : S) {
      Entry En;
      SmallVector<std::pair<FactorKey, ProfileVal>, 4> Syms;
      SmallVector<std::string, 2> Pseudo;
      for (const auto &[K, V] : Pr) {
        if (K.first) {
          bool IsLog = StringRef(K.second).starts_with("log(");
          (IsLog ? En.LogDeg : En.Deg) += V.first;
          Pseudo.push_back(
              Pow(IsLog || V.first == 1 ? K.second : "(" + K.second + ")",
                  V.first));
          continue;
        }
        En.Deg += V.first;
        En.LogDeg += V.second;
        Syms.push_back({P.symbolKey(K.second), V});
      }
      std::sort(Syms.begin(), Syms.end(), [](const auto &A, const auto &B) {
        return factorKeyCmp(A.first, B.first) < 0;
      });
      // Positive powers above the line, negative ones below it.
      SmallVector<std::string, 4> Up, Down;
      for (const auto &[K, V] : Syms) {
        if (V.first > 0) {
          Up.push_back(Pow(K.Text.str(), V.first));
          for (int64_t E = 0; E != V.first; ++E)
            En.Keys.push_back(K);
        } else if (V.first < 0) {
          Down.push_back(Pow(K.Text.str(), -V.first));
        }
      }
      for (const auto &[K, V] : Syms) {
        if (V.second > 0)
          Up.push_back(Pow("log(" + K.Text.str() + ")", V.second));
        else if (V.second < 0)
          Down.push_back(Pow("log(" + K.Text.str() + ")", -V.second));
      }
      Up.append(Pseudo.begin(), Pseudo.end());
      En.Text = Up.empty() ? "1" : join(Up, "*");
      if (!Down.empty())
        En.Text += "/" + (Down.size() > 1 ? "(" + join(Down, "*") + ")"
                                          : Down.front());
      Es.push_back(std::move(En));
    }
    std::sort(Es.begin(), Es.end(), [](const Entry &A, const Entry &B) {
      if (A.Deg != B.Deg)
        return A.Deg > B.Deg;
      if (A.LogDeg != B.LogDeg)
        return A.LogDeg > B.LogDeg;
      size_t N = std::min(A.Keys.size(), B.Keys.size());
      for (size_t K = 0; K != N; ++K)
        if (int C = factorKeyCmp(A.Keys[K], B.Keys[K]))
          return C < 0;
      return A.Text < B.Text;
    });
    SmallVector<std::string, 4> Texts;
    for (const Entry &En : Es)
      Texts.push_back(En.Text);
    return join(Texts, " + ");
  }

private:
  ProfileSet atomProfiles(const AtomData &A) {
    switch (A.Kind) {
    case AtomKind::Symbol: {
      ProfileSet S(1);
      S[0][{false, A.Name}] = {1, 0};
      return S;
    }
    case AtomKind::Div:
      return profiles(A.Arg);
    case AtomKind::Quot: {
      ProfileSet Num = profiles(A.Arg), Den = profiles(A.Divisor);
      if (Den.size() == 1) {
        // Each numerator term divided by the divisor's growth; the terms
        // the divisor dominates contribute O(1).
        ProfileSet S;
        for (const Profile &Pn : Num) {
          if (dominates(Den[0], Pn))
            continue;
          Profile Q = Pn;
          for (const auto &[K, V] : Den[0]) {
            auto &QV = Q[K];
            QV.first -= V.first;
            QV.second -= V.second;
          }
          normalize(Q);
          S.push_back(std::move(Q));
        }
        if (S.empty())
          S.emplace_back();
        prune(S);
        return S;
      }
      // A divisor growing as several terms: an opaque pseudo-symbol.
      std::string NS = str(Num), DS = str(Den);
      if (NS.find(' ') != std::string::npos)
        NS = "(" + NS + ")";
      ProfileSet S(1);
      S[0][{true, NS + "/(" + DS + ")"}] = {1, 0};
      return S;
    }
    case AtomKind::Log2: {
      ProfileSet Inner = profiles(A.Arg);
      if (Inner.size() == 1 && Inner[0].empty())
        return Inner; // The log of a constant.
      ProfileSet S(1);
      if (Inner.size() == 1 && Inner[0].size() == 1 &&
          !Inner[0].begin()->first.first &&
          Inner[0].begin()->second.first > 0) {
        // log(n^k * log(n)^j) grows as log(n).
        S[0][{false, Inner[0].begin()->first.second}] = {0, 1};
        return S;
      }
      S[0][{true, "log(" + str(Inner) + ")"}] = {1, 0};
      return S;
    }
    }
    return ProfileSet(1);
  }

  Printer P;
};

/// Faulhaber: S_k(x) = sum_{i=0}^{x-1} i^k = sum_p F[k][p] x^p, k <= 8.
constexpr unsigned MaxSumDegree = 8;

const std::array<std::array<Rat, MaxSumDegree + 2>, MaxSumDegree + 1> &
faulhaber() {
  static const auto Table = [] {
    // Bernoulli numbers with B1 = -1/2 (the convention for sums to x-1).
    const Rat B[MaxSumDegree + 1] = {{1, 1}, {-1, 2}, {1, 6}, {0, 1},  {-1, 30},
                                     {0, 1}, {1, 42}, {0, 1}, {-1, 30}};
    std::array<std::array<Rat, MaxSumDegree + 2>, MaxSumDegree + 1> T{};
    for (unsigned K = 0; K <= MaxSumDegree; ++K) {
      int64_t Binom = 1; // C(K+1, J)
      for (unsigned J = 0; J <= K; ++J) {
        Rat C;
        makeRat(static_cast<Int128>(Binom) * B[J].N,
                static_cast<Int128>(B[J].D) * (K + 1), C);
        T[K][K + 1 - J] = C;
        Binom = Binom * (K + 1 - J) / (J + 1);
      }
    }
    return T;
  }();
  return Table;
}

} // namespace

//===----------------------------------------------------------------------===//
// Expr
//===----------------------------------------------------------------------===//

Expr::Expr() = default;
Expr::Expr(const Expr &O) : I(O.I ? std::make_unique<Impl>(*O.I) : nullptr) {}
Expr::Expr(Expr &&) noexcept = default;
Expr &Expr::operator=(const Expr &O) {
  if (this != &O)
    I = O.I ? std::make_unique<Impl>(*O.I) : nullptr;
  return *this;
}
Expr &Expr::operator=(Expr &&) noexcept = default;
Expr::~Expr() = default;
Expr::Expr(std::unique_ptr<Impl> I) : I(std::move(I)) {}

Expr Expr::number(int64_t Value) {
  if (Value == INT64_MIN)
    return Impl::poison();
  return constant({Value, 1});
}

Expr Expr::fraction(int64_t Num, int64_t Den) {
  Rat R;
  if (!makeRat(Num, Den, R))
    return Impl::poison();
  return constant(R);
}

Expr Expr::symbol(StringRef Name) { return atomExpr(makeSymbolAtom(Name)); }

Expr Expr::log2(const Expr &Arg) {
  if (Impl::ovf(Arg))
    return Impl::poison();
  if (std::optional<Rat> R = constantRat(Arg)) {
    auto IsPow2 = [](int64_t V) { return V > 0 && (V & (V - 1)) == 0; };
    if (R->D == 1 && IsPow2(R->N))
      return number(llvm::countr_zero(static_cast<uint64_t>(R->N)));
    if (R->N == 1 && IsPow2(R->D))
      return number(-static_cast<int64_t>(
          llvm::countr_zero(static_cast<uint64_t>(R->D))));
  }
  return atomExpr(makeLog2Atom(Arg));
}

Expr Expr::floorDiv(const Expr &Num, int64_t Den) {
  if (Impl::ovf(Num) || Den == 0 || Den == INT64_MIN)
    return Impl::poison();
  if (Den < 0)
    return floorDiv(scale(Num, {-1, 1}), -Den);
  if (std::optional<Rat> R = constantRat(Num)) {
    Int128 Q = floorDiv128(R->N, static_cast<Int128>(R->D) * Den);
    return number(static_cast<int64_t>(Q));
  }
  ArrayRef<Term> Ts = Impl::terms(Num);
  // Exact division.
  if (all_of(Ts, [&](const Term &T) {
        return T.C.isInteger() && T.C.N % Den == 0;
      }))
    return scale(Num, {1, Den});
  if (Den == 1)
    return atomExpr(makeDivAtom(Num, Den));

  // Split Num = Den*Q + R, taking the multiples of Den out of positive
  // integer coefficients (of integer-valued terms: no log2), when the rest R
  // stays non-negative: floor((Den*Q + R) / Den) = Q + floor(R / Den).
  std::vector<Term> Q, R;
  for (const Term &T : Ts) {
    bool HasLog = any_of(
        T.M, [](const Factor &F) { return F.A->Kind == AtomKind::Log2; });
    if (T.C.isInteger() && T.C.N >= Den && !HasLog) {
      Q.push_back({T.M, {T.C.N / Den, 1}});
      if (T.C.N % Den != 0)
        R.push_back({T.M, {T.C.N % Den, 1}});
    } else {
      R.push_back(T);
    }
  }
  bool RestNonNegative =
      all_of(R, [](const Term &T) { return T.M.empty() || T.C.N > 0; });
  Expr Rest = Num;
  Expr Whole;
  if (!Q.empty() && RestNonNegative) {
    Whole = Impl::make(std::move(Q));
    Rest = Impl::make(std::move(R));
    if (Rest.isConstant())
      return Whole + floorDiv(Rest, Den);
  }
  // (X / A) / B = X / (A*B).
  ArrayRef<Term> RT = Impl::terms(Rest);
  if (RT.size() == 1 && RT[0].C == Rat{1, 1} && RT[0].M.size() == 1 &&
      RT[0].M[0].Exp == 1 && RT[0].M[0].A->Kind == AtomKind::Div) {
    int64_t D;
    if (!__builtin_mul_overflow(RT[0].M[0].A->Den, Den, &D))
      return Whole + floorDiv(RT[0].M[0].A->Arg, D);
  }
  if (RT.size() == 1 && RT[0].C == Rat{1, 1} && RT[0].M.size() == 1 &&
      RT[0].M[0].Exp == 1 && RT[0].M[0].A->Kind == AtomKind::Quot)
    return Whole +
           quotient(RT[0].M[0].A->Arg, RT[0].M[0].A->Divisor * number(Den));
  return Whole + atomExpr(makeDivAtom(Rest, Den));
}

Expr Expr::quotient(const Expr &Num, const Expr &Den) {
  if (Impl::ovf(Num) || Impl::ovf(Den))
    return Impl::poison();
  if (std::optional<Rat> R = constantRat(Den)) {
    if (!R->isInteger() || R->isZero())
      return Impl::poison();
    return floorDiv(Num, R->N);
  }
  if (Num.isZero())
    return Expr();

  // (X / A) / B = X / (A*B).
  ArrayRef<Term> NT = Impl::terms(Num);
  if (NT.size() == 1 && NT[0].C == Rat{1, 1} && NT[0].M.size() == 1 &&
      NT[0].M[0].Exp == 1 && isDivision(NT[0].M[0].A->Kind)) {
    const AtomData &A = *NT[0].M[0].A;
    return quotient(A.Arg, A.Kind == AtomKind::Div ? number(A.Den) * Den
                                                   : A.Divisor * Den);
  }

  // Canonical form: cancel the common monomial factor and the common
  // rational content (floor(c*M*A / (c*M*B)) = floor(A / B) for c*M != 0),
  // leaving integer coefficients without a common divisor.
  std::vector<Term> N(NT.begin(), NT.end());
  ArrayRef<Term> DT = Impl::terms(Den);
  std::vector<Term> D(DT.begin(), DT.end());
  Monomial Common = N.front().M;
  auto Intersect = [&](const Monomial &M) {
    Monomial Out;
    for (const Factor &F : Common)
      for (const Factor &G : M)
        if (atomCmp(F.A, G.A) == 0)
          Out.push_back({F.A, std::min(F.Exp, G.Exp)});
    Common = std::move(Out);
  };
  for (const Term &T : N)
    Intersect(T.M);
  for (const Term &T : D)
    Intersect(T.M);
  if (!Common.empty()) {
    auto Strip = [&](std::vector<Term> &Ts) {
      for (Term &T : Ts) {
        Monomial Out;
        size_t K = 0;
        for (const Factor &F : T.M) {
          if (K != Common.size() && atomCmp(F.A, Common[K].A) == 0) {
            if (F.Exp != Common[K].Exp)
              Out.push_back({F.A, F.Exp - Common[K].Exp});
            ++K;
            continue;
          }
          Out.push_back(F);
        }
        T.M = std::move(Out);
      }
    };
    Strip(N);
    Strip(D);
  }
  // Content: gcd of the numerators over lcm of the denominators.
  Int128 G = 0, L = 1;
  bool Fits = true;
  for (const std::vector<Term> *Ts : {&N, &D}) {
    for (const Term &T : *Ts) {
      G = gcd128(G, T.C.N);
      L = L / gcd128(L, T.C.D) * T.C.D;
      Fits = Fits && L <= INT64_MAX;
    }
  }
  if (Fits && !(G == 1 && L == 1)) {
    for (std::vector<Term> *Ts : {&N, &D})
      for (Term &T : *Ts)
        // (N / D) / (G / L), exact: G divides N and D divides L.
        Fits = Fits &&
               makeRat(static_cast<Int128>(T.C.N / G) * (L / T.C.D), 1, T.C);
    if (!Fits) { // Leave the division as it came.
      N.assign(NT.begin(), NT.end());
      D.assign(DT.begin(), DT.end());
    }
  }
  // Stripping keeps the monomials' relative order only per list; re-sort.
  Expr Numer = fromUnsorted(std::move(N));
  Expr Denom = fromUnsorted(std::move(D));
  if (Impl::ovf(Numer) || Impl::ovf(Denom))
    return Impl::poison();
  if (std::optional<Rat> R = constantRat(Denom)) {
    // floor(X / (p/q)) = floor(X*q / p).
    if (R->isZero())
      return Impl::poison();
    return floorDiv(scale(Numer, {R->D, 1}), R->N);
  }

  // Numer = c * Denom: the quotient is the number floor(c).
  ArrayRef<Term> X = Impl::terms(Numer), Y = Impl::terms(Denom);
  if (X.size() == Y.size()) {
    Rat C;
    bool Multiple = makeRat(static_cast<Int128>(X[0].C.N) * Y[0].C.D,
                            static_cast<Int128>(X[0].C.D) * Y[0].C.N, C);
    for (size_t K = 0; K != X.size() && Multiple; ++K) {
      Rat P;
      Multiple =
          monoCmp(X[K].M, Y[K].M) == 0 && ratMul(Y[K].C, C, P) && P == X[K].C;
    }
    if (Multiple)
      return number(static_cast<int64_t>(floorDiv128(C.N, C.D)));
  }
  return atomExpr(makeQuotAtom(Numer, Denom));
}

Expr operator+(const Expr &A, const Expr &B) { return add(A, B); }
Expr operator-(const Expr &A, const Expr &B) {
  return add(A, scale(B, {-1, 1}));
}
Expr operator*(const Expr &A, const Expr &B) { return mul(A, B); }
Expr &Expr::operator+=(const Expr &B) { return *this = add(*this, B); }
Expr &Expr::operator-=(const Expr &B) { return *this = *this - B; }
Expr &Expr::operator*=(const Expr &B) { return *this = mul(*this, B); }

bool operator==(const Expr &A, const Expr &B) {
  if (Impl::ovf(A) != Impl::ovf(B))
    return false;
  ArrayRef<Term> X = Impl::terms(A), Y = Impl::terms(B);
  if (X.size() != Y.size())
    return false;
  for (size_t K = 0; K != X.size(); ++K)
    if (!(X[K].C == Y[K].C) || monoCmp(X[K].M, Y[K].M) != 0)
      return false;
  return true;
}

bool Expr::isZero() const {
  return !Impl::ovf(*this) && Impl::terms(*this).empty();
}

bool Expr::isConstant() const { return constantRat(*this).has_value(); }

std::optional<int64_t> Expr::integerValue() const {
  std::optional<Rat> R = constantRat(*this);
  if (!R || !R->isInteger())
    return std::nullopt;
  return R->N;
}

std::optional<double> Expr::constantValue() const {
  std::optional<Rat> R = constantRat(*this);
  if (!R)
    return std::nullopt;
  return static_cast<double>(R->N) / static_cast<double>(R->D);
}

bool Expr::overflowed() const { return Impl::ovf(*this); }

bool Expr::mentions(StringRef Symbol) const {
  for (const Term &T : Impl::terms(*this))
    for (const Factor &F : T.M)
      if (atomMentions(*F.A, Symbol))
        return true;
  return false;
}

std::vector<std::string> Expr::symbols() const {
  std::set<std::string> S;
  collectSymbols(*this, S);
  return std::vector<std::string>(S.begin(), S.end());
}

bool Expr::isPolynomialIn(StringRef Symbol) const {
  for (const Term &T : Impl::terms(*this))
    for (const Factor &F : T.M)
      if (F.A->Kind != AtomKind::Symbol && atomMentions(*F.A, Symbol))
        return false;
  return true;
}

unsigned Expr::degree() const { return polyDegree(*this); }

Expr Expr::substitute(const StringMap<Expr> &Values) const {
  if (Impl::ovf(*this))
    return Impl::poison();
  if (Values.empty())
    return *this;
  std::vector<Term> Out;
  for (const Term &T : Impl::terms(*this)) {
    if (none_of(T.M, [&](const Factor &F) {
          return atomMentionsAny(*F.A, Values);
        })) {
      Out.push_back(T);
      continue;
    }
    Term Kept{{}, T.C};
    Expr Product = number(1);
    for (const Factor &F : T.M) {
      if (atomMentionsAny(*F.A, Values))
        Product = mul(Product, power(substituteAtom(*F.A, Values), F.Exp));
      else
        Kept.M.push_back(F);
    }
    std::vector<Term> KeptTs;
    KeptTs.push_back(std::move(Kept));
    Product = mul(Product, Impl::make(std::move(KeptTs)));
    if (Impl::ovf(Product))
      return Impl::poison();
    ArrayRef<Term> PT = Impl::terms(Product);
    Out.insert(Out.end(), PT.begin(), PT.end());
  }
  return fromUnsorted(std::move(Out));
}

std::optional<double> Expr::evaluate(const StringMap<double> &Values) const {
  return evalPoly(*this, Values);
}

std::string Expr::str(ArrayRef<std::string> SymbolOrder) const {
  return Printer(SymbolOrder).str(*this);
}

json::Value Expr::toJSON(ArrayRef<std::string> SymbolOrder) const {
  if (std::optional<int64_t> V = integerValue())
    return *V;
  return str(SymbolOrder);
}

//===----------------------------------------------------------------------===//
// Sums and growth
//===----------------------------------------------------------------------===//

std::optional<Expr> sumOver(const Expr &Body, StringRef Index, const Expr &Lo,
                            const Expr &Hi) {
  if (Lo.mentions(Index) || Hi.mentions(Index) || !Body.isPolynomialIn(Index))
    return std::nullopt;
  if (Body.overflowed() || Lo.overflowed() || Hi.overflowed())
    return Impl::poison();

  // Body = sum_k C_k * Index^k with C_k free of Index.
  std::vector<std::vector<Term>> Coefs;
  for (const Term &T : Impl::terms(Body)) {
    Term Rest{{}, T.C};
    unsigned K = 0;
    for (const Factor &F : T.M) {
      if (F.A->Kind == AtomKind::Symbol && F.A->Name == Index)
        K = F.Exp;
      else
        Rest.M.push_back(F);
    }
    if (K > MaxSumDegree)
      return std::nullopt;
    if (Coefs.size() <= K)
      Coefs.resize(K + 1);
    Coefs[K].push_back(std::move(Rest));
  }
  if (Coefs.empty())
    return Expr();

  // Diff[p] = Hi^p - Lo^p.
  unsigned MaxP = Coefs.size(); // highest k + 1
  std::vector<Expr> Diff(MaxP + 1);
  Expr HiPow = Expr::number(1), LoPow = Expr::number(1);
  bool LoZero = Lo.isZero();
  for (unsigned P = 1; P <= MaxP; ++P) {
    HiPow = HiPow * Hi;
    if (!LoZero)
      LoPow = LoPow * Lo;
    Diff[P] = LoZero ? HiPow : HiPow - LoPow;
  }

  const auto &F = faulhaber();
  std::vector<Term> Out;
  for (unsigned K = 0; K != Coefs.size(); ++K) {
    if (Coefs[K].empty())
      continue;
    Expr SumK;
    for (unsigned P = 1; P <= K + 1; ++P)
      if (!F[K][P].isZero())
        SumK += scale(Diff[P], F[K][P]);
    Expr Part = fromUnsorted(std::move(Coefs[K])) * SumK;
    if (Part.overflowed())
      return Impl::poison();
    ArrayRef<Term> PT = Impl::terms(Part);
    Out.insert(Out.end(), PT.begin(), PT.end());
  }
  return fromUnsorted(std::move(Out));
}

Expr Expr::dominantTerms() const {
  if (Impl::ovf(*this))
    return Impl::poison();
  BigOPrinter P({});
  std::vector<const Term *> Pos;
  std::vector<ProfileSet> Growth;
  for (const Term &T : Impl::terms(*this)) {
    if (T.C.N <= 0)
      continue;
    Pos.push_back(&T);
    Growth.push_back(P.termProfiles(T));
  }
  std::vector<Term> Out;
  for (size_t I = 0; I != Pos.size(); ++I) {
    bool Dominated = false;
    for (size_t J = 0; J != Pos.size() && !Dominated; ++J)
      Dominated = J != I && covers(Growth[J], Growth[I]) &&
                  !covers(Growth[I], Growth[J]);
    if (!Dominated)
      Out.push_back(*Pos[I]);
  }
  // A subsequence of sorted terms is sorted.
  return Impl::make(std::move(Out));
}

std::string bigO(const Expr &Work, ArrayRef<std::string> SymbolOrder) {
  if (Work.overflowed())
    return "O(?)";
  BigOPrinter P(SymbolOrder);
  return "O(" + P.str(P.profiles(Work)) + ")";
}

std::optional<double> constantRatio(const Expr &Num, const Expr &Den) {
  if (Den.isZero() || Num.overflowed() || Den.overflowed())
    return std::nullopt;
  llvm::StringMap<double> Sample;
  for (const Expr *E : {&Num, &Den})
    for (const std::string &S : E->symbols())
      Sample.try_emplace(S, 1000.0 + 7.0 * Sample.size());
  std::optional<double> N = Num.evaluate(Sample), D = Den.evaluate(Sample);
  if (!N || !D || *D == 0)
    return std::nullopt;
  // The ratio as a fraction P/Q with a small Q (continued fraction), then
  // checked as a polynomial identity.
  double X = *N / *D;
  int64_t P0 = 1, Q0 = 0, P1 = int64_t(std::floor(X)), Q1 = 1;
  double Frac = X - std::floor(X);
  for (int Step = 0; Step < 20; ++Step) {
    if ((Num * Expr::number(Q1) - Den * Expr::number(P1)).isZero())
      return double(P1) / double(Q1);
    if (Frac < 1e-12 || Q1 > 1000000)
      break;
    double Inv = 1.0 / Frac;
    int64_t A = int64_t(std::floor(Inv));
    Frac = Inv - std::floor(Inv);
    int64_t P2 = A * P1 + P0, Q2 = A * Q1 + Q0;
    P0 = P1, Q0 = Q1, P1 = P2, Q1 = Q2;
  }
  return std::nullopt;
}

} // namespace frugal::analysis
