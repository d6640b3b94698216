//===- ClangIdentityTest.cpp - Names and files of functions in an AST -----===//
//
// Each test parses a snippet (no #include) under a file name, and checks the
// identity of its functions against what clang's code generator and debug
// info give them (test/analyze/join.cpp checks the same against real
// profiles).
//
//===----------------------------------------------------------------------===//

#include "frugal/analyze/ClangIdentity.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include "gtest/gtest.h"

#include <memory>
#include <string>
#include <vector>

using namespace clang;
using frugal::analysis::FunctionSummary;
using frugal::analysis::IdentityBuilder;

namespace {

/// Every function declaration of a translation unit, instantiations and
/// lambdas' operator() included, in the order of the AST.
struct AllFunctions : RecursiveASTVisitor<AllFunctions> {
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->isDependentContext())
      Functions.push_back(FD);
    return true;
  }
  std::vector<const FunctionDecl *> Functions;
};

class Parsed {
public:
  Parsed(const std::string &Code, const std::string &FileName,
         const std::string &CompileDirectory,
         std::vector<std::string> Args = {"-std=c++17"})
      : AST(tooling::buildASTFromCodeWithArgs(Code, Args, FileName)) {
    EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred());
    Ids = std::make_unique<IdentityBuilder>(AST->getASTContext(),
                                            CompileDirectory);
    Visitor.TraverseDecl(AST->getASTContext().getTranslationUnitDecl());
  }

  /// The definition (else the first declaration) whose qualified name, or
  /// demangled name, is Name.
  const FunctionDecl *find(const std::string &Name) const {
    const FunctionDecl *Found = nullptr;
    for (const FunctionDecl *FD : Visitor.Functions) {
      if (FD->getQualifiedNameAsString() != Name)
        continue;
      if (FD->doesThisDeclarationHaveABody())
        return FD;
      if (!Found)
        Found = FD;
    }
    return Found;
  }

  /// The definitions whose demangled name contains Part.
  std::vector<FunctionSummary> matching(const std::string &Part) {
    std::vector<FunctionSummary> Out;
    for (const FunctionDecl *FD : Visitor.Functions) {
      if (!FD->doesThisDeclarationHaveABody() || FD->isImplicit())
        continue;
      FunctionSummary S = identify(FD);
      if (S.Name.find(Part) != std::string::npos)
        Out.push_back(std::move(S));
    }
    return Out;
  }

  FunctionSummary identify(const FunctionDecl *FD) {
    FunctionSummary S;
    if (FD)
      Ids->identify(*FD, S);
    return S;
  }
  FunctionSummary identify(const std::string &Name) {
    const FunctionDecl *FD = find(Name);
    EXPECT_NE(FD, nullptr) << Name;
    return identify(FD);
  }
  std::string key(const std::string &Name) {
    const FunctionDecl *FD = find(Name);
    EXPECT_NE(FD, nullptr) << Name;
    return FD ? Ids->key(*FD) : "";
  }

private:
  std::unique_ptr<ASTUnit> AST;
  std::unique_ptr<IdentityBuilder> Ids;
  AllFunctions Visitor;
};

TEST(ClangIdentityTest, CFunctionsHaveTheirPlainName) {
  Parsed P("int add(int a, int b) { return a + b; }\n"
           "static int twice(int x) { return 2 * x; }\n",
           "/proj/k.c", "/proj", {"-xc", "-std=c11"});
  FunctionSummary Add = P.identify("add");
  EXPECT_EQ(Add.LinkageName, "add");
  EXPECT_EQ(Add.Name, "add");
  EXPECT_EQ(Add.Key, "add");
  EXPECT_EQ(Add.Line, 1u);
  EXPECT_EQ(Add.Params, (std::vector<std::string>{"a", "b"}));
  FunctionSummary Twice = P.identify("twice");
  EXPECT_EQ(Twice.LinkageName, "twice");
  EXPECT_EQ(Twice.Line, 2u);
  // Internal linkage: the file is part of the key.
  EXPECT_EQ(Twice.Key, std::string("twice\x1f/proj/k.c"));
}

TEST(ClangIdentityTest, CxxFunctionsAreMangled) {
  Parsed P("namespace nn { float dot(const float *x, int n) { return 0; } }\n"
           "extern \"C\" void cfun() {}\n"
           "static float relu(float v) { return v; }\n"
           "namespace { int hidden() { return 1; } }\n"
           "int main() { return 0; }\n",
           "/proj/m.cpp", "/proj");
  FunctionSummary Dot = P.identify("nn::dot");
  EXPECT_EQ(Dot.LinkageName, "_ZN2nn3dotEPKfi");
  EXPECT_EQ(Dot.Name, "nn::dot(float const*, int)");
  EXPECT_EQ(Dot.Key, "_ZN2nn3dotEPKfi");
  EXPECT_EQ(P.identify("cfun").LinkageName, "cfun");
  EXPECT_EQ(P.identify("main").LinkageName, "main");
  EXPECT_EQ(P.identify("relu").LinkageName, "_ZL4reluf");
  EXPECT_EQ(P.identify("relu").Key, std::string("_ZL4reluf\x1f/proj/m.cpp"));
  FunctionSummary Hidden = P.identify("(anonymous namespace)::hidden");
  EXPECT_EQ(Hidden.LinkageName, "_ZN12_GLOBAL__N_16hiddenEv");
  EXPECT_EQ(Hidden.Key,
            std::string("_ZN12_GLOBAL__N_16hiddenEv\x1f/proj/m.cpp"));
}

TEST(ClangIdentityTest, ConstructorsAreTheVariantClangEmits) {
  Parsed P("struct S { int v; S(int a) : v(a) {} ~S() { v = 0; } };\n"
           "struct B { int b; };\n"
           "struct D : virtual B { D() { b = 1; } ~D() { b = 2; } };\n"
           "void use() { S s(1); D d; }\n",
           "/proj/c.cpp", "/proj");
  // Base-object variants: the complete-object ones are aliases of them.
  EXPECT_EQ(P.identify("S::S").LinkageName, "_ZN1SC2Ei");
  EXPECT_EQ(P.identify("S::~S").LinkageName, "_ZN1SD2Ev");
  // With virtual bases both variants exist; the complete-object one is
  // what constructing an object runs.
  EXPECT_EQ(P.identify("D::D").LinkageName, "_ZN1DC1Ev");
  EXPECT_EQ(P.identify("D::~D").LinkageName, "_ZN1DD1Ev");
}

TEST(ClangIdentityTest, TemplateInstantiationsAreFunctionsOfTheirOwn) {
  Parsed P("template <typename T> T sq(T x) { return x * x; }\n"
           "double use(float f, double d) { return sq(f) + sq(d); }\n",
           "/proj/t.cpp", "/proj");
  std::vector<FunctionSummary> Sq = P.matching("sq<");
  ASSERT_EQ(Sq.size(), 2u);
  std::vector<std::string> Names = {Sq[0].LinkageName, Sq[1].LinkageName};
  std::sort(Names.begin(), Names.end());
  EXPECT_EQ(Names,
            (std::vector<std::string>{"_Z2sqIdET_S0_", "_Z2sqIfET_S0_"}));
  EXPECT_EQ(Sq[0].Line, 1u);
  EXPECT_EQ(Sq[0].Params, (std::vector<std::string>{"x"}));
}

// clang names lambdas of non-inline functions $_0, $_1, ... in the order
// its code generator first needs their names: here the order of use, not
// of definition.
TEST(ClangIdentityTest, LambdasAreNumberedInTheOrderOfUse) {
  Parsed P("template <class F> int apply(F f, int x) { return f(x); }\n"
           "int main(int argc, char **) {\n"
           "  auto a = [](int x) { return x + 1; };\n"
           "  auto b = [](int x) { return x + 2; };\n"
           "  return apply(b, argc) + apply(a, argc);\n"
           "}\n"
           "inline int inl() { return [](int y) { return y; }(3); }\n"
           "int useInl() { return inl(); }\n",
           "/proj/l.cpp", "/proj");
  std::vector<FunctionSummary> Ops = P.matching("::operator()");
  ASSERT_EQ(Ops.size(), 3u);
  for (const FunctionSummary &Op : Ops) {
    if (Op.Line == 3) // a: used second.
      EXPECT_EQ(Op.LinkageName, "_ZZ4mainENK3$_1clEi");
    else if (Op.Line == 4) // b: used first.
      EXPECT_EQ(Op.LinkageName, "_ZZ4mainENK3$_0clEi");
    else // In an inline function: numbered by clang's Sema.
      EXPECT_EQ(Op.LinkageName, "_ZZ3inlvENKUliE_clEi");
  }
  // Internal linkage for main's lambdas, not for the inline function's.
  for (const FunctionSummary &Op : Ops)
    EXPECT_EQ(Op.Key.find('\x1f') != std::string::npos, Op.Line != 7);
}

TEST(ClangIdentityTest, UnnamedParametersAreNamedByPosition) {
  Parsed P("int f(int, int n, int arg1, int) { return n; }\n", "/proj/p.cpp",
           "/proj");
  EXPECT_EQ(P.identify("f").Params,
            (std::vector<std::string>{"arg1_", "n", "arg1", "arg4"}));
}

TEST(ClangIdentityTest, PackParametersAreNumbered) {
  Parsed P("template <class... T> int count(T... Parts) { return 0; }\n"
           "int use() { return count(1, 2.0, 'c'); }\n",
           "/proj/p.cpp", "/proj");
  std::vector<FunctionSummary> Count = P.matching("count<");
  ASSERT_EQ(Count.size(), 1u);
  EXPECT_EQ(Count[0].Params,
            (std::vector<std::string>{"Parts_1", "Parts_2", "Parts_3"}));
}

TEST(ClangIdentityTest, FilesAreNamedAsTheDebugInfoNamesThem) {
  // An absolute file sharing more than the root with the compilation
  // directory: named relative to their common directory.
  {
    Parsed P("void f() {}\n", "/proj/src/a.cpp", "/proj/build");
    FunctionSummary F = P.identify("f");
    EXPECT_EQ(F.File, "src/a.cpp");
    EXPECT_EQ(F.ResolvedFile, "/proj/src/a.cpp");
  }
  // Only the root in common: the absolute name.
  {
    Parsed P("void f() {}\n", "/other/a.cpp", "/proj/build");
    FunctionSummary F = P.identify("f");
    EXPECT_EQ(F.File, "/other/a.cpp");
    EXPECT_EQ(F.ResolvedFile, "/other/a.cpp");
  }
  // #line renames the file and the lines after it, as in the debug info;
  // a relative name is resolved against the compilation directory.
  {
    Parsed P("void f() {}\n#line 40 \"../gen/model.cpp\"\nvoid g() {}\n",
             "/proj/build/x.cpp", "/proj/build");
    FunctionSummary G = P.identify("g");
    EXPECT_EQ(G.File, "../gen/model.cpp");
    EXPECT_EQ(G.ResolvedFile, "/proj/gen/model.cpp");
    EXPECT_EQ(G.Line, 40u);
  }
}

TEST(ClangIdentityTest, MacroDefinedFunctionsTakeTheExpansionLine) {
  Parsed P("#define KERNEL(name) \\\n  float name(float x) { return x; }\n"
           "\n"
           "KERNEL(k1)\n",
           "/proj/mac.cpp", "/proj");
  EXPECT_EQ(P.identify("k1").Line, 4u);
}

TEST(ClangIdentityTest, KeysOfDeclarationsMatchTheirDefinitions) {
  Parsed P("float ext(float);\n"
           "static float later(float);\n"
           "float use(float x) { return ext(x) + later(x); }\n"
           "static float later(float x) { return x; }\n",
           "/proj/d.cpp", "/proj");
  // Defined in another file: its mangled name.
  EXPECT_EQ(P.key("ext"), "_Z3extf");
  // Internal: the file of the definition, whichever declaration is asked.
  EXPECT_EQ(P.key("later"), std::string("_ZL5laterf\x1f/proj/d.cpp"));
  EXPECT_EQ(P.identify("later").Key, P.key("later"));
  EXPECT_EQ(P.identify("later").Line, 4u);
}

} // namespace
