//===- LocalCost.cpp - Loops, operations and memory of one body -----------===//
//
// Walks a body once. Each statement's cost is what one execution of it
// costs; a loop sums its body's cost over the counter's range (so triangular
// nests come out as n*(n-1)/2), or multiplies it by the trip count when the
// body does not depend on the counter. Conditionals count their costlier
// branch (worst-case path). Loads are counted where an lvalue in memory is
// read (clang's LValueToRValue casts), stores where one is assigned; local
// scalars are taken to live in registers.
//
//===----------------------------------------------------------------------===//

#include "LocalCost.h"
#include "ClangIdentity.h"
#include "Footprint.h"
#include "LoopBounds.h"
#include "SymbolicValues.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/StmtOpenMP.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"

#include <array>

using namespace clang;

namespace frugal::analysis {

namespace {

/// The cost of executing a statement once, with the calls it makes.
struct Walked {
  Cost C;
  std::vector<CallSite> Calls;

  Walked &operator+=(Walked &&O) {
    C += O.C;
    for (CallSite &S : O.Calls)
      Calls.push_back(std::move(S));
    return *this;
  }
};

/// The costlier of two branches, quantity by quantity.
Walked costlier(Walked A, Walked B) {
  Walked R;
  R.C = std::move(A.C);
  std::array<Expr *, 13> RA = R.C.scalars(), RB = B.C.scalars();
  for (size_t I = 0; I != RA.size(); ++I)
    *RA[I] = upperMax(*RA[I], *RB[I]);
  for (auto &[Name, E] : B.C.MathCalls) {
    auto [It, New] = R.C.MathCalls.try_emplace(Name, E);
    if (!New)
      It->second = upperMax(It->second, E);
  }
  for (const std::string &U : B.C.Uncounted)
    if (!llvm::is_contained(R.C.Uncounted, U))
      R.C.Uncounted.push_back(U);
  R.Calls = std::move(A.Calls);
  for (CallSite &S : B.Calls)
    R.Calls.push_back(std::move(S));
  return R;
}

std::string lineText(unsigned Line) { return "line " + llvm::utostr(Line); }

/// Whether D is declared in the standard library's namespaces (std, and
/// libstdc++'s __gnu_cxx for its iterators).
bool isStandardLibrary(const Decl *D) {
  const DeclContext *Ctx = D->getDeclContext()->getEnclosingNamespaceContext();
  if (Ctx->isStdNamespace() || cast<Decl>(Ctx)->isInStdNamespace())
    return true;
  for (; Ctx && !Ctx->isTranslationUnit(); Ctx = Ctx->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(Ctx))
      if (NS->getName() == "__gnu_cxx")
        return true;
  return false;
}

/// std::min and std::max: a comparison, inlined; their reference result is
/// an operand, not memory.
bool isMinMax(const FunctionDecl *F) {
  return F->getDeclName().isIdentifier() && isStandardLibrary(F) &&
         (F->getName() == "min" || F->getName() == "max");
}

/// Methods and operators of standard containers and iterators that compile
/// to an address computation or a field read: not calls.
bool isInlineAccessor(const FunctionDecl *F) {
  if (!isStandardLibrary(F))
    return false;
  switch (F->getOverloadedOperator()) {
  case OO_Subscript:
  case OO_Star:
  case OO_Arrow:
  case OO_PlusPlus:
  case OO_MinusMinus:
  case OO_EqualEqual:
  case OO_ExclaimEqual:
  case OO_Plus:
  case OO_Minus:
  case OO_PlusEqual:
  case OO_Less:
    return true;
  default:
    break;
  }
  if (!isa<CXXMethodDecl>(F) || !F->getDeclName().isIdentifier())
    return false;
  return llvm::is_contained(
      std::initializer_list<StringRef>{"size", "data", "begin", "end", "cbegin",
                                       "cend", "front", "back", "at", "empty",
                                       "length", "c_str", "get", "operator[]"},
      F->getName());
}

/// __builtin_expect and friends: hints, not calls.
bool isCompilerHint(StringRef Name) {
  return Name.consume_front("__builtin_") &&
         (Name.starts_with("expect") || Name.starts_with("assume") ||
          Name == "unreachable" || Name == "prefetch" || Name == "constant_p" ||
          Name.ends_with("object_size") || Name.starts_with("va_") ||
          Name.starts_with("is"));
}

/// sizeof(T) of a std container's first template argument.
uint64_t elementBytesOf(const CXXRecordDecl *R, ASTContext &Ctx) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(R);
  if (!Spec || Spec->getTemplateArgs().size() == 0)
    return 0;
  const TemplateArgument &Arg = Spec->getTemplateArgs()[0];
  if (Arg.getKind() != TemplateArgument::Type ||
      Arg.getAsType()->isIncompleteType() || Arg.getAsType()->isDependentType())
    return 0;
  return Ctx.getTypeSizeInChars(Arg.getAsType()).getQuantity();
}

class BodyWalker {
public:
  BodyWalker(const FunctionDecl &FD, ASTContext &Ctx, IdentityBuilder &Ids,
             FunctionSummary &Out)
      : FD(FD), Ctx(Ctx), SM(Ctx.getSourceManager()), Ids(Ids), Out(Out),
        Values(FD, Ctx) {}

  void run() {
    Walked W;
    // A constructor's member initializers run before its body.
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&FD))
      for (const CXXCtorInitializer *I : Ctor->inits()) {
        if (!I->isWritten() || !I->getInit())
          continue;
        if (const FieldDecl *F = I->getMember())
          if (F->getType()->isScalarType())
            W.C.StoreBytes += Expr::number(int64_t(bytesOf(F->getType())));
        expr(I->getInit(), W);
      }
    W += stmt(FD.getBody());
    Out.Self = std::move(W.C);
    Out.Calls = std::move(W.Calls);
    Out.Self.BytesTouched = footprintBytes(Accesses, Out.Self.Uncounted);
    Out.StackBytes = StackBytes;
    Out.SelfConf = Conf;
    Out.SelfReason = Reason;
    Out.SymbolOrder = Out.Params;
    for (const LoopSummary &L : Out.Loops)
      if (L.TripCount)
        for (std::string &Sym : L.TripCount->symbols())
          if (!llvm::is_contained(Out.SymbolOrder, Sym))
            Out.SymbolOrder.push_back(std::move(Sym));
  }

private:
  unsigned line(SourceLocation L) const {
    return L.isValid() ? SM.getExpansionLineNumber(L) : 0;
  }
  void weaken(Confidence C, const std::string &Why) {
    if (C > Conf) {
      Conf = C;
      Reason = Why;
    }
  }
  uint64_t bytesOf(QualType T) const {
    if (T.isNull() || T->isIncompleteType() || T->isDependentType() ||
        T->isVariableArrayType() || T->isFunctionType())
      return 0;
    return Ctx.getTypeSizeInChars(T).getQuantity();
  }

  Walked stmt(const Stmt *S);
  Walked loop(const Stmt *Loop, const Stmt *Init, const Stmt *Body,
              llvm::ArrayRef<const clang::Expr *> PerIteration,
              const CXXForRangeStmt *Range = nullptr);
  Walked switchCases(const SwitchStmt *S);
  Walked repeat(Walked Body, const LoopBound &B, unsigned Line);
  Walked boundedByExtremes(Walked Body, const LoopBound &B,
                           const std::string &Where);
  void expr(const clang::Expr *E, Walked &W);
  void call(const CallExpr *C, Walked &W);
  void construct(const CXXConstructExpr *C, Walked &W);
  void allocate(const CXXNewExpr *N, Walked &W);
  void declare(const VarDecl *D, Walked &W);
  void access(const clang::Expr *LValue, bool Store, Walked &W);
  bool inMemory(const clang::Expr *LValue) const;

  const FunctionDecl &FD;
  ASTContext &Ctx;
  const SourceManager &SM;
  IdentityBuilder &Ids;
  FunctionSummary &Out;
  SymbolicValues Values;
  std::vector<LoopFrame> Loops;
  std::vector<ArrayAccess> Accesses;
  bool RecordAccesses = true;
  Expr StackBytes;
  Confidence Conf = Confidence::Exact;
  std::string Reason;
};

Walked BodyWalker::stmt(const Stmt *S) {
  Walked W;
  if (!S)
    return W;
  if (const auto *E = dyn_cast<clang::Expr>(S)) {
    expr(E, W);
    return W;
  }
  if (const auto *F = dyn_cast<ForStmt>(S))
    return loop(F, F->getInit(), F->getBody(), {F->getCond(), F->getInc()});
  if (const auto *Wh = dyn_cast<WhileStmt>(S))
    return loop(Wh, Wh->getConditionVariableDeclStmt(), Wh->getBody(),
                {Wh->getCond()});
  if (const auto *D = dyn_cast<DoStmt>(S))
    return loop(D, nullptr, D->getBody(), {D->getCond()});
  if (const auto *R = dyn_cast<CXXForRangeStmt>(S)) {
    Walked Init;
    expr(R->getRangeInit(), Init);
    Walked L = loop(R, nullptr, R->getBody(), {}, R);
    Init += std::move(L);
    return Init;
  }
  if (const auto *If = dyn_cast<IfStmt>(S)) {
    W = stmt(If->getInit());
    if (const DeclStmt *CV = If->getConditionVariableDeclStmt())
      W += stmt(CV);
    expr(If->getCond(), W);
    W += costlier(stmt(If->getThen()), stmt(If->getElse()));
    return W;
  }
  if (const auto *D = dyn_cast<DeclStmt>(S)) {
    for (const Decl *Dc : D->decls())
      if (const auto *VD = dyn_cast<VarDecl>(Dc))
        declare(VD, W);
    return W;
  }
  if (const auto *G = dyn_cast<GotoStmt>(S)) {
    // A jump backwards is a loop the analysis cannot count.
    SourceLocation Target = G->getLabel()->getLocation();
    if (SM.isBeforeInTranslationUnit(Target, G->getGotoLoc())) {
      std::string Why = "backward goto at " + lineText(line(G->getGotoLoc())) +
                        " (a loop without a counter)";
      weaken(Confidence::Unknown, Why);
      W.C.Uncounted.push_back(Why + ": repetitions not counted");
    }
    return W;
  }
  if (const auto *D = dyn_cast<OMPExecutableDirective>(S)) {
    // The directive's helper expressions are the compiler's; the user's
    // code is its associated statement.
    if (!D->hasAssociatedStmt())
      return W;
    const Stmt *Inner = D->getAssociatedStmt();
    while (const auto *CS = dyn_cast_or_null<CapturedStmt>(Inner))
      Inner = CS->getCapturedStmt();
    return stmt(Inner);
  }
  if (const auto *C = dyn_cast<CapturedStmt>(S))
    return stmt(C->getCapturedStmt());
  if (const auto *Sw = dyn_cast<SwitchStmt>(S))
    return switchCases(Sw);
  // Compound statements, returns, switches, labels, try blocks: the sum of
  // the parts (a switch: every case, an upper bound).
  for (const Stmt *Child : S->children())
    W += stmt(Child);
  return W;
}

/// A switch whose cases each end in a jump (break, return, ...) runs one
/// of them: the costliest counts. With fallthrough, all of them count.
Walked BodyWalker::switchCases(const SwitchStmt *S) {
  Walked W = stmt(S->getInit());
  if (const DeclStmt *CV = S->getConditionVariableDeclStmt())
    W += stmt(CV);
  expr(S->getCond(), W);
  const auto *Body = dyn_cast_or_null<CompoundStmt>(S->getBody());
  if (!Body) {
    W += stmt(S->getBody());
    return W;
  }
  std::vector<std::vector<const Stmt *>> Cases;
  for (const Stmt *Child : Body->body()) {
    if (isa<SwitchCase>(Child) || Cases.empty())
      Cases.emplace_back();
    while (const auto *Label = dyn_cast<SwitchCase>(Child))
      Child = Label->getSubStmt();
    Cases.back().push_back(Child);
  }
  auto Jumps = [](const Stmt *Last) {
    return isa<BreakStmt>(Last) || isa<ReturnStmt>(Last) ||
           isa<ContinueStmt>(Last) || isa<GotoStmt>(Last) ||
           isa<CXXThrowExpr>(Last);
  };
  bool Separate = true;
  for (size_t I = 0; I + 1 < Cases.size(); ++I)
    Separate &= !Cases[I].empty() && Jumps(Cases[I].back());
  if (!Separate) {
    W += stmt(Body);
    return W;
  }
  Walked Costliest;
  for (const std::vector<const Stmt *> &Case : Cases) {
    Walked One;
    for (const Stmt *Part : Case)
      One += stmt(Part);
    Costliest = costlier(std::move(Costliest), std::move(One));
  }
  W += std::move(Costliest);
  return W;
}

void BodyWalker::declare(const VarDecl *D, Walked &W) {
  if (D->hasLocalStorage() && !isa<ParmVarDecl>(D)) {
    QualType T = D->getType();
    if (T->isVariableArrayType()) {
      // float buf[n][4]: n * 4 * sizeof(float), when n is expressible.
      Expr Elements = Expr::number(1);
      QualType Elem = T;
      bool Known = true;
      while (const ArrayType *AT = Ctx.getAsArrayType(Elem)) {
        if (const auto *V = dyn_cast<VariableArrayType>(AT)) {
          SymbolicValue N = Values.value(V->getSizeExpr());
          if (!N) {
            Known = false;
            break;
          }
          Elements *= *N.Value;
        } else if (const auto *C = dyn_cast<ConstantArrayType>(AT)) {
          Elements *= Expr::number(int64_t(C->getSize().getZExtValue()));
        }
        Elem = AT->getElementType();
      }
      if (Known)
        StackBytes += Elements * Expr::number(int64_t(bytesOf(Elem)));
      else
        Out.Self.Uncounted.push_back(
            "stack: variable-length array '" + D->getNameAsString() + "' at " +
            lineText(line(D->getLocation())) +
            ": size not expressible in the parameters");
    } else {
      StackBytes += Expr::number(int64_t(bytesOf(T)));
    }
  }
  if (const clang::Expr *Init = D->getInit())
    expr(Init, W);
}

Walked BodyWalker::loop(const Stmt *L, const Stmt *Init, const Stmt *Body,
                        llvm::ArrayRef<const clang::Expr *> PerIteration,
                        const CXXForRangeStmt *Range) {
  Walked W = stmt(Init);
  LoopBound B = boundOf(L, Values);
  unsigned Line = line(L->getBeginLoc());
  LoopSummary Summary;
  Summary.Line = Line;
  Summary.Depth = Loops.size() + 1;
  Summary.TripCount = B.Trips;
  Summary.Conf = B.Trips ? B.Conf : Confidence::Unknown;
  Summary.Reason = B.Reason;
  Out.Loops.push_back(std::move(Summary));

  if (B.Counter && B.Span)
    Values.bindCounter(B.Counter, B.Span->Index);
  Loops.push_back(LoopFrame{B.Trips, B.Range, B.Span});
  Walked Iteration;
  if (Range) {
    // The loop variable is read from the range through an iterator: one
    // element per iteration, of the range itself.
    RecordAccesses = false;
    Iteration += stmt(Range->getLoopVarStmt());
    RecordAccesses = true;
    QualType Elem = Range->getLoopVariable()->getType().getNonReferenceType();
    if (std::optional<std::string> Name =
            Values.arrayName(Range->getRangeInit()))
      Accesses.push_back(
          ArrayAccess{*Name, bytesOf(Elem), std::nullopt, Loops, Line});
  }
  Iteration += stmt(Body);
  for (const clang::Expr *E : PerIteration)
    expr(E, Iteration);
  Iteration.C.Iterations += Expr::number(1);
  Iteration.C.Growth += Expr::number(1);
  Loops.pop_back();
  if (B.Counter && B.Span)
    Values.unbindCounter(B.Counter);

  W += repeat(std::move(Iteration), B, Line);
  return W;
}

/// A loop whose counter skips values (a step other than one, a doubling
/// or halving counter) and whose body's cost varies with it: each quantity
/// is bounded by its value at the end of the counter's span where it is
/// larger (compared at a sample size), times the trip count.
Walked BodyWalker::boundedByExtremes(Walked Body, const LoopBound &B,
                                     const std::string &Where) {
  const CounterRange &S = *B.Span;
  llvm::StringMap<double> Sample;
  auto Larger = [&](const Expr &E) {
    if (!E.mentions(S.Index))
      return E;
    Expr AtHi = E.substitute({{S.Index, S.Hi - Expr::number(1)}});
    Expr AtLo = E.substitute({{S.Index, S.Lo}});
    for (const Expr *X : {&AtHi, &AtLo})
      for (const std::string &Sym : X->symbols())
        Sample.try_emplace(Sym, 1024.0);
    std::optional<double> Hi = AtHi.evaluate(Sample);
    std::optional<double> Lo = AtLo.evaluate(Sample);
    return (Hi && Lo && *Lo > *Hi) ? AtLo : AtHi;
  };
  Expr Growth = Larger(Body.C.Growth) * B.Trips->dominantTerms();
  Body.C.forEachQuantity([&](Expr &E) { E = Larger(E) * *B.Trips; });
  Body.C.Growth = Growth;
  Walked R;
  R.C = std::move(Body.C);
  for (CallSite &C : Body.Calls) {
    C.Count = Larger(C.Count) * *B.Trips;
    C.CountConf = worse(C.CountConf, Confidence::UpperBound);
    R.Calls.push_back(std::move(C));
  }
  weaken(Confidence::UpperBound,
         Where + ": its body's cost varies with a counter that skips values "
                 "(bounded by the counter's extreme)");
  return R;
}

Walked BodyWalker::repeat(Walked Body, const LoopBound &B, unsigned Line) {
  std::string Where = "loop at " + lineText(Line);
  auto Uncountable = [&](const std::string &Why) {
    weaken(Confidence::Unknown, Where + ": " + Why);
    Walked R;
    R.C.Uncounted.push_back(
        Where + ": " + Why + "; per iteration " +
        Body.C.flops().str(Out.Params) + " flops, " +
        (Body.C.LoadBytes + Body.C.StoreBytes).str(Out.Params) +
        " bytes moved, not counted");
    for (const std::string &U : Body.C.Uncounted)
      R.C.Uncounted.push_back(U);
    for (CallSite &S : Body.Calls) {
      S.CountConf = Confidence::Unknown;
      R.Calls.push_back(std::move(S));
    }
    return R;
  };
  if (!B.Trips)
    return Uncountable("unknown trip count (" + B.Reason + ")");
  if (B.Conf != Confidence::Exact)
    weaken(B.Conf, Where + ": " + B.Reason);

  // Arguments that vary with the counter: their largest value bounds the
  // call's cost, for costs that grow with their arguments.
  if (B.Span)
    for (CallSite &S : Body.Calls)
      for (size_t I = 0; I != S.Args.size(); ++I) {
        std::optional<Expr> &A = S.Args[I];
        if (!A || !A->mentions(B.Span->Index))
          continue;
        Expr Largest = B.Span->Hi - Expr::number(1);
        A = A->substitute({{B.Span->Index, Largest}});
        if (I < S.LeadingArgs.size() && S.LeadingArgs[I])
          S.LeadingArgs[I] = S.LeadingArgs[I]->substitute(
              {{B.Span->Index, Largest.dominantTerms()}});
        S.CountConf = worse(S.CountConf, Confidence::UpperBound);
      }

  Walked R;
  R.C.Uncounted = std::move(Body.C.Uncounted);
  Body.C.Uncounted.clear();
  bool DependsOnCounter = false;
  if (B.Span) {
    Body.C.forEachQuantity(
        [&](Expr &E) { DependsOnCounter |= E.mentions(B.Span->Index); });
    for (const CallSite &S : Body.Calls)
      DependsOnCounter |= S.Count.mentions(B.Span->Index);
  }
  if (!DependsOnCounter) {
    Cost Scaled = Body.C.scaled(*B.Trips);
    Scaled.Growth = Body.C.Growth * B.Trips->dominantTerms();
    Scaled.Uncounted = std::move(R.C.Uncounted);
    R.C = std::move(Scaled);
    for (CallSite &S : Body.Calls) {
      S.Count = S.Count * *B.Trips;
      R.Calls.push_back(std::move(S));
    }
    return R;
  }
  if (!B.Range)
    return boundedByExtremes(std::move(Body), B, Where);
  const CounterRange &Range = *B.Range;
  bool Summed = true;
  auto Sum = [&](Expr &E) {
    if (std::optional<Expr> S = sumOver(E, Range.Index, Range.Lo, Range.Hi))
      E = *S;
    else
      Summed = false;
  };
  Body.C.forEachQuantity(Sum);
  for (CallSite &S : Body.Calls)
    Sum(S.Count);
  if (!Summed)
    return Uncountable("its body's cost is not a polynomial in the counter");
  Body.C.Uncounted = std::move(R.C.Uncounted);
  R.C = std::move(Body.C);
  R.Calls = std::move(Body.Calls);
  return R;
}

bool BodyWalker::inMemory(const clang::Expr *E) const {
  E = E->IgnoreParens();
  if (isa<ArraySubscriptExpr>(E))
    return true;
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return U->getOpcode() == UO_Deref;
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return M->isArrow() || inMemory(M->getBase());
  if (const auto *DR = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
    return VD && (VD->hasGlobalStorage() || VD->getType()->isReferenceType());
  }
  if (const auto *C = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *F = C->getDirectCallee();
    return E->isGLValue() && !(F && isMinMax(F));
  }
  if (const auto *C = dyn_cast<ImplicitCastExpr>(E))
    return C->getCastKind() == CK_NoOp && inMemory(C->getSubExpr());
  return false;
}

void BodyWalker::access(const clang::Expr *LValue, bool Store, Walked &W) {
  uint64_t Bytes = bytesOf(LValue->getType());
  if (Bytes == 0)
    return;
  (Store ? W.C.StoreBytes : W.C.LoadBytes) += Expr::number(int64_t(Bytes));

  // The footprint: Base[Index] in elements.
  const clang::Expr *E = LValue->IgnoreParens();
  const clang::Expr *Base = nullptr;
  std::optional<Expr> Index;
  auto Offset = [&](const clang::Expr *Ptr, std::optional<Expr> Idx) {
    // (p + k)[i] and *(p + k): base p, index k + i. A local pointer set
    // once (float *Row = X + i * n) stands for its initializer, so rows
    // of one matrix count as that matrix.
    for (int Depth = 0; Depth < 4; ++Depth) {
      Ptr = Ptr->IgnoreParenImpCasts();
      if (const auto *DR = dyn_cast<DeclRefExpr>(Ptr)) {
        const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
        if (VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) &&
            VD->getType()->isPointerType() && VD->getInit() &&
            !Values.writes().isWritten(VD)) {
          const clang::Expr *Init = VD->getInit()->IgnoreParenImpCasts();
          if (isa<DeclRefExpr>(Init) || isa<BinaryOperator>(Init)) {
            Ptr = Init;
            continue;
          }
        }
        break;
      }
      const auto *B = dyn_cast<BinaryOperator>(Ptr);
      if (!B || (B->getOpcode() != BO_Add && B->getOpcode() != BO_Sub))
        break;
      const clang::Expr *P = B->getLHS(), *K = B->getRHS();
      if (!P->getType()->isPointerType())
        std::swap(P, K);
      if (!P->getType()->isPointerType() || !K->getType()->isIntegerType())
        break;
      SymbolicValue KV = Values.value(K);
      if (Idx && KV)
        Idx = B->getOpcode() == BO_Add ? *Idx + *KV.Value : *Idx - *KV.Value;
      else
        Idx.reset();
      Ptr = P;
    }
    Base = Ptr->IgnoreParenImpCasts();
    Index = Idx;
  };
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
    // a[i][j] of a 2-D array: one index i * columns + j.
    SymbolicValue I = Values.value(A->getIdx());
    std::optional<Expr> Idx = I.Value;
    const clang::Expr *Outer = A->getBase()->IgnoreParenImpCasts();
    if (const auto *Row = dyn_cast<ArraySubscriptExpr>(Outer)) {
      const auto *CA = Ctx.getAsConstantArrayType(Row->getType());
      SymbolicValue R = Values.value(Row->getIdx());
      if (CA && R && Idx)
        Idx = *R.Value * Expr::number(int64_t(CA->getSize().getZExtValue())) +
              *Idx;
      else
        Idx.reset();
      Offset(Row->getBase(), Idx);
    } else {
      Offset(A->getBase(), Idx);
    }
  } else if (const auto *U = dyn_cast<UnaryOperator>(E);
             U && U->getOpcode() == UO_Deref) {
    Offset(U->getSubExpr(), Expr::number(0));
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
             Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2) {
    SymbolicValue I = Values.value(Op->getArg(1));
    Base = Op->getArg(0)->IgnoreParenImpCasts();
    Index = I.Value;
  } else {
    return; // a scalar member or global: not an array
  }
  std::optional<std::string> Name = Values.arrayName(Base);
  if (!Name || !RecordAccesses)
    return;
  Accesses.push_back(
      ArrayAccess{*Name, Bytes, Index, Loops, line(LValue->getBeginLoc())});
}

void BodyWalker::expr(const clang::Expr *E, Walked &W) {
  if (!E)
    return;
  if (isa<LambdaExpr>(E) || isa<UnaryExprOrTypeTraitExpr>(E) ||
      isa<CXXNoexceptExpr>(E) || isa<TypeTraitExpr>(E))
    return; // a separate function, or not evaluated
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
      Cast && Cast->getCastKind() == CK_LValueToRValue) {
    const clang::Expr *Sub = Cast->getSubExpr();
    if (inMemory(Sub))
      access(Sub, /*Store=*/false, W);
    expr(Sub, W);
    return;
  }
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    BinaryOperatorKind Op = B->getOpcode();
    const clang::Expr *L = B->getLHS();
    if (B->isAssignmentOp() && inMemory(L)) {
      if (Op != BO_Assign)
        access(L, /*Store=*/false, W);
      access(L, /*Store=*/true, W);
    }
    QualType T = L->getType();
    if (const auto *CA = dyn_cast<CompoundAssignOperator>(B))
      T = CA->getComputationLHSType();
    bool Float = T->isRealFloatingType();
    bool Int = T->isIntegralOrEnumerationType() || T->isBooleanType();
    switch (Op) {
    case BO_Add:
    case BO_AddAssign:
      (Float ? W.C.FAdd : W.C.IntOps) += Expr::number(Float || Int);
      break;
    case BO_Sub:
    case BO_SubAssign:
      (Float ? W.C.FSub : W.C.IntOps) += Expr::number(Float || Int);
      break;
    case BO_Mul:
    case BO_MulAssign:
      (Float ? W.C.FMul : W.C.IntOps) += Expr::number(Float || Int);
      break;
    case BO_Div:
    case BO_DivAssign:
      (Float ? W.C.FDiv : W.C.IntOps) += Expr::number(Float || Int);
      break;
    case BO_Assign:
    case BO_Comma:
    case BO_PtrMemD:
    case BO_PtrMemI:
      break;
    default:
      // %, shifts, bitwise, comparisons and logical operators on integers
      // (floating-point comparisons are not flops, by convention).
      if (Int || Op == BO_LAnd || Op == BO_LOr)
        W.C.IntOps += Expr::number(1);
      break;
    }
    expr(L, W);
    expr(B->getRHS(), W);
    return;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    const clang::Expr *Sub = U->getSubExpr();
    if (U->isIncrementDecrementOp()) {
      QualType T = Sub->getType();
      if (T->isRealFloatingType())
        (U->isIncrementOp() ? W.C.FAdd : W.C.FSub) += Expr::number(1);
      else if (T->isIntegralOrEnumerationType())
        W.C.IntOps += Expr::number(1);
      if (inMemory(Sub)) {
        access(Sub, /*Store=*/false, W);
        access(Sub, /*Store=*/true, W);
      }
    } else if ((U->getOpcode() == UO_Not || U->getOpcode() == UO_LNot) &&
               Sub->getType()->isIntegralOrEnumerationType()) {
      W.C.IntOps += Expr::number(1);
    }
    expr(Sub, W);
    return;
  }
  if (const auto *C = dyn_cast<ConditionalOperator>(E)) {
    expr(C->getCond(), W);
    Walked T, F;
    expr(C->getTrueExpr(), T);
    expr(C->getFalseExpr(), F);
    W += costlier(std::move(T), std::move(F));
    return;
  }
  if (const auto *C = dyn_cast<CallExpr>(E)) {
    call(C, W);
    return;
  }
  if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
    construct(C, W);
    return;
  }
  if (const auto *N = dyn_cast<CXXNewExpr>(E)) {
    allocate(N, W);
    return;
  }
  if (isa<CXXDeleteExpr>(E))
    W.C.Calls += Expr::number(1);
  for (const Stmt *Child : E->children())
    if (const auto *CE = dyn_cast_or_null<clang::Expr>(Child))
      expr(CE, W);
}

void BodyWalker::call(const CallExpr *C, Walked &W) {
  const FunctionDecl *Callee = C->getDirectCallee();
  auto WalkArgs = [&] {
    for (const Stmt *Child : C->children())
      if (const auto *CE = dyn_cast_or_null<clang::Expr>(Child))
        expr(CE, W);
  };
  if (Callee &&
      (isInlineAccessor(Callee) || isCompilerHint(Callee->getNameAsString()))) {
    WalkArgs();
    return;
  }
  if (Callee && isMinMax(Callee)) {
    W.C.IntOps += Expr::number(C->getType()->isIntegralOrEnumerationType());
    // The operands are bound to references and read inside: x[i] in
    // std::max(m, x[i]) is a load.
    for (const clang::Expr *A : C->arguments())
      if (A->isGLValue() && inMemory(A->IgnoreImplicit()))
        access(A->IgnoreImplicit(), /*Store=*/false, W);
    WalkArgs();
    return;
  }
  // Constant-folded calls (INFINITY is __builtin_inff(), a constexpr
  // std::numeric_limits<float>::infinity()) cost nothing at run time.
  if (!C->isValueDependent() && !C->getType()->isVoidType()) {
    clang::Expr::EvalResult R;
    if (C->EvaluateAsRValue(R, Ctx) && !R.HasSideEffects)
      return;
  }
  CallSite Site;
  Site.Line = line(C->getBeginLoc());
  Site.Count = Expr::number(1);
  unsigned FirstArg = 0;
  if (Callee) {
    Site.CalleeName = Callee->getQualifiedNameAsString();
    StringRef Name = Site.CalleeName;
    if (Name.consume_front("__builtin_"))
      Site.CalleeName = Name.str();
    Site.CalleeKey = Ids.key(*Callee);
    if (const auto *M = dyn_cast<CXXMethodDecl>(Callee)) {
      const clang::Expr *Object = nullptr;
      bool Arrow = false;
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C)) {
        Object = MC->getImplicitObjectArgument();
        if (const auto *ME =
                dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens()))
          Arrow = ME->isArrow();
        // A virtual call dispatches at run time unless clang can tell the
        // target (a qualified call, a final class, an object by value).
        if (M->isVirtual()) {
          const auto *ME =
              dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens());
          const CXXMethodDecl *Target =
              ME && ME->hasQualifier()
                  ? M
                  : M->getDevirtualizedMethod(Object, /*IsAppleKext=*/false);
          if (Target) {
            Site.CalleeKey = Ids.key(*Target);
          } else {
            Site.CalleeKey.clear();
            Site.CalleeName += " (virtual)";
          }
        }
      } else if (isa<CXXOperatorCallExpr>(C) && C->getNumArgs() > 0 &&
                 !M->isStatic()) {
        Object = C->getArg(0);
        FirstArg = 1;
      }
      if (Object && !M->isStatic())
        Site.ThisPrefix = Values.thisPrefixFor(Object, Arrow);
      Site.ElementBytes = elementBytesOf(M->getParent(), Ctx);
    }
  } else {
    Site.CalleeName.clear(); // a function pointer: no name to give
  }
  for (unsigned I = FirstArg, N = C->getNumArgs(); I != N; ++I) {
    const clang::Expr *A = C->getArg(I);
    SymbolicValue V = A->getType()->isIntegralOrEnumerationType()
                          ? Values.value(A)
                          : SymbolicValue::none("not an integer");
    Site.Args.push_back(V.Value);
    Site.LeadingArgs.push_back(V ? Values.leadingValue(A).Value : std::nullopt);
    Site.ArgNames.push_back(Values.objectName(A));
  }
  W.C.Calls += Expr::number(1);
  W.Calls.push_back(std::move(Site));
  WalkArgs();
}

void BodyWalker::construct(const CXXConstructExpr *C, Walked &W) {
  const CXXConstructorDecl *Ctor = C->getConstructor();
  const CXXRecordDecl *Class = Ctor->getParent();
  unsigned Line = line(C->getBeginLoc());
  if (Class->isInStdNamespace()) {
    // std::vector<T> v(n): n * sizeof(T) allocated and zeroed.
    StringRef Name = Class->getName();
    if ((Name == "vector" || Name == "basic_string") && C->getNumArgs() > 0 &&
        !isa<CXXDefaultArgExpr>(C->getArg(0)) &&
        C->getArg(0)->getType()->isIntegralOrEnumerationType()) {
      W.C.Calls += Expr::number(1);
      uint64_t Elem = elementBytesOf(Class, Ctx);
      if (SymbolicValue N = Values.value(C->getArg(0))) {
        Expr Bytes = *N.Value * Expr::number(int64_t(Elem));
        W.C.HeapBytes += Bytes;
        W.C.StoreBytes += Bytes;
      } else {
        W.C.Uncounted.push_back("std::" + Name.str() + " at " + lineText(Line) +
                                ": size not expressible in the parameters (" +
                                N.WhyNot + ")");
      }
    }
  } else if (Ctor->isUserProvided() && !Ctor->isTrivial()) {
    CallSite Site;
    Site.Line = Line;
    Site.Count = Expr::number(1);
    Site.CalleeName = Ctor->getQualifiedNameAsString();
    Site.CalleeKey = Ids.key(*Ctor);
    for (const clang::Expr *A : C->arguments()) {
      SymbolicValue V = A->getType()->isIntegralOrEnumerationType()
                            ? Values.value(A)
                            : SymbolicValue::none("not an integer");
      Site.Args.push_back(V.Value);
      Site.LeadingArgs.push_back(V ? Values.leadingValue(A).Value
                                   : std::nullopt);
      Site.ArgNames.push_back(Values.objectName(A));
    }
    W.C.Calls += Expr::number(1);
    W.Calls.push_back(std::move(Site));
  }
  for (const clang::Expr *A : C->arguments())
    expr(A, W);
}

void BodyWalker::allocate(const CXXNewExpr *N, Walked &W) {
  W.C.Calls += Expr::number(1);
  Expr Count = Expr::number(1);
  bool Known = true;
  std::string WhyNot;
  if (N->isArray()) {
    std::optional<const clang::Expr *> Size = N->getArraySize();
    SymbolicValue V =
        Size && *Size ? Values.value(*Size) : SymbolicValue::none("no size");
    if (V)
      Count = *V.Value;
    else {
      Known = false;
      WhyNot = V.WhyNot;
    }
    if (Size && *Size)
      expr(*Size, W);
  }
  if (Known)
    W.C.HeapBytes +=
        Count * Expr::number(int64_t(bytesOf(N->getAllocatedType())));
  else
    W.C.Uncounted.push_back("new[] at " + lineText(line(N->getBeginLoc())) +
                            ": size not expressible in the parameters (" +
                            WhyNot + ")");
  if (const clang::Expr *Init = N->getInitializer())
    expr(Init, W);
}

} // namespace

void analyzeBody(const FunctionDecl &FD, ASTContext &Ctx, IdentityBuilder &Ids,
                 FunctionSummary &Out) {
  if (!FD.getBody())
    return;
  BodyWalker(FD, Ctx, Ids, Out).run();
}

} // namespace frugal::analysis
