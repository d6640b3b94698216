//===- ClangIdentity.cpp - Names and files of functions in an AST ---------===//
//
// Reproduces, from the AST, what clang's code generator and debug info give
// a function, since that is what the pass records (pass/FunctionIdentity.cpp):
//
// - the linkage name is the IR name: clang's mangled name (Itanium or
//   Microsoft, whichever the target uses), or the plain identifier for C
//   functions and extern "C". Constructors and destructors are emitted as
//   their base-object variant (C2/D2), with the complete-object variant an
//   alias of it, unless the class has virtual bases (then C1/D1 is the one
//   a `new` or a local object runs, and the one reported);
// - the file and line are the DISubprogram's: the presumed location (so
//   #line directives count, and macros give their expansion point) of the
//   function's name, with the file split as CGDebugInfo::createFile splits
//   it against the compilation directory;
// - lambdas in non-inline functions are mangled "$_N" with N in the order
//   clang's code generator first mangles them. That order is the order of
//   first reference while emitting the enclosing function, so this builder
//   walks every function body once, in that order, before naming anything.
//
//===----------------------------------------------------------------------===//

#include "ClangIdentity.h"
#include "SourcePath.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/GlobalDecl.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/TargetInfo.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <deque>

using namespace clang;
using namespace llvm;

namespace frugal::analysis {

namespace {

/// Where the debug info puts a file: CGDebugInfo::createFile's split of the
/// presumed file name into a directory and a file, and the absolute path
/// the pass resolves them to.
struct FileNames {
  std::string File;
  std::string Resolved;
};

/// Separates the key of a function with internal linkage from its file.
constexpr char KeySeparator = '\x1f';

/// Whether FD can be mangled at all: templates and invalid declarations
/// cannot (the mangler asserts on dependent types).
bool canMangle(const FunctionDecl &FD) {
  return !FD.isInvalidDecl() && !FD.isDependentContext() &&
         !isa<CXXDeductionGuideDecl>(FD);
}

} // namespace

struct IdentityBuilder::Impl {
  Impl(ASTContext &Ctx, StringRef CompileDirectory);

  /// Walks the translation unit in code generation order so that lambdas
  /// get clang's numbers (see the file comment).
  void numberLambdas();

  GlobalDecl globalDecl(const FunctionDecl &FD) const;
  const std::string &linkageName(const FunctionDecl &FD);
  const FileNames &fileNames(StringRef PresumedName);
  /// The presumed file name and line of Loc, as the debug info has them.
  std::pair<std::string, unsigned> presumed(SourceLocation Loc) const;

  ASTContext &Ctx;
  SourceManager &SM;
  /// Absolute: what relative files and directories are resolved against.
  std::string CompileDirectory;
  std::unique_ptr<MangleContext> Mangler;
  DenseMap<const FunctionDecl *, std::string> Names;
  StringMap<FileNames> Files;
};

namespace {

/// Visits the references to functions in bodies in the order clang's code
/// generator emits them, and mangles each: the expressions of a function
/// in source order (callee before arguments, as a call is emitted), with
/// lambda bodies deferred until the enclosing body is done (a lambda's
/// operator() is emitted after the function that creates it). Template
/// instantiations are emitted after the code that uses them, so their
/// bodies are not walked: the references that number lambdas are made
/// before.
class LambdaNumbering : public RecursiveASTVisitor<LambdaNumbering> {
public:
  LambdaNumbering(const SourceManager &SM,
                  function_ref<void(const FunctionDecl &)> Mangle)
      : SM(SM), Mangle(Mangle) {}

  void run(TranslationUnitDecl *TU) {
    TraverseDecl(TU);
    while (!Deferred.empty()) {
      LambdaExpr *E = Deferred.front();
      Deferred.pop_front();
      TraverseStmt(E->getBody());
    }
  }

  bool TraverseDecl(Decl *D) {
    // Code in system headers cannot name the project's lambdas but in
    // template instantiations, which are not walked: skip it all.
    if (D && !isa<TranslationUnitDecl>(D)) {
      SourceLocation Loc = D->getLocation();
      if (Loc.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(Loc)))
        return true;
    }
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool TraverseLambdaExpr(LambdaExpr *E, DataRecursionQueue * = nullptr) {
    // Captures are initialised where the lambda is created; the body runs
    // in the operator(), emitted later.
    for (clang::Expr *Init : E->capture_inits())
      if (Init)
        TraverseStmt(Init);
    Deferred.push_back(E);
    return true;
  }

  bool VisitCallExpr(CallExpr *E) {
    touch(E->getDirectCallee());
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    touch(E->getConstructor());
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    touch(dyn_cast<FunctionDecl>(E->getDecl()));
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    touch(dyn_cast<FunctionDecl>(E->getMemberDecl()));
    return true;
  }

private:
  void touch(const FunctionDecl *FD) {
    if (FD && !FD->getBuiltinID() && canMangle(*FD))
      Mangle(*FD);
  }

  const SourceManager &SM;
  function_ref<void(const FunctionDecl &)> Mangle;
  std::deque<LambdaExpr *> Deferred;
};

} // namespace

IdentityBuilder::Impl::Impl(ASTContext &Ctx, StringRef CompileDirectory)
    : Ctx(Ctx), SM(Ctx.getSourceManager()), Mangler(Ctx.createMangleContext()) {
  SmallString<256> Dir(CompileDirectory);
  if (Dir.empty() || !sys::path::is_absolute(Dir))
    sys::fs::make_absolute(Dir);
  this->CompileDirectory = Dir.str().str();
}

void IdentityBuilder::Impl::numberLambdas() {
  LambdaNumbering(SM, [this](const FunctionDecl &FD) {
    linkageName(FD);
  }).run(Ctx.getTranslationUnitDecl());
}

GlobalDecl IdentityBuilder::Impl::globalDecl(const FunctionDecl &FD) const {
  // The variant whose body clang emits (see the file comment). The
  // Microsoft ABI has one variant of each.
  bool Itanium = Ctx.getTargetInfo().getCXXABI().isItaniumFamily();
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&FD)) {
    bool Base = Itanium && !Ctor->getParent()->getNumVBases();
    return GlobalDecl(Ctor, Base ? Ctor_Base : Ctor_Complete);
  }
  if (const auto *Dtor = dyn_cast<CXXDestructorDecl>(&FD)) {
    bool Base = Itanium && !Dtor->getParent()->getNumVBases();
    return GlobalDecl(Dtor, Base ? Dtor_Base : Dtor_Complete);
  }
  return GlobalDecl(&FD);
}

const std::string &IdentityBuilder::Impl::linkageName(const FunctionDecl &FD) {
  const FunctionDecl *Canonical = FD.getCanonicalDecl();
  auto [It, Inserted] = Names.try_emplace(Canonical);
  if (!Inserted)
    return It->second;
  // The definition carries every attribute (asm labels may be added late).
  const FunctionDecl *D = &FD;
  if (const FunctionDecl *Def = FD.getDefinition())
    D = Def;
  std::string Name;
  if (!canMangle(*D)) {
    Name = D->getQualifiedNameAsString();
  } else if (Mangler->shouldMangleDeclName(D)) {
    raw_string_ostream OS(Name);
    Mangler->mangleName(globalDecl(*D), OS);
  } else if (const IdentifierInfo *II = D->getIdentifier()) {
    Name = II->getName().str();
  } else {
    Name = D->getNameAsString();
  }
  It->second = std::move(Name);
  return It->second;
}

std::pair<std::string, unsigned>
IdentityBuilder::Impl::presumed(SourceLocation Loc) const {
  PresumedLoc P = Loc.isValid() ? SM.getPresumedLoc(Loc) : PresumedLoc();
  if (P.isValid() && P.getFilename()[0])
    return {P.getFilename(), P.getLine()};
  // Like the debug info: the compile unit's file, line 0.
  std::string Main;
  if (OptionalFileEntryRef F = SM.getFileEntryRefForID(SM.getMainFileID()))
    Main = F->getName().str();
  return {Main, P.isValid() ? P.getLine() : 0};
}

const FileNames &IdentityBuilder::Impl::fileNames(StringRef PresumedName) {
  auto [It, Inserted] = Files.try_emplace(PresumedName);
  if (!Inserted)
    return It->second;
  FileNames &N = It->second;
  StringRef CurDir = CompileDirectory;
  // CGDebugInfo::createFile: an absolute file loses the prefix it shares
  // with the compilation directory to the DIFile's directory, unless that
  // prefix is only the root; a relative one keeps its name and gets the
  // compilation directory.
  if (sys::path::is_absolute(PresumedName)) {
    auto FileIt = sys::path::begin(PresumedName);
    auto FileEnd = sys::path::end(PresumedName);
    auto DirIt = sys::path::begin(CurDir);
    auto DirEnd = sys::path::end(CurDir);
    SmallString<256> Common;
    for (; DirIt != DirEnd && FileIt != FileEnd && *DirIt == *FileIt;
         ++DirIt, ++FileIt)
      sys::path::append(Common, *DirIt);
    if (sys::path::root_path(Common) == Common) {
      N.File = PresumedName.str();
    } else {
      SmallString<256> Rest;
      for (; FileIt != FileEnd; ++FileIt)
        sys::path::append(Rest, *FileIt);
      N.File = Rest.str().str();
    }
  } else {
    N.File = PresumedName.str();
  }

  // The pass's rule: the join depends on it.
  N.Resolved = resolveSourcePath(CurDir, PresumedName);
  return N;
}

/// FD's parameter names, unique: an unnamed parameter is "arg<position>"
/// (1-based), and a pack's, which share its name, are "<name>_1",
/// "<name>_2", ...; "_" is appended while a name is taken.
static std::vector<std::string> parameterNames(const FunctionDecl &FD) {
  std::vector<std::string> Names;
  StringMap<unsigned> Count;
  for (const ParmVarDecl *P : FD.parameters()) {
    Names.push_back(P->getName().str());
    if (!Names.back().empty())
      ++Count[Names.back()];
  }
  StringMap<unsigned> Seen;
  for (size_t Index = 0; Index != Names.size(); ++Index) {
    std::string &Name = Names[Index];
    std::string Unique;
    if (Name.empty())
      Unique = "arg" + std::to_string(Index + 1);
    else if (Count[Name] > 1)
      Unique = Name + "_" + std::to_string(++Seen[Name]);
    else
      continue;
    while (Count.count(Unique))
      Unique += '_';
    ++Count[Unique];
    Name = std::move(Unique);
  }
  return Names;
}

IdentityBuilder::IdentityBuilder(ASTContext &Ctx, StringRef CompileDirectory)
    : I(std::make_unique<Impl>(Ctx, CompileDirectory)) {
  I->numberLambdas();
}

IdentityBuilder::~IdentityBuilder() = default;

void IdentityBuilder::identify(const FunctionDecl &FD, FunctionSummary &Out) {
  Out.LinkageName = I->linkageName(FD);
  Out.Name = demangle(Out.LinkageName);
  auto [Presumed, Line] = I->presumed(FD.getLocation());
  const FileNames &N = I->fileNames(Presumed);
  Out.File = N.File;
  Out.ResolvedFile = N.Resolved;
  Out.Line = Line;
  Out.Key = key(FD);

  Out.Params = parameterNames(FD);
}

std::string IdentityBuilder::key(const FunctionDecl &FD) {
  std::string Key = I->linkageName(FD);
  if (FD.isExternallyVisible())
    return Key;
  // Internal linkage: one function per file that defines it.
  const FunctionDecl *Def = FD.getDefinition();
  SourceLocation Loc = (Def ? Def : &FD)->getLocation();
  Key += KeySeparator;
  Key += I->fileNames(I->presumed(Loc).first).Resolved;
  return Key;
}

} // namespace frugal::analysis
