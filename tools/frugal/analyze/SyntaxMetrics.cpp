//===- SyntaxMetrics.cpp - Complexity metrics of a function's syntax ------===//
//
// One hand-written recursive walk over the Stmt tree of a function body
// computes all four metrics. A hand walk rather than a RecursiveASTVisitor
// because the cognitive-complexity nesting level and the loop depth belong
// to specific children (a loop's body, not its condition), which is one line
// each here and a Traverse* override each in a visitor.
//
// The exact rules are in SyntaxMetrics.h and docs/static-format.md. Scope
// decisions that hold for every metric:
//
// * Bodies of lambdas, blocks and local classes' member functions are not
//   part of the enclosing function: the analyzer reports them as functions
//   of their own. Lambda capture initializers are (they run in the
//   enclosing function).
// * A construct whose key token (`if`, `?`, `&&`, `for`, `{` ...) was spelled
//   in a macro defined in a system header (glibc's assert, MIN, FD_SET ...)
//   does not count: it is library plumbing, not the user's logic; nor do
//   the statements spelled there. What it contains is still walked, so the
//   user's own expression passed to assert() counts, and so does the
//   statement passed to a looping macro.
// * A token that a macro argument brings in counts once, however many times
//   the macro expands that argument (glibc's C assert expands its argument
//   twice; a MAX(a, b) macro does too).
// * OpenMP directives are transparent: the loop or block they apply to is
//   walked as if the pragma were not there (clang hides it inside
//   CapturedStmts); clauses (`if(...)`, `num_threads(...)`) are not.
//
//===----------------------------------------------------------------------===//

#include "SyntaxMetrics.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/StmtOpenMP.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>

using namespace clang;

namespace frugal::analysis {

namespace {

class SyntaxWalker {
public:
  explicit SyntaxWalker(const FunctionDecl &FD)
      : Self(FD.getCanonicalDecl()), SM(FD.getASTContext().getSourceManager()) {
  }

  SyntaxMetrics measure(const FunctionDecl &FD);

private:
  const FunctionDecl *Self;
  const SourceManager &SM;
  SyntaxMetrics M;
  /// Cognitive complexity's nesting level at the node being walked.
  unsigned Nesting = 0;
  /// Loops (of this function) around the node being walked.
  unsigned LoopDepth = 0;
  bool CallsItself = false;
  /// Origins (see live()) of the macro tokens counted so far.
  llvm::DenseSet<SourceLocation> SeenMacroTokens;

  /// Where a node sits: not where the grammar puts a statement, or there
  /// (in a block, as a branch or a body) of a construct that counts, or of
  /// one that does not (see live()).
  enum class Slot { None, Statement, SystemStatement };

  static Slot slotIn(bool Live) {
    return Live ? Slot::Statement : Slot::SystemStatement;
  }
  bool live(SourceLocation KeyLoc);
  bool isCountedStatement(const Stmt *S, Slot Where) const;
  void visit(const Stmt *S, Slot Where = Slot::None);
  void visitNested(const Stmt *S, bool Live, bool IsLoop = false);
  void visitIf(const IfStmt *If, bool IsElseIf);
  void visitLoop(const Stmt *Loop, SourceLocation KeyLoc, const Stmt *Body);
  void visitLogicalChain(const BinaryOperator *Root);
  void collectChain(const Expr *E,
                    llvm::SmallVectorImpl<BinaryOperatorKind> &Ops,
                    llvm::SmallVectorImpl<const Expr *> &Operands);
};

/// E without the parentheses and implicit conversions around it: neither
/// ends a sequence of logical operators.
const Expr *skipParensAndCasts(const Expr *E) {
  while (E) {
    if (const auto *P = dyn_cast<ParenExpr>(E))
      E = P->getSubExpr();
    else if (const auto *C = dyn_cast<ImplicitCastExpr>(E))
      E = C->getSubExpr();
    else
      break;
  }
  return E;
}

} // namespace

/// Whether the construct whose key token is at KeyLoc counts. Call once per
/// construct: it records macro tokens.
bool SyntaxWalker::live(SourceLocation KeyLoc) {
  if (!KeyLoc.isMacroID())
    return true;
  if (SM.isInSystemMacro(KeyLoc))
    return false;
  // Where the token was written: climb out of macro-argument expansions. A
  // token of a macro body stays a location inside that one expansion, so
  // two expansions of a macro each count; an argument expanded twice by one
  // expansion has a single origin.
  SourceLocation Origin = KeyLoc;
  while (Origin.isMacroID() && SM.isMacroArgExpansion(Origin))
    Origin = SM.getImmediateSpellingLoc(Origin);
  return SeenMacroTokens.insert(Origin).second;
}

/// Whether S, sitting at Where, is a statement of its own: in statement
/// position, not a block `{}`, not a null statement `;`, not a wrapper whose
/// wrapped statement is counted instead (labels, `case`, attributes, OpenMP
/// directives). In a construct from a system macro, only what the user wrote
/// (the body passed to a looping macro) is.
bool SyntaxWalker::isCountedStatement(const Stmt *S, Slot Where) const {
  if (Where == Slot::None)
    return false;
  if (Where == Slot::SystemStatement && SM.isInSystemMacro(S->getBeginLoc()))
    return false;
  if (isa<CompoundStmt, NullStmt, LabelStmt, SwitchCase, AttributedStmt,
          CapturedStmt, OMPCanonicalLoop>(S))
    return false;
  // A stand-alone directive (`#pragma omp barrier`) is a statement.
  if (const auto *D = dyn_cast<OMPExecutableDirective>(S))
    return !D->hasAssociatedStmt();
  return true;
}

/// Walks S, a child of a live construct that nests it (a loop's body, an
/// if's branches, ...): one level deeper for cognitive complexity, and in
/// statement position. A construct that does not count nests nothing.
void SyntaxWalker::visitNested(const Stmt *S, bool Live, bool IsLoop) {
  unsigned Step = Live ? 1 : 0;
  unsigned LoopStep = Live && IsLoop ? 1 : 0;
  Nesting += Step;
  LoopDepth += LoopStep;
  M.MaxLoopDepth = std::max(M.MaxLoopDepth, LoopDepth);
  visit(S, slotIn(Live));
  Nesting -= Step;
  LoopDepth -= LoopStep;
}

void SyntaxWalker::visitIf(const IfStmt *If, bool IsElseIf) {
  bool Live = live(If->getIfLoc());
  if (Live) {
    ++M.Cyclomatic;
    // `else if` is a hybrid increment: +1, no nesting penalty.
    M.Cognitive += IsElseIf ? 1 : 1 + Nesting;
  }
  // The init statement, condition variable and condition are read at the
  // if's own level (for an `else if` too: unlike clang-tidy, which puts an
  // else-if's condition one level deeper).
  visit(If->getInit());
  visit(If->getConditionVariableDeclStmt());
  visit(If->getCond());
  visitNested(If->getThen(), Live);

  const Stmt *Else = If->getElse();
  if (!Else)
    return;
  if (const auto *ElseIf = dyn_cast<IfStmt>(Else)) {
    // The chain stays at this level: `else if` nests its branches once, not
    // once per link.
    if (isCountedStatement(ElseIf, slotIn(Live)))
      ++M.Statements;
    visitIf(ElseIf, /*IsElseIf=*/true);
    return;
  }
  bool ElseLive = live(If->getElseLoc());
  if (ElseLive)
    ++M.Cognitive;
  visitNested(Else, ElseLive);
}

/// for, range-for, while, do: +1 cyclomatic, +1 + nesting cognitive; the
/// header (init, condition, increment) at this level, the body one deeper.
void SyntaxWalker::visitLoop(const Stmt *Loop, SourceLocation KeyLoc,
                             const Stmt *Body) {
  bool Live = live(KeyLoc);
  if (Live) {
    ++M.Cyclomatic;
    M.Cognitive += 1 + Nesting;
  }
  // children() are in source order; a range-for's implicit __range, __begin
  // and __end parts have no control flow of their own.
  for (const Stmt *Child : Loop->children()) {
    if (Child == Body)
      visitNested(Body, Live, /*IsLoop=*/true);
    else
      visit(Child);
  }
}

/// Puts the operands and (counted) operators of the sequence of logical
/// operators under E in source order. Parentheses do not break a sequence:
/// `a && (b && c)` is one, like `a && b && c`. Anything else does: `!(...)`,
/// a call's arguments.
void SyntaxWalker::collectChain(const Expr *E,
                                llvm::SmallVectorImpl<BinaryOperatorKind> &Ops,
                                llvm::SmallVectorImpl<const Expr *> &Operands) {
  const auto *BO = dyn_cast_or_null<BinaryOperator>(skipParensAndCasts(E));
  if (!BO || !BO->isLogicalOp()) {
    Operands.push_back(E);
    return;
  }
  collectChain(BO->getLHS(), Ops, Operands);
  if (live(BO->getOperatorLoc())) {
    ++M.Cyclomatic;
    Ops.push_back(BO->getOpcode());
  }
  collectChain(BO->getRHS(), Ops, Operands);
}

/// Cognitive complexity counts +1 per run of like operators in the
/// flattened sequence (SonarSource's rule): `a && b && c` +1,
/// `a && b || c` +2, `a || b && c || d` +3. Cyclomatic counts each operator.
void SyntaxWalker::visitLogicalChain(const BinaryOperator *Root) {
  llvm::SmallVector<BinaryOperatorKind, 8> Ops;
  llvm::SmallVector<const Expr *, 8> Operands;
  collectChain(Root, Ops, Operands);
  for (size_t I = 0; I < Ops.size(); ++I)
    if (I == 0 || Ops[I] != Ops[I - 1])
      ++M.Cognitive;
  for (const Expr *Operand : Operands)
    visit(Operand);
}

/// Walks S, which sits at Where.
void SyntaxWalker::visit(const Stmt *S, Slot Where) {
  if (!S)
    return;
  if (isCountedStatement(S, Where))
    ++M.Statements;

  // Wrappers: the wrapped statement takes their place.
  if (const auto *L = dyn_cast<LabelStmt>(S))
    return visit(L->getSubStmt(), Where);
  if (const auto *A = dyn_cast<AttributedStmt>(S))
    return visit(A->getSubStmt(), Where);
  if (const auto *C = dyn_cast<CapturedStmt>(S))
    return visit(C->getCapturedStmt(), Where);
  if (const auto *L = dyn_cast<OMPCanonicalLoop>(S))
    return visit(L->getLoopStmt(), Where);
  if (const auto *D = dyn_cast<OMPExecutableDirective>(S)) {
    if (D->hasAssociatedStmt())
      visit(D->getAssociatedStmt(), Where);
    return;
  }
  if (const auto *Default = dyn_cast<DefaultStmt>(S))
    return visit(Default->getSubStmt(), Where);
  if (const auto *Case = dyn_cast<CaseStmt>(S)) {
    if (live(Case->getKeywordLoc()))
      ++M.Cyclomatic;
    visit(Case->getLHS());
    visit(Case->getRHS());
    return visit(Case->getSubStmt(), Where);
  }

  if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
    bool Live = live(CS->getLBracLoc());
    for (const Stmt *Child : CS->body())
      visit(Child, slotIn(Live));
    return;
  }
  if (const auto *If = dyn_cast<IfStmt>(S))
    return visitIf(If, /*IsElseIf=*/false);
  if (const auto *For = dyn_cast<ForStmt>(S))
    return visitLoop(For, For->getForLoc(), For->getBody());
  if (const auto *For = dyn_cast<CXXForRangeStmt>(S))
    return visitLoop(For, For->getForLoc(), For->getBody());
  if (const auto *While = dyn_cast<WhileStmt>(S))
    return visitLoop(While, While->getWhileLoc(), While->getBody());
  if (const auto *Do = dyn_cast<DoStmt>(S))
    return visitLoop(Do, Do->getDoLoc(), Do->getBody());
  if (const auto *Switch = dyn_cast<SwitchStmt>(S)) {
    // switch: +1 + nesting cognitive; its cases count for cyclomatic.
    bool Live = live(Switch->getSwitchLoc());
    if (Live)
      M.Cognitive += 1 + Nesting;
    for (const Stmt *Child : Switch->children()) {
      if (Child == Switch->getBody())
        visitNested(Child, Live);
      else
        visit(Child);
    }
    return;
  }
  if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
    // try itself is free and nests nothing; each catch is +1 / +1 + nesting.
    bool Live = live(Try->getTryLoc());
    visit(Try->getTryBlock(), slotIn(Live));
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      const CXXCatchStmt *Catch = Try->getHandler(I);
      if (!Catch)
        continue;
      bool CatchLive = live(Catch->getCatchLoc());
      if (CatchLive) {
        ++M.Cyclomatic;
        M.Cognitive += 1 + Nesting;
      }
      visitNested(Catch->getHandlerBlock(), CatchLive);
    }
    return;
  }
  if (const auto *Goto = dyn_cast<GotoStmt>(S)) {
    if (live(Goto->getGotoLoc()))
      ++M.Cognitive;
    return;
  }
  if (const auto *Goto = dyn_cast<IndirectGotoStmt>(S)) {
    if (live(Goto->getGotoLoc()))
      ++M.Cognitive;
    return visit(Goto->getTarget());
  }

  if (const auto *CO = dyn_cast<ConditionalOperator>(S)) {
    bool Live = live(CO->getQuestionLoc());
    if (Live) {
      ++M.Cyclomatic;
      M.Cognitive += 1 + Nesting;
    }
    visit(CO->getCond());
    unsigned Step = Live ? 1 : 0;
    Nesting += Step;
    visit(CO->getTrueExpr());
    visit(CO->getFalseExpr());
    Nesting -= Step;
    return;
  }
  if (const auto *BCO = dyn_cast<BinaryConditionalOperator>(S)) {
    // GNU `a ?: b` branches (cyclomatic) but reads like the null-coalescing
    // operators the spec leaves out of cognitive complexity.
    if (live(BCO->getQuestionLoc()))
      ++M.Cyclomatic;
    visit(BCO->getCommon());
    return visit(BCO->getFalseExpr());
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isLogicalOp())
    return visitLogicalChain(BO);
  if (const auto *SE = dyn_cast<StmtExpr>(S)) {
    // A GNU statement expression nests (as in clang-tidy), like a block.
    bool Live = live(SE->getLParenLoc());
    unsigned Step = Live ? 1 : 0;
    Nesting += Step;
    visit(SE->getSubStmt());
    Nesting -= Step;
    return;
  }

  // Nested functions: only what runs in this one.
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
    for (const Expr *Init : Lambda->capture_inits())
      visit(Init);
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->getCanonicalDecl() == Self)
      CallsItself = true;
  }

  // Nodes whose children() repeat their operand or add code the compiler
  // made up.
  if (const auto *Body = dyn_cast<CoroutineBodyStmt>(S))
    return visit(Body->getBody());
  if (const auto *Return = dyn_cast<CoreturnStmt>(S))
    return visit(Return->getOperand());
  if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(S))
    return visit(Suspend->getOperand());
  if (const auto *PO = dyn_cast<PseudoObjectExpr>(S))
    return visit(PO->getSyntacticForm());

  for (const Stmt *Child : S->children())
    visit(Child);
}

SyntaxMetrics SyntaxWalker::measure(const FunctionDecl &FD) {
  // A constructor's written member initializers run in it.
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init && Init->isWritten())
        visit(Init->getInit());
  // The body is not in statement position: a function-try-block is not a
  // statement; a plain body is a block, whose statements count.
  visit(FD.getBody());
  // Recursion: +1 for the function in the cycle (direct calls only).
  if (CallsItself)
    ++M.Cognitive;
  return M;
}

SyntaxMetrics measureSyntax(const FunctionDecl &FD) {
  return SyntaxWalker(FD).measure(FD);
}

} // namespace frugal::analysis
