//===- LoopBounds.cpp - Trip counts of loops ------------------------------===//

#include "LoopBounds.h"
#include "SymbolicValues.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace frugal::analysis {

namespace {

const VarDecl *counterOf(const clang::Expr *E) {
  if (const auto *DR = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return dyn_cast<VarDecl>(DR->getDecl());
  return nullptr;
}

/// How a loop moves its counter.
struct Step {
  enum Kind { Add, Multiply, Divide };
  Step(Kind K, int64_t By, std::optional<Expr> SymbolicBy = std::nullopt)
      : K(K), By(By), SymbolicBy(std::move(SymbolicBy)) {}
  Kind K = Add;
  int64_t By = 0; // Add: signed step; Multiply/Divide: factor >= 2
  /// Add by a symbolic amount (i += bs), taken to be positive; By is 0.
  std::optional<Expr> SymbolicBy;
};

std::optional<int64_t> constantOf(const clang::Expr *E,
                                  const SymbolicValues &Values) {
  SymbolicValue V = Values.value(E);
  return V ? V.Value->integerValue() : std::nullopt;
}

/// The step one expression applies to Counter, if it is one.
std::optional<Step> stepOf(const clang::Expr *E, const VarDecl *Counter,
                           const SymbolicValues &Values) {
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (!U->isIncrementDecrementOp() || counterOf(U->getSubExpr()) != Counter)
      return std::nullopt;
    return Step{Step::Add, U->isIncrementOp() ? 1 : -1};
  }
  const auto *B = dyn_cast<BinaryOperator>(E);
  if (!B)
    return std::nullopt;
  if (B->getOpcode() == BO_Comma) {
    if (auto S = stepOf(B->getLHS(), Counter, Values))
      return S;
    return stepOf(B->getRHS(), Counter, Values);
  }
  if (!B->isAssignmentOp() || counterOf(B->getLHS()) != Counter)
    return std::nullopt;
  BinaryOperatorKind Op = B->getOpcode();
  const clang::Expr *Amount = B->getRHS();
  if (Op == BO_Assign) {
    // i = i + c, i = i * 2, i = i / 2, i = i >> 1
    const auto *R =
        dyn_cast<BinaryOperator>(B->getRHS()->IgnoreParenImpCasts());
    if (!R || counterOf(R->getLHS()) != Counter)
      return std::nullopt;
    Op = R->getOpcode();
    Amount = R->getRHS();
    switch (Op) {
    case BO_Add:
      Op = BO_AddAssign;
      break;
    case BO_Sub:
      Op = BO_SubAssign;
      break;
    case BO_Mul:
      Op = BO_MulAssign;
      break;
    case BO_Div:
      Op = BO_DivAssign;
      break;
    case BO_Shl:
      Op = BO_ShlAssign;
      break;
    case BO_Shr:
      Op = BO_ShrAssign;
      break;
    default:
      return std::nullopt;
    }
  }
  std::optional<int64_t> C = constantOf(Amount, Values);
  if (!C) {
    // i += bs with a size bs: a positive step of unknown size.
    SymbolicValue V = Values.value(Amount);
    if (V && Op == BO_AddAssign && !Values.mentionsCounter(*V.Value))
      return Step{Step::Add, 0, *V.Value};
    return std::nullopt;
  }
  switch (Op) {
  case BO_AddAssign:
    return Step{Step::Add, *C};
  case BO_SubAssign:
    return Step{Step::Add, -*C};
  case BO_MulAssign:
    return *C >= 2 ? std::optional(Step{Step::Multiply, *C}) : std::nullopt;
  case BO_DivAssign:
    return *C >= 2 ? std::optional(Step{Step::Divide, *C}) : std::nullopt;
  case BO_ShlAssign:
    return *C >= 1 ? std::optional(Step{Step::Multiply, 2}) : std::nullopt;
  case BO_ShrAssign:
    return *C >= 1 ? std::optional(Step{Step::Divide, 2}) : std::nullopt;
  default:
    return std::nullopt;
  }
}

/// Whether the body can leave the loop other than through its condition.
/// Breaks inside nested loops or switches leave only those.
const char *earlyExit(const Stmt *S, bool InNested) {
  if (!S)
    return nullptr;
  if (isa<ReturnStmt>(S))
    return "early exit (return)";
  if (isa<GotoStmt>(S) || isa<IndirectGotoStmt>(S))
    return "early exit (goto)";
  if (isa<CXXThrowExpr>(S))
    return "early exit (throw)";
  if (isa<BreakStmt>(S) && !InNested)
    return "early exit (break)";
  if (isa<LambdaExpr>(S))
    return nullptr;
  bool Nested = InNested || isa<ForStmt>(S) || isa<WhileStmt>(S) ||
                isa<DoStmt>(S) || isa<CXXForRangeStmt>(S) || isa<SwitchStmt>(S);
  for (const Stmt *Child : S->children())
    if (const char *Why = earlyExit(Child, Nested))
      return Why;
  return nullptr;
}

/// A comparison of the counter: Counter Op Bound.
struct Comparison {
  BinaryOperatorKind Op;
  const clang::Expr *Bound;
  int64_t Offset = 0; // the condition was Counter + Offset Op Bound
};

BinaryOperatorKind flipped(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT:
    return BO_GT;
  case BO_GT:
    return BO_LT;
  case BO_LE:
    return BO_GE;
  case BO_GE:
    return BO_LE;
  default:
    return Op;
  }
}

/// Counter + k, or Counter alone.
bool isCounterPlus(const clang::Expr *E, const VarDecl *Counter, int64_t &K,
                   const SymbolicValues &Values) {
  E = E->IgnoreParenImpCasts();
  if (counterOf(E) == Counter) {
    K = 0;
    return true;
  }
  const auto *B = dyn_cast<BinaryOperator>(E);
  if (!B || (B->getOpcode() != BO_Add && B->getOpcode() != BO_Sub) ||
      counterOf(B->getLHS()) != Counter)
    return false;
  std::optional<int64_t> C = constantOf(B->getRHS(), Values);
  if (!C)
    return false;
  K = B->getOpcode() == BO_Add ? *C : -*C;
  return true;
}

std::optional<Comparison> comparisonOf(const clang::Expr *E,
                                       const VarDecl *Counter,
                                       const SymbolicValues &Values) {
  const auto *B = dyn_cast<BinaryOperator>(E->IgnoreParenImpCasts());
  if (!B || !B->isComparisonOp() || B->getOpcode() == BO_EQ)
    return std::nullopt;
  int64_t K = 0;
  if (isCounterPlus(B->getLHS(), Counter, K, Values))
    return Comparison{B->getOpcode(), B->getRHS(), K};
  if (isCounterPlus(B->getRHS(), Counter, K, Values))
    return Comparison{flipped(B->getOpcode()), B->getLHS(), K};
  return std::nullopt;
}

/// Splits a && b && c into its conjuncts.
void conjuncts(const clang::Expr *E,
               llvm::SmallVectorImpl<const clang::Expr *> &Out) {
  E = E->IgnoreParenImpCasts();
  if (const auto *B = dyn_cast<BinaryOperator>(E))
    if (B->getOpcode() == BO_LAnd) {
      conjuncts(B->getLHS(), Out);
      conjuncts(B->getRHS(), Out);
      return;
    }
  Out.push_back(E);
}

/// The two sides of min(a, b): std::min, fmin, MIN-style a < b ? a : b.
bool minimumOf(const clang::Expr *E, const clang::Expr *&A,
               const clang::Expr *&B) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *F = Call->getDirectCallee();
    if (F && Call->getNumArgs() == 2 && F->getDeclName().isIdentifier() &&
        (F->getName() == "min" || F->getName() == "fmin")) {
      A = Call->getArg(0);
      B = Call->getArg(1);
      return true;
    }
    return false;
  }
  const auto *C = dyn_cast<ConditionalOperator>(E);
  if (!C)
    return false;
  const auto *Cmp =
      dyn_cast<BinaryOperator>(C->getCond()->IgnoreParenImpCasts());
  if (!Cmp || (Cmp->getOpcode() != BO_LT && Cmp->getOpcode() != BO_LE))
    return false;
  // a < b ? a : b, written with the same operands.
  A = C->getTrueExpr();
  B = C->getFalseExpr();
  return true;
}

Expr ceilDiv(const Expr &X, int64_t D) {
  return D == 1 ? X : Expr::floorDiv(X + Expr::number(D - 1), D);
}

LoopBound unknown(std::string Why) {
  LoopBound B;
  B.Reason = std::move(Why);
  return B;
}

/// Trips of a counter going from Start by S while `Counter Op Bound`.
LoopBound countedTrips(const Expr &Start, BinaryOperatorKind Op,
                       const Expr &Bound, Step S, const VarDecl *Counter,
                       const SymbolicValues &Values) {
  LoopBound R;
  R.Conf = Confidence::Exact;
  R.Counter = Counter;
  if (S.K == Step::Multiply) {
    if (Op != BO_LT && Op != BO_LE && Op != BO_NE)
      return unknown("condition and step disagree");
    std::optional<int64_t> From = Start.integerValue();
    if (!From || *From < 1)
      return unknown("geometric counter not starting at a positive constant");
    R.Trips = Expr::log2(Bound) + Expr::number(1);
    R.Conf = Confidence::UpperBound;
    R.Reason = "geometric counter (bounded by log2)";
    // Not every value in between: a superset, for footprints and bounds.
    R.Span = CounterRange{Values.counterSymbol(Counter->getName()), Start,
                          Op == BO_LE ? Bound + Expr::number(1) : Bound};
    return R;
  }
  if (S.K == Step::Divide) {
    if (Op != BO_GT && Op != BO_GE && Op != BO_NE)
      return unknown("condition and step disagree");
    R.Trips = Expr::log2(Start) + Expr::number(1);
    R.Conf = Confidence::UpperBound;
    R.Reason = "halving counter (bounded by log2)";
    R.Span = CounterRange{Values.counterSymbol(Counter->getName()),
                          Op == BO_GE ? Bound : Bound + Expr::number(1),
                          Start + Expr::number(1)};
    return R;
  }
  if (S.SymbolicBy) {
    if (Op != BO_LT && Op != BO_LE)
      return unknown("condition and step disagree");
    const Expr &By = *S.SymbolicBy;
    Expr Hi = Op == BO_LE ? Bound + Expr::number(1) : Bound;
    R.Trips = Expr::quotient(Hi - Start + By - Expr::number(1), By);
    R.Span = CounterRange{Values.counterSymbol(Counter->getName()), Start,
                          Start + (*R.Trips - Expr::number(1)) * By +
                              Expr::number(1)};
    return R;
  }
  if (S.By == 0)
    return unknown("the counter does not move");
  std::string Index = Values.counterSymbol(Counter->getName());
  if (S.By > 0) {
    Expr Hi;
    if (Op == BO_LT || (Op == BO_NE && S.By == 1))
      Hi = Bound;
    else if (Op == BO_LE)
      Hi = Bound + Expr::number(1);
    else
      return unknown("condition and step disagree");
    R.Trips = ceilDiv(Hi - Start, S.By);
    // The last value a strided counter takes is below Hi - 1.
    R.Span = CounterRange{
        Index, Start,
        S.By == 1 ? Hi
                  : Start + (*R.Trips - Expr::number(1)) * Expr::number(S.By) +
                        Expr::number(1)};
    if (S.By == 1)
      R.Range = CounterRange{Index, Start, Hi};
    return R;
  }
  int64_t By = -S.By;
  Expr Lo;
  if (Op == BO_GT || (Op == BO_NE && By == 1))
    Lo = Bound + Expr::number(1);
  else if (Op == BO_GE)
    Lo = Bound;
  else
    return unknown("condition and step disagree");
  R.Trips = ceilDiv(Start - Lo + Expr::number(1), By);
  R.Span = CounterRange{
      Index,
      By == 1 ? Lo : Start - (*R.Trips - Expr::number(1)) * Expr::number(By),
      Start + Expr::number(1)};
  if (By == 1)
    R.Range = CounterRange{Index, Lo, Start + Expr::number(1)};
  return R;
}

/// Counter Op Bound, where Bound may be a minimum (an upper bound then).
LoopBound boundedBy(const Expr &Start, const Comparison &Cmp, Step S,
                    const VarDecl *Counter, const SymbolicValues &Values) {
  auto Adjust = [&](Expr E) { return E - Expr::number(Cmp.Offset); };
  SymbolicValue BoundValue = Values.value(Cmp.Bound);
  if (BoundValue)
    return countedTrips(Start, Cmp.Op, Adjust(*BoundValue.Value), S, Counter,
                        Values);
  const clang::Expr *A = nullptr, *B = nullptr;
  bool Upward =
      S.K == Step::Multiply || (S.K == Step::Add && (S.By > 0 || S.SymbolicBy));
  if (Upward && minimumOf(Cmp.Bound, A, B)) {
    // i < min(a, b) runs at most as often as i < a and as i < b: take the
    // one of lower degree (the block size of a tiled loop).
    // For the footprint, any side bounds the counter's values; one that
    // does not move with an enclosing counter gives the tighter union.
    std::optional<LoopBound> Best, Widest;
    for (const clang::Expr *Side : {A, B}) {
      SymbolicValue V = Values.value(Side);
      if (!V)
        continue;
      LoopBound L =
          countedTrips(Start, Cmp.Op, Adjust(*V.Value), S, Counter, Values);
      if (!L.Trips)
        continue;
      if (!Best || L.Trips->degree() < Best->Trips->degree())
        Best = L;
      if (!Widest || !Values.mentionsCounter(*V.Value))
        Widest = L;
    }
    if (Best) {
      Best->Conf = Confidence::UpperBound;
      Best->Reason = "bound is a minimum; counted with one side";
      // The counter's values are no longer exactly [Lo, Hi).
      Best->Range.reset();
      Best->Span = Widest->Span;
      return *Best;
    }
  }
  return unknown("bound: " + BoundValue.WhyNot);
}

LoopBound forBound(const ForStmt *F, const SymbolicValues &Values) {
  const Stmt *Init = F->getInit();
  const VarDecl *Counter = nullptr;
  const clang::Expr *StartExpr = nullptr;
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(Init)) {
    if (DS->isSingleDecl())
      if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl())) {
        Counter = VD;
        StartExpr = VD->getInit();
      }
  } else if (const auto *B = dyn_cast_or_null<BinaryOperator>(Init)) {
    if (B->getOpcode() == BO_Assign) {
      Counter = counterOf(B->getLHS());
      StartExpr = B->getRHS();
    }
  }
  if (!F->getCond())
    return unknown("no loop condition (exits by break or never)");

  llvm::SmallVector<const clang::Expr *, 2> Parts;
  conjuncts(F->getCond(), Parts);
  // Without an init, the counter is the variable the increment steps.
  if (!Counter && F->getInc()) {
    for (const clang::Expr *P : Parts) {
      const auto *B = dyn_cast<BinaryOperator>(P);
      if (!B || !B->isComparisonOp())
        continue;
      for (const clang::Expr *Side : {B->getLHS(), B->getRHS()})
        if (const VarDecl *V = counterOf(Side))
          if (stepOf(F->getInc(), V, Values))
            Counter = V;
    }
  }
  if (!Counter)
    return unknown("no recognised loop counter");
  if (!Counter->getType()->isIntegerType())
    return unknown("non-integer loop counter");
  std::optional<Step> S =
      F->getInc() ? stepOf(F->getInc(), Counter, Values) : std::nullopt;
  if (!S)
    return unknown("no constant step of the counter");
  if (Values.writes().writesIn(Counter, F->getBody()))
    return unknown("counter modified in the body");

  std::optional<Comparison> Cmp;
  bool Extra = false;
  for (const clang::Expr *P : Parts) {
    std::optional<Comparison> C;
    if (!Cmp && (C = comparisonOf(P, Counter, Values)))
      Cmp = C;
    else
      Extra = true;
  }
  if (!Cmp)
    return unknown("condition does not compare the counter with a bound");

  SymbolicValue Start =
      StartExpr ? Values.value(StartExpr) : Values.entryValue(Counter, F);
  if (!Start)
    return unknown("start: " + Start.WhyNot);
  LoopBound R = boundedBy(*Start.Value, *Cmp, *S, Counter, Values);
  if (!R.Trips)
    return R;
  if (Extra) {
    R.Conf = worse(R.Conf, Confidence::UpperBound);
    R.Reason = "data-dependent extra exit condition";
  }
  if (const char *Why = earlyExit(F->getBody(), false)) {
    R.Conf = worse(R.Conf, Confidence::UpperBound);
    R.Reason = Why;
  }
  return R;
}

/// Whether S contains a halving: x / 2, x >> 1, x /= 2 or x >>= 1.
bool halves(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *B = dyn_cast<BinaryOperator>(S)) {
    BinaryOperatorKind Op = B->getOpcode();
    if (Op == BO_Div || Op == BO_Shr || Op == BO_DivAssign ||
        Op == BO_ShrAssign)
      if (const auto *L =
              dyn_cast<IntegerLiteral>(B->getRHS()->IgnoreParenImpCasts()))
        if (L->getValue() == ((Op == BO_Div || Op == BO_DivAssign) ? 2 : 1))
          return true;
  }
  for (const Stmt *Child : S->children())
    if (halves(Child))
      return true;
  return false;
}

/// while/do loops: a counter with one unconditional step in the body, a
/// halving variable, or a binary search's [lo, hi) interval.
LoopBound conditionBound(const Stmt *Loop, const clang::Expr *Cond,
                         const Stmt *Body, const SymbolicValues &Values);

/// while (i < n && a[i] != 0): the counted conjunct bounds the loop, the
/// others can only end it sooner.
LoopBound conjunctionBound(const Stmt *Loop, const clang::Expr *Cond,
                           const Stmt *Body, const SymbolicValues &Values) {
  llvm::SmallVector<const clang::Expr *, 2> Parts;
  conjuncts(Cond, Parts);
  LoopBound First = unknown("data-dependent exit condition");
  for (const clang::Expr *P : Parts) {
    LoopBound B = conditionBound(Loop, P, Body, Values);
    if (!B.Trips) {
      if (First.Reason == "data-dependent exit condition")
        First = B;
      continue;
    }
    B.Conf = worse(B.Conf, Confidence::UpperBound);
    B.Reason = "data-dependent extra exit condition";
    return B;
  }
  return First;
}

LoopBound conditionBound(const Stmt *Loop, const clang::Expr *Cond,
                         const Stmt *Body, const SymbolicValues &Values) {
  if (const auto *And = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts());
      And && And->getOpcode() == BO_LAnd)
    return conjunctionBound(Loop, Cond, Body, Values);
  const auto *B = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts());
  if (!B || !B->isComparisonOp())
    return unknown("data-dependent exit condition");
  const VarDecl *L = counterOf(B->getLHS());
  const VarDecl *R = counterOf(B->getRHS());
  const WriteMap &W = Values.writes();
  unsigned LW = L ? W.writesIn(L, Body) : 0;
  unsigned RW = R ? W.writesIn(R, Body) : 0;

  // Binary search: both ends move, towards a midpoint.
  if (L && R && LW && RW) {
    if (!halves(Body))
      return unknown("data-dependent exit condition");
    SymbolicValue Lo = Values.entryValue(L, Loop);
    SymbolicValue Hi = Values.entryValue(R, Loop);
    if (!Lo || !Hi)
      return unknown("interval bounds: " + (Lo ? Hi.WhyNot : Lo.WhyNot));
    Expr Lower = *Lo.Value, Upper = *Hi.Value;
    BinaryOperatorKind Op = B->getOpcode();
    if (Op == BO_GT || Op == BO_GE)
      std::swap(Lower, Upper);
    // [lo, hi) holds hi - lo elements, [lo, hi] one more; halving a range
    // of s elements takes at most log2(s) + 1 steps.
    Expr Size = Upper - Lower;
    if (Op == BO_LE || Op == BO_GE)
      Size += Expr::number(1);
    LoopBound Res;
    Res.Trips = Expr::log2(Size) + Expr::number(1);
    Res.Conf = Confidence::UpperBound;
    Res.Reason = "interval halving (bounded by log2)";
    return Res;
  }
  const VarDecl *Counter = LW ? L : (RW ? R : nullptr);
  if (!Counter || (LW && RW))
    return unknown("data-dependent exit condition");
  if (W.writesIn(Counter, Body) != 1)
    return unknown("counter modified more than once in the body");
  // The one step must run on every iteration: a statement of the body.
  std::optional<Step> S;
  const auto *CS = dyn_cast<CompoundStmt>(Body);
  for (const Stmt *Child : CS ? CS->body() : llvm::ArrayRef<Stmt *>())
    if (const auto *E = dyn_cast<clang::Expr>(Child))
      if ((S = stepOf(E, Counter, Values)))
        break;
  if (!S && isa<clang::Expr>(Body))
    S = stepOf(cast<clang::Expr>(Body), Counter, Values);
  if (!S)
    return unknown("counter not stepped by a constant on every iteration");
  std::optional<Comparison> Cmp = comparisonOf(Cond, Counter, Values);
  if (!Cmp)
    return unknown("data-dependent exit condition");
  SymbolicValue Start = Values.entryValue(Counter, Loop);
  if (!Start)
    return unknown("start: " + Start.WhyNot);
  LoopBound Res = boundedBy(*Start.Value, *Cmp, *S, Counter, Values);
  // The step may come before uses of the counter: no exact range.
  Res.Range.reset();
  if (const char *Why = earlyExit(Body, false); Res.Trips && Why) {
    Res.Conf = worse(Res.Conf, Confidence::UpperBound);
    Res.Reason = Why;
  }
  return Res;
}

LoopBound rangeBound(const CXXForRangeStmt *F, const SymbolicValues &Values) {
  const clang::Expr *Range = F->getRangeInit();
  if (!Range)
    return unknown("range size not known");
  LoopBound R;
  QualType T = Range->getType();
  if (const auto *CA = Values.context().getAsConstantArrayType(T)) {
    R.Trips = Expr::number(int64_t(CA->getSize().getZExtValue()));
  } else if (const auto *IL = dyn_cast<InitListExpr>(Range->IgnoreImplicit())) {
    R.Trips = Expr::number(IL->getNumInits());
  } else if (std::optional<std::string> Name = Values.nameOf(Range)) {
    R.Trips = Expr::symbol(*Name + ".size()");
  } else {
    return unknown("range size not known");
  }
  R.Conf = Confidence::Exact;
  if (const char *Why = earlyExit(F->getBody(), false)) {
    R.Conf = Confidence::UpperBound;
    R.Reason = Why;
  }
  return R;
}

} // namespace

LoopBound boundOf(const Stmt *Loop, const SymbolicValues &Values) {
  if (const auto *F = dyn_cast<ForStmt>(Loop))
    return forBound(F, Values);
  if (const auto *W = dyn_cast<WhileStmt>(Loop))
    return W->getCond() ? conditionBound(W, W->getCond(), W->getBody(), Values)
                        : unknown("no loop condition");
  if (const auto *D = dyn_cast<DoStmt>(Loop))
    return conditionBound(D, D->getCond(), D->getBody(), Values);
  if (const auto *R = dyn_cast<CXXForRangeStmt>(Loop))
    return rangeBound(R, Values);
  return unknown("not a loop");
}

} // namespace frugal::analysis
