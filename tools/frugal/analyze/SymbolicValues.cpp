//===- SymbolicValues.cpp - Integer expressions as symbolic values --------===//

#include "SymbolicValues.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace frugal::analysis {

namespace {

/// Element access and observers do not change a container's size, so
/// calling them does not make `v.size()` unknown.
bool keepsSize(const CXXMethodDecl *M) {
  if (M->isConst())
    return true;
  if (M->getOverloadedOperator() == OO_Subscript)
    return true;
  if (!M->getDeclName().isIdentifier())
    return false;
  return llvm::is_contained(
      std::initializer_list<StringRef>{"at", "data", "begin", "end", "front",
                                       "back", "rbegin", "rend", "size",
                                       "empty", "length"},
      M->getName());
}

bool isStdClass(const CXXRecordDecl *R) { return R && R->isInStdNamespace(); }

} // namespace

/// Records every place the body may write a variable or a named member.
class WriteCollector : public RecursiveASTVisitor<WriteCollector> {
public:
  WriteCollector(WriteMap &Map) : Map(Map) {}

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp())
      record(B->getLHS(), B);
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf)
      record(U->getSubExpr(), U);
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *C) {
    if (C->isAssignmentOp() && C->getNumArgs() > 0)
      record(C->getArg(0), C);
    return true;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *C) {
    const CXXMethodDecl *M = C->getMethodDecl();
    if (M && !keepsSize(M))
      record(C->getImplicitObjectArgument(), C);
    return true;
  }
  bool VisitCallExpr(CallExpr *C) {
    // An argument bound to a non-const reference may be written.
    const FunctionDecl *Callee = C->getDirectCallee();
    if (!Callee)
      return true;
    unsigned N = std::min(C->getNumArgs(), Callee->getNumParams());
    for (unsigned I = 0; I != N; ++I) {
      QualType T = Callee->getParamDecl(I)->getType();
      if (T->isReferenceType() && !T->getPointeeType().isConstQualified())
        record(C->getArg(I), C);
    }
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    // The lambda's body is its own function; a by-reference capture may
    // write the variable from there.
    for (const LambdaCapture &Cap : L->captures())
      if (Cap.capturesVariable() && Cap.getCaptureKind() == LCK_ByRef)
        if (const auto *VD = dyn_cast<VarDecl>(Cap.getCapturedVar()))
          Map.Writes[VD].push_back(L);
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr *L) {
    WalkUpFromLambdaExpr(L);
    return true;
  }

private:
  void record(const clang::Expr *Target, const Stmt *Where) {
    Target = Target->IgnoreParenImpCasts();
    if (const auto *DR = dyn_cast<DeclRefExpr>(Target)) {
      if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl())) {
        Map.Writes[VD].push_back(Where);
        Map.WrittenNames.insert(VD->getName());
      }
      return;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(Target)) {
      // Writing s.x writes the member's name; for a local struct s, s too.
      std::string Name = ME->getMemberDecl()->getNameAsString();
      const clang::Expr *Base = ME->getBase()->IgnoreParenImpCasts();
      Map.WrittenNames.insert(Name);
      if (!ME->isArrow())
        record(Base, Where);
    }
  }

  WriteMap &Map;
};

void WriteMap::collect(const Stmt *Body) {
  WriteCollector C(*this);
  C.TraverseStmt(const_cast<Stmt *>(Body));
}

unsigned WriteMap::writesIn(const VarDecl *D, const Stmt *S) const {
  auto It = Writes.find(D);
  if (It == Writes.end() || !S)
    return 0;
  llvm::DenseSet<const Stmt *> Inside;
  llvm::SmallVector<const Stmt *, 32> Work{S};
  while (!Work.empty()) {
    const Stmt *Cur = Work.pop_back_val();
    Inside.insert(Cur);
    for (const Stmt *Child : Cur->children())
      if (Child)
        Work.push_back(Child);
  }
  unsigned N = 0;
  for (const Stmt *W : It->second)
    N += Inside.contains(W);
  return N;
}

SymbolicValues::SymbolicValues(const FunctionDecl &FD, ASTContext &Ctx)
    : FD(FD), Ctx(Ctx) {
  if (const Stmt *Body = FD.getBody())
    Writes.collect(Body);
}

void SymbolicValues::bindCounter(const VarDecl *D, std::string Symbol) {
  Counters[D] = std::move(Symbol);
}

void SymbolicValues::unbindCounter(const VarDecl *D) { Counters.erase(D); }

SymbolicValue SymbolicValues::leadingValue(const clang::Expr *E) const {
  Leading = true;
  SymbolicValue V = value(E);
  Leading = false;
  return V;
}

bool SymbolicValues::mentionsCounter(const Expr &E) const {
  for (const auto &[D, Sym] : Counters)
    if (E.mentions(Sym))
      return true;
  return false;
}

std::string SymbolicValues::counterSymbol(StringRef Name) const {
  auto Taken = [&](StringRef S) {
    for (const auto &[D, Sym] : Counters)
      if (Sym == S)
        return true;
    for (const ParmVarDecl *P : FD.parameters())
      if (P->getName() == S)
        return true;
    return false;
  };
  if (!Name.empty() && !Taken(Name))
    return Name.str();
  for (unsigned K = 2;; ++K) {
    std::string S = (Name.empty() ? "i" : Name.str()) + "_" + llvm::utostr(K);
    if (!Taken(S))
      return S;
  }
}

/// The name of an lvalue rooted at a parameter, a global or `this`,
/// without checking whether the body writes it.
/// "root", "root->m", "root.m.k": the path of member accesses from `this`
/// or a variable; locals are roots only with AnyRoot, otherwise only
/// parameters and globals are. The body's writes are not checked.
static std::optional<std::string> memberPath(const clang::Expr *E,
                                             bool AnyRoot) {
  E = E->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(E))
    return std::string("this");
  if (const auto *DR = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
    if (!VD || !(AnyRoot || isa<ParmVarDecl>(VD) || VD->hasGlobalStorage()))
      return std::nullopt;
    return VD->getNameAsString();
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    std::optional<std::string> Base = memberPath(ME->getBase(), AnyRoot);
    if (!Base)
      return std::nullopt;
    return *Base + (ME->isArrow() ? "->" : ".") +
           ME->getMemberDecl()->getNameAsString();
  }
  return std::nullopt;
}

std::optional<std::string>
SymbolicValues::arrayName(const clang::Expr *E) const {
  return memberPath(E, /*AnyRoot=*/true);
}

std::optional<std::string>
SymbolicValues::objectName(const clang::Expr *E) const {
  std::optional<std::string> Name = memberPath(E, /*AnyRoot=*/false);
  if (Name && *Name == "this")
    return std::nullopt;
  return Name;
}

std::optional<std::string>
SymbolicValues::thisPrefixFor(const clang::Expr *Object, bool IsArrow) const {
  std::optional<std::string> Name = memberPath(Object, /*AnyRoot=*/false);
  if (!Name)
    return std::nullopt;
  if (*Name == "this")
    return std::string("this->");
  return *Name + (IsArrow ? "->" : ".");
}

std::optional<std::string> SymbolicValues::nameOf(const clang::Expr *E) const {
  E = E->IgnoreParenImpCasts();
  if (const auto *DR = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
    if (!VD || Writes.isWritten(VD))
      return std::nullopt;
    if (isa<ParmVarDecl>(VD) || VD->hasGlobalStorage())
      return VD->getNameAsString();
    return std::nullopt;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (Writes.isNameWritten(ME->getMemberDecl()->getName()))
      return std::nullopt;
    const clang::Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    std::optional<std::string> BaseName =
        isa<CXXThisExpr>(Base) ? std::optional<std::string>("this")
                               : nameOf(Base);
    // A pointer parameter the body advances (p++) names no fixed object.
    if (!BaseName)
      return std::nullopt;
    return *BaseName + (ME->isArrow() ? "->" : ".") +
           ME->getMemberDecl()->getNameAsString();
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (!M || MC->getNumArgs() != 0 || !M->getDeclName().isIdentifier() ||
        (M->getName() != "size" && M->getName() != "length") ||
        !isStdClass(M->getParent()))
      return std::nullopt;
    const clang::Expr *Obj = MC->getImplicitObjectArgument();
    std::optional<std::string> ObjName = nameOf(Obj);
    if (!ObjName)
      return std::nullopt;
    bool Arrow = Obj->getType()->isPointerType();
    return *ObjName + (Arrow ? "->" : ".") + M->getNameAsString() + "()";
  }
  return std::nullopt;
}

static std::string describe(const clang::Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *DR = dyn_cast<DeclRefExpr>(E))
    return "'" + DR->getDecl()->getNameAsString() + "'";
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return "member '" + ME->getMemberDecl()->getNameAsString() + "'";
  return "an expression";
}

SymbolicValue SymbolicValues::valueOfDecl(const VarDecl *D) const {
  auto Counter = Counters.find(D);
  if (Counter != Counters.end())
    return SymbolicValue::of(Expr::symbol(Counter->second));
  if (isa<ParmVarDecl>(D) || D->hasGlobalStorage()) {
    if (Writes.isWritten(D))
      return SymbolicValue::none("'" + D->getNameAsString() +
                                 "' is modified in the function");
    if (D->hasGlobalStorage() && D->getType().isConstQualified())
      if (const clang::Expr *Init = D->getAnyInitializer())
        if (SymbolicValue V = value(Init))
          return V;
    return SymbolicValue::of(Expr::symbol(D->getNameAsString()));
  }
  if (D->getType()->isReferenceType())
    return SymbolicValue::none("'" + D->getNameAsString() + "' is a reference");
  if (Writes.isWritten(D))
    return SymbolicValue::none("local '" + D->getNameAsString() +
                               "' is modified in the function");
  const clang::Expr *Init = D->getInit();
  if (!Init)
    return SymbolicValue::none("local '" + D->getNameAsString() +
                               "' has no initializer");
  if (!InProgress.insert(D).second)
    return SymbolicValue::none("'" + D->getNameAsString() +
                               "' is defined in terms of itself");
  SymbolicValue V = value(Init);
  InProgress.erase(D);
  if (!V)
    V.WhyNot = "local '" + D->getNameAsString() + "' " +
               (StringRef(V.WhyNot).starts_with("depends")
                    ? V.WhyNot
                    : "is not a parameter expression: " + V.WhyNot);
  return V;
}

/// `v.size()` of a local `std::vector<T> v(n)` nothing resizes.
static const clang::Expr *localContainerSize(const VarDecl *D) {
  const auto *CE =
      dyn_cast_or_null<CXXConstructExpr>(D->getInit()->IgnoreImplicit());
  if (!CE || CE->getNumArgs() == 0 ||
      !isStdClass(CE->getConstructor()->getParent()))
    return nullptr;
  const clang::Expr *First = CE->getArg(0);
  if (isa<CXXDefaultArgExpr>(First) ||
      !First->getType()->isIntegralOrEnumerationType())
    return nullptr;
  return First;
}

SymbolicValue SymbolicValues::value(const clang::Expr *E) const {
  if (!E)
    return SymbolicValue::none("no expression");
  // Temporaries bound to `const int &` (std::min(ii + 32, n)) and
  // implicit conversions: the value is the operand's. A float converted
  // to an integer keeps its floating type here, so it has no value.
  E = E->IgnoreImplicit()->IgnoreParens();
  QualType T = E->getType();
  if (T.isNull() || !(T->isIntegralOrEnumerationType()))
    return SymbolicValue::none("not an integer value");
  if (!E->isValueDependent()) {
    clang::Expr::EvalResult R;
    if (E->EvaluateAsInt(R, Ctx) && R.Val.isInt() &&
        R.Val.getInt().getSignificantBits() <= 64)
      return SymbolicValue::of(Expr::number(R.Val.getInt().getSExtValue()));
  }

  if (const auto *Cast = dyn_cast<CastExpr>(E)) {
    const clang::Expr *Sub = Cast->getSubExpr();
    if (Sub->getType()->isRealFloatingType())
      return SymbolicValue::none("depends on a floating-point value");
    return value(Sub);
  }
  if (const auto *DR = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl()))
      return valueOfDecl(VD);
    return SymbolicValue::none("unsupported name");
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (std::optional<std::string> Name = nameOf(ME))
      return SymbolicValue::of(Expr::symbol(*Name));
    return SymbolicValue::none(describe(ME) +
                               " is modified or not reachable from the "
                               "parameters");
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    if (std::optional<std::string> Name = nameOf(MC))
      return SymbolicValue::of(Expr::symbol(*Name));
    // The size of a local vector constructed with a size.
    const CXXMethodDecl *M = MC->getMethodDecl();
    const auto *DR = dyn_cast<DeclRefExpr>(
        MC->getImplicitObjectArgument()->IgnoreParenImpCasts());
    if (M && M->getDeclName().isIdentifier() && M->getName() == "size" && DR)
      if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl()))
        if (VD->hasLocalStorage() && !Writes.isWritten(VD) && VD->getInit())
          if (const clang::Expr *Size = localContainerSize(VD))
            return value(Size);
    std::string Callee = M ? M->getNameAsString() : "a method";
    return SymbolicValue::none("depends on a call to " + Callee + "()");
  }
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    SymbolicValue L = value(B->getLHS());
    if (!L)
      return L;
    SymbolicValue R = value(B->getRHS());
    if (!R)
      return R;
    const Expr &A = *L.Value, &C = *R.Value;
    std::optional<int64_t> RC = C.integerValue();
    switch (B->getOpcode()) {
    case BO_Add:
      return SymbolicValue::of(Leading ? (A + C).dominantTerms() : A + C);
    case BO_Sub:
      return SymbolicValue::of(Leading ? (A - C).dominantTerms() : A - C);
    case BO_Mul:
      return SymbolicValue::of(A * C);
    case BO_Div:
      if (RC && *RC > 0)
        return SymbolicValue::of(Expr::floorDiv(A, *RC));
      return SymbolicValue::none("non-affine bound (division by a variable)");
    case BO_Shl:
      if (RC && *RC >= 0 && *RC < 62)
        return SymbolicValue::of(A * Expr::number(int64_t(1) << *RC));
      return SymbolicValue::none("non-affine bound (shift by a variable)");
    case BO_Shr:
      if (RC && *RC >= 0 && *RC < 62)
        return SymbolicValue::of(Expr::floorDiv(A, int64_t(1) << *RC));
      return SymbolicValue::none("non-affine bound (shift by a variable)");
    default:
      return SymbolicValue::none("non-affine bound (operator '" +
                                 B->getOpcodeStr().str() + "')");
    }
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    switch (U->getOpcode()) {
    case UO_Minus:
      if (SymbolicValue V = value(U->getSubExpr()))
        return SymbolicValue::of(Expr::number(0) - *V.Value);
      else
        return V;
    case UO_Plus:
      return value(U->getSubExpr());
    case UO_Deref:
      return SymbolicValue::none("data-dependent (read from memory)");
    default:
      return SymbolicValue::none("depends on an increment or a logical "
                                 "operator");
    }
  }
  if (isa<ArraySubscriptExpr>(E))
    return SymbolicValue::none("data-dependent (read from an array)");
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    return SymbolicValue::none(
        "depends on a call to " +
        (Callee ? Callee->getNameAsString() : std::string("a function")) +
        "()");
  }
  if (isa<ConditionalOperator>(E) || isa<BinaryConditionalOperator>(E))
    return SymbolicValue::none("depends on a condition");
  return SymbolicValue::none("unsupported expression");
}

SymbolicValue SymbolicValues::entryValue(const VarDecl *D,
                                         const Stmt *Loop) const {
  auto It = Counters.find(D);
  if (It != Counters.end())
    return SymbolicValue::of(Expr::symbol(It->second));
  unsigned All = Writes.writesIn(D, FD.getBody());
  if (Writes.writesIn(D, Loop) != All)
    return SymbolicValue::none("'" + D->getNameAsString() +
                               "' is also modified outside the loop");
  if (isa<ParmVarDecl>(D) || D->hasGlobalStorage())
    return SymbolicValue::of(Expr::symbol(D->getNameAsString()));
  if (!D->getInit())
    return SymbolicValue::none("'" + D->getNameAsString() +
                               "' has no initializer");
  return value(D->getInit());
}

} // namespace frugal::analysis
