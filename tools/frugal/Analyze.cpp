//===- Analyze.cpp - `frugal analyze`: static costs of source functions ---===//
//
// Parses the project's sources with clang, as its compilation database
// says they are compiled, and reports for every function definition its
// syntax metrics, its loops and their trip counts, and what a call costs
// (operations, bytes, complexity) as expressions over its parameters
// (docs/static-format.md). Functions carry the identity the pass gives
// them in runtime profiles, so the two join on (linkage_name,
// resolved_file).
//
// One translation unit at a time: each is parsed, its functions are
// summarised while its AST lives, and the AST is dropped. The
// interprocedural step then runs on the summaries of all of them.
//
//===----------------------------------------------------------------------===//

#include "AnalyzeProject.h"
#include "Command.h"
#include "Csv.h"
#include "Options.h"
#include "OutputFile.h"
#include "Table.h"
#include "analyze/ClangIdentity.h"
#include "analyze/FunctionSummary.h"
#include "analyze/Interprocedural.h"
#include "analyze/LocalCost.h"
#include "analyze/StaticOutput.h"
#include "analyze/SyntaxMetrics.h"
#include "support/Diagnostics.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/Version.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

#ifndef FRUGAL_CLANG_RESOURCE_DIR
#error "FRUGAL_CLANG_RESOURCE_DIR must be defined by the build"
#endif

using namespace llvm;
using namespace frugal;
using namespace frugal::analysis;

static cl::SubCommand
    AnalyzeCommand("analyze", "Estimate each function's cost from its source "
                              "(loops, operations, bytes, complexity)");
static cl::OptionCategory AnalyzeCategory("frugal analyze options");

static cl::opt<std::string> BuildPath(
    "p",
    cl::desc("Directory of compile_commands.json (default: the first FILE's "
             "directory or the current one, then their parents)"),
    cl::value_desc("BUILD_DIR"), cl::sub(AnalyzeCommand),
    cl::cat(AnalyzeCategory));
static cl::list<std::string> SourcePaths(cl::Positional, cl::desc("[FILES...]"),
                                         cl::sub(AnalyzeCommand),
                                         cl::cat(AnalyzeCategory));
static cl::opt<OutputFormat, false, ValuesParser<OutputFormat>>
    Format("format", cl::desc("Output format"), outputFormatValues(),
           cl::init(OutputFormat::Table), cl::sub(AnalyzeCommand),
           cl::cat(AnalyzeCategory));
static cl::opt<std::string>
    OutputPath("o",
               cl::desc("Write the output to FILE (replaced atomically) "
                        "instead of stdout"),
               cl::value_desc("FILE"), cl::sub(AnalyzeCommand),
               cl::cat(AnalyzeCategory));

static constexpr StringLiteral DatabaseName = "compile_commands.json";

// What followed `--` on the command line, if anything did.
static std::optional<std::vector<std::string>> CommandLineFlags;

void frugal::setAnalyzeCommandLineFlags(std::vector<std::string> Flags) {
  CommandLineFlags = std::move(Flags);
}
static constexpr unsigned TableWidth = 100;
/// Progress is shown whatever stderr is above this many files.
static constexpr size_t AlwaysShowProgressAbove = 10;

namespace {

/// Counts a file's errors, driver's and compiler's, and prints them as
/// clang does.
class CountingDiagnostics : public clang::DiagnosticConsumer {
public:
  CountingDiagnostics()
#if CLANG_VERSION_MAJOR >= 21
      : Printer(errs(), Options)
#else
      : Options(new clang::DiagnosticOptions()), Printer(errs(), Options.get())
#endif
  {
    options().ShowColors = errs().has_colors();
  }

  void BeginSourceFile(const clang::LangOptions &LangOpts,
                       const clang::Preprocessor *PP) override {
    Printer.BeginSourceFile(LangOpts, PP);
  }
  void EndSourceFile() override { Printer.EndSourceFile(); }
  void finish() override { Printer.finish(); }
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info); // Counts it.
    Printer.HandleDiagnostic(Level, Info);
    if (Level >= clang::DiagnosticsEngine::Error &&
        Info.getLocation().isValid())
      ErrorLocations.push_back(Info.getLocation());
  }

  /// Where the errors are: a body holding one is not reported, even when
  /// clang's recovery left no trace of the error in the AST.
  std::vector<clang::SourceLocation> ErrorLocations;

private:
#if CLANG_VERSION_MAJOR >= 21
  clang::DiagnosticOptions &options() { return Options; }
  clang::DiagnosticOptions Options;
#else
  clang::DiagnosticOptions &options() { return *Options; }
  IntrusiveRefCntPtr<clang::DiagnosticOptions> Options;
#endif
  clang::TextDiagnosticPrinter Printer;
};

/// What the translation units add to.
struct AnalysisState {
  std::vector<FunctionSummary> Functions;
  /// Keys of the functions reported so far: the first definition wins.
  StringSet<> Seen;
  /// The errors of the file being analysed.
  const std::vector<clang::SourceLocation> *ErrorLocations = nullptr;
};

/// The functions a translation unit reports, in the order of the AST.
class FunctionCollector : public clang::RecursiveASTVisitor<FunctionCollector> {
public:
  FunctionCollector(const clang::SourceManager &SM, bool HasErrors,
                    ArrayRef<clang::SourceLocation> Errors)
      : SM(SM), HasErrors(HasErrors), Errors(Errors) {}

  // Instantiations are functions of their own; lambdas' operator() and
  // generic lambdas' instantiations are reached through the implicit
  // lambda class.
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(clang::Decl *D) {
    // Nothing in a system header is reported: skip its declarations whole
    // (instantiations of the project's templates are reached from the
    // templates, which are not in system headers).
    if (D && !isa<clang::TranslationUnitDecl>(D) && inSystemHeader(D))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitFunctionDecl(clang::FunctionDecl *FD) {
    if (reported(*FD) && Visited.insert(FD).second)
      Functions.push_back(FD);
    return true;
  }

  std::vector<const clang::FunctionDecl *> Functions;

private:
  bool inSystemHeader(const clang::Decl *D) const {
    clang::SourceLocation Loc = D->getLocation();
    return Loc.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(Loc));
  }

  /// Definitions written in the project: not compiler-generated (implicit
  /// or defaulted members), not templates (their instantiations are), not
  /// consteval (never run), and without errors.
  bool reported(const clang::FunctionDecl &FD) const {
    if (!FD.doesThisDeclarationHaveABody() || FD.isImplicit() ||
        FD.isDefaulted() || FD.isDependentContext() || FD.isConsteval() ||
        FD.isInvalidDecl() || inSystemHeader(&FD))
      return false;
    return FD.getBody() &&
           (!HasErrors || (ErrorFree().TraverseStmt(FD.getBody()) &&
                           !holdsError(FD.getBody())));
  }

  bool holdsError(const clang::Stmt *Body) const {
    clang::SourceLocation Begin = SM.getExpansionLoc(Body->getBeginLoc());
    clang::SourceLocation End = SM.getExpansionLoc(Body->getEndLoc());
    for (clang::SourceLocation L : Errors) {
      L = SM.getExpansionLoc(L);
      if (!SM.isBeforeInTranslationUnit(L, Begin) &&
          !SM.isBeforeInTranslationUnit(End, L))
        return true;
    }
    return false;
  }

  /// Looks for the expressions clang keeps in place of erroneous code:
  /// TraverseStmt returns false when it meets one.
  struct ErrorFree : clang::RecursiveASTVisitor<ErrorFree> {
    bool VisitExpr(clang::Expr *E) { return !E->containsErrors(); }
  };

  const clang::SourceManager &SM;
  /// Whether the translation unit has errors, so that bodies may.
  bool HasErrors;
  ArrayRef<clang::SourceLocation> Errors;
  DenseSet<const clang::FunctionDecl *> Visited;
};

class AnalyzeConsumer : public clang::ASTConsumer {
public:
  AnalyzeConsumer(AnalysisState &State, std::string CompileDirectory)
      : State(State), CompileDirectory(std::move(CompileDirectory)) {}

  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    IdentityBuilder Ids(Ctx, CompileDirectory);
    FunctionCollector Collector(
        Ctx.getSourceManager(), Ctx.getDiagnostics().hasErrorOccurred(),
        State.ErrorLocations ? ArrayRef(*State.ErrorLocations)
                             : ArrayRef<clang::SourceLocation>());
    Collector.TraverseDecl(Ctx.getTranslationUnitDecl());
    for (const clang::FunctionDecl *FD : Collector.Functions) {
      FunctionSummary S;
      Ids.identify(*FD, S);
      if (!State.Seen.insert(S.Key).second)
        continue;
      SyntaxMetrics M = measureSyntax(*FD);
      S.Statements = M.Statements;
      S.Cyclomatic = M.Cyclomatic;
      S.Cognitive = M.Cognitive;
      S.MaxLoopDepth = M.MaxLoopDepth;
      analyzeBody(*FD, Ctx, Ids, S);
      State.Functions.push_back(std::move(S));
    }
  }

private:
  AnalysisState &State;
  std::string CompileDirectory;
};

class AnalyzeAction : public clang::ASTFrontendAction {
public:
  explicit AnalyzeAction(AnalysisState &State) : State(State) {}

  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &CI, StringRef) override {
    // The directory the debug info names (the driver passes the compile
    // command's directory as -fdebug-compilation-dir unless the command
    // chose another): relative files are resolved against it, as the pass
    // resolves them.
    std::string WorkingDir;
    if (ErrorOr<std::string> CWD =
            CI.getVirtualFileSystem().getCurrentWorkingDirectory())
      WorkingDir = *CWD;
    StringRef Debug = CI.getCodeGenOpts().DebugCompilationDir;
    SmallString<256> Dir(WorkingDir);
    if (sys::path::is_absolute(Debug))
      Dir = Debug;
    else
      sys::path::append(Dir, Debug);
    return std::make_unique<AnalyzeConsumer>(State, Dir.str().str());
  }

private:
  AnalysisState &State;
};

class AnalyzeActionFactory : public clang::tooling::FrontendActionFactory {
public:
  explicit AnalyzeActionFactory(AnalysisState &State) : State(State) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<AnalyzeAction>(State);
  }

private:
  AnalysisState &State;
};

} // namespace

/// Compile commands as the analysis needs them: clang's builtin headers
/// from the clang frugal was built with (the tool is not in clang's
/// directory, where the driver looks), no plugins (frugal-clang's pass is
/// for code generation, which does not run), and no warnings (-w: the
/// output is the analysis; errors still count and print).
static clang::tooling::ArgumentsAdjuster analysisAdjuster() {
  return [](const clang::tooling::CommandLineArguments &Args, StringRef) {
    clang::tooling::CommandLineArguments Out;
    bool HasResourceDir = false;
    for (size_t I = 0; I < Args.size(); ++I) {
      StringRef Arg = Args[I];
      if (Arg.starts_with("-fpass-plugin=") || Arg.starts_with("-fplugin="))
        continue;
      if (Arg == "-Xclang" && I + 3 < Args.size() && Args[I + 1] == "-load" &&
          Args[I + 2] == "-Xclang") {
        I += 3;
        continue;
      }
      if (Arg == "-resource-dir" || Arg.starts_with("-resource-dir="))
        HasResourceDir = true;
      Out.push_back(Args[I]);
    }
    if (Out.empty())
      return Out;
    std::vector<std::string> Added = {"-w"};
    if (!HasResourceDir && sys::fs::is_directory(FRUGAL_CLANG_RESOURCE_DIR))
      Added.push_back("-resource-dir=" FRUGAL_CLANG_RESOURCE_DIR);
    Out.insert(Out.begin() + 1, Added.begin(), Added.end());
    return Out;
  };
}

/// Path absolute against the current directory, without . and ..
/// components, native: how the database keys its files.
static std::string normalPath(StringRef Path, StringRef Base = "") {
  SmallString<256> P(Path);
  if (!sys::path::is_absolute(P)) {
    if (Base.empty()) {
      sys::fs::make_absolute(P);
    } else {
      P = Base;
      sys::path::append(P, Path);
    }
  }
  sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  sys::path::native(P);
  return P.str().str();
}

/// The compile_commands.json to read: in -p's directory (or -p itself when
/// it names a file), else in the first FILE's directory or the current
/// one, or the nearest of their parents that has one.
static Expected<std::string> findDatabase(StringRef BuildPath,
                                          ArrayRef<std::string> SourcePaths) {
  if (!BuildPath.empty()) {
    std::string Dir = normalPath(BuildPath);
    if (!sys::fs::exists(Dir))
      return makeError("no such directory: " + Dir,
                       "pass -p the build directory (where cmake writes " +
                           DatabaseName + ")");
    if (!sys::fs::is_directory(Dir))
      return Dir; // The database itself.
    SmallString<256> Path(Dir);
    sys::path::append(Path, DatabaseName);
    if (sys::fs::exists(Path))
      return Path.str().str();
    return makeError("no " + DatabaseName + " in " + Dir,
                     "pass -p BUILD_DIR or configure with "
                     "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON");
  }
  std::string Start =
      SourcePaths.empty()
          ? normalPath(".")
          : normalPath(sys::path::parent_path(normalPath(SourcePaths.front())));
  for (StringRef Dir = Start; !Dir.empty(); Dir = sys::path::parent_path(Dir)) {
    SmallString<256> Path(Dir);
    sys::path::append(Path, DatabaseName);
    if (sys::fs::exists(Path))
      return Path.str().str();
  }
  return makeError("no " + DatabaseName + " in " + Start + " or its parents",
                   "pass -p BUILD_DIR or configure with "
                   "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON");
}

/// Reads the database; checks that it is JSON first, since clang's parser
/// reports syntax errors without their place.
static Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadDatabase(StringRef Path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buffer = MemoryBuffer::getFile(Path);
  if (!Buffer)
    return makeError("cannot read " + Path + ": " + Buffer.getError().message(),
                     "check its permissions");
  StringRef Fix = "fix it, or regenerate it (cmake "
                  "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON)";
  if (Expected<json::Value> V = json::parse((*Buffer)->getBuffer()); !V) {
    // json::ParseError logs "[LINE:COLUMN, byte=OFFSET]: MESSAGE"; say
    // "FILE:LINE:COLUMN: MESSAGE" as Profile.cpp does.
    std::string Logged = toString(V.takeError());
    StringRef Rest = Logged, Line, Column;
    std::string Where = (Path + ": " + Logged).str();
    if (Rest.consume_front("[")) {
      std::tie(Line, Rest) = Rest.split(':');
      std::tie(Column, Rest) = Rest.split(',');
      if (Rest.consume_front(" byte=") && Rest.contains("]: "))
        Where =
            (Path + ":" + Line + ":" + Column + ": " + Rest.split("]: ").second)
                .str();
    }
    return makeError("invalid JSON at " + Where, Fix);
  }
  std::string Message;
  std::unique_ptr<clang::tooling::CompilationDatabase> DB =
      clang::tooling::JSONCompilationDatabase::loadFromFile(
          Path, Message, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB)
    return makeError(Path + ": " + StringRef(Message).rtrim(".") +
                         " (not a compilation database)",
                     Fix);
  DB = clang::tooling::expandResponseFiles(std::move(DB),
                                           vfs::getRealFileSystem());
  return clang::tooling::inferTargetAndDriverMode(std::move(DB));
}

/// The files to analyse: FILES, or every file of the database in its order.
static Expected<std::vector<std::string>>
selectFiles(const clang::tooling::CompilationDatabase &DB,
            StringRef DatabasePath, ArrayRef<std::string> SourcePaths) {
  std::vector<std::string> Files;
  StringSet<> Seen;
  if (SourcePaths.empty()) {
    for (const clang::tooling::CompileCommand &C : DB.getAllCompileCommands()) {
      std::string File = normalPath(C.Filename, C.Directory);
      if (Seen.insert(File).second)
        Files.push_back(std::move(File));
    }
    if (Files.empty())
      return makeError(DatabasePath + " lists no files",
                       "regenerate it, or pass -p the build directory of "
                       "the project");
    return Files;
  }
  for (const std::string &Path : SourcePaths) {
    std::string File = normalPath(Path);
    if (DB.getCompileCommands(File).empty())
      return makeError(Path + " is not in " + DatabasePath,
                       "name a file the database lists (headers are "
                       "analysed through the files that include them), or "
                       "regenerate it");
    if (Seen.insert(File).second)
      Files.push_back(std::move(File));
  }
  return Files;
}

/// Parses File with each of its compile commands and adds its functions to
/// State.
static FileStatus analyzeFile(const clang::tooling::CompilationDatabase &DB,
                              const std::string &File, AnalysisState &State) {
  FileStatus Status;
  Status.File = File;
  // ClangTool aborts the process on a directory it cannot enter.
  for (const clang::tooling::CompileCommand &C : DB.getCompileCommands(File)) {
    if (!sys::fs::is_directory(C.Directory)) {
      printError(File + ": the directory of its compile command, " +
                     C.Directory + ", does not exist",
                 "regenerate compile_commands.json");
      Status.Ok = false;
      return Status;
    }
  }
  // A file the database lists but the disk lacks is not a compile error.
  if (std::error_code EC = sys::fs::access(File, sys::fs::AccessMode::Exist)) {
    printError(File + ": cannot be read (" + EC.message() + ")",
               "regenerate compile_commands.json, or restore the file");
    Status.Ok = false;
    return Status;
  }
  clang::tooling::ClangTool Tool(DB, {File});
  Tool.appendArgumentsAdjuster(analysisAdjuster());
  Tool.setPrintErrorMessage(false);
  CountingDiagnostics Diagnostics;
  Tool.setDiagnosticConsumer(&Diagnostics);
  AnalyzeActionFactory Factory(State);
  State.ErrorLocations = &Diagnostics.ErrorLocations;
  int Result = Tool.run(&Factory);
  State.ErrorLocations = nullptr;
  Status.Errors = Diagnostics.getNumErrors();
  Status.Ok = Result == 0 && Status.Errors == 0;
  if (!Status.Ok)
    printError(File + ": " + Twine(Status.Errors) + " compile error" +
                   (Status.Errors == 1 ? "" : "s") +
                   " (clang's messages above), so only its functions "
                   "without errors are reported",
               "fix the errors or the compile command (" + DatabaseName + ")");
  return Status;
}

/// Writes the output to OS in the selected format.
static void writeReport(raw_ostream &OS, const StaticReport &Report) {
  switch (Format) {
  case OutputFormat::Json:
    writeJson(OS, Report);
    return;
  case OutputFormat::Csv:
    writeCsvRow(OS, csvColumns());
    for (const FunctionSummary &F : Report.Functions)
      writeCsvRow(OS, csvFields(F));
    return;
  case OutputFormat::Table: {
    std::vector<std::string> Headers = tableHeaders();
    auto Build = [&](unsigned NameWidth) {
      std::vector<Table::Column> Columns;
      for (unsigned I = 0; I < NumTableColumns; ++I) {
        Table::Column C;
        C.Header = Headers[I];
        switch (I) {
        case TableFunction:
          C.Elastic = true;
          break;
        case TableLocation:
          C.MaxWidth = 20;
          C.KeepEnd = true;
          break;
        case TableCyclomatic:
        case TableCognitive:
          C.Alignment = Table::Align::Right;
          break;
        default:
          C.Alignment = Table::Align::Right;
          C.MaxWidth = 12;
          break;
        }
        Columns.push_back(std::move(C));
      }
      Table T(std::move(Columns));
      for (const FunctionSummary &F : Report.Functions) {
        std::vector<std::string> Cells = tableCells(F);
        if (NameWidth)
          Cells[TableFunction] =
              shortFunctionName(Cells[TableFunction], NameWidth);
        T.addRow(std::move(Cells));
      }
      return T;
    };
    Table T = Build(0);
    T = Build(T.elasticWidth(TableWidth));
    T.print(OS, TableWidth);
    size_t Failed =
        count_if(Report.Files, [](const FileStatus &S) { return !S.Ok; });
    OS << '\n'
       << Report.Functions.size() << " function"
       << (Report.Functions.size() == 1 ? "" : "s") << " in "
       << Report.Files.size() << " file"
       << (Report.Files.size() == 1 ? "" : "s");
    if (Failed)
      OS << " (" << Failed << " did not compile)";
    OS << ".\n≤ upper bound, ≥ lower bound (some operations not counted), "
          "~ neither, ? unknown; --format=json has every figure and why.\n";
    return;
  }
  }
}

/// Analyses \p Files of \p DB, showing progress on stderr when asked.
static StaticReport analyzeFiles(const clang::tooling::CompilationDatabase &DB,
                                 ArrayRef<std::string> Files, bool Progress) {
  AnalysisState State;
  StaticReport Report;
  Report.Generator = "frugal analyze " FRUGAL_VERSION;
  Report.LLVMVersion = LLVM_VERSION_STRING;
  for (size_t I = 0; I < Files.size(); ++I) {
    const std::string &File = Files[I];
    if (Progress)
      errs() << "frugal: analyze: [" << I + 1 << "/" << Files.size() << "] "
             << File << "\n";
    Report.Files.push_back(analyzeFile(DB, File, State));
  }
  computeTotals(State.Functions);
  Report.Functions = std::move(State.Functions);
  sortFunctions(Report.Functions);
  return Report;
}

static bool allFilesOk(const StaticReport &Report) {
  return all_of(Report.Files, [](const FileStatus &S) { return S.Ok; });
}

Expected<std::string> frugal::analyzeBuildDirToJson(StringRef BuildDir,
                                                    bool &AllFilesOk) {
  Expected<std::string> DatabasePath = findDatabase(BuildDir, {});
  if (!DatabasePath)
    return DatabasePath.takeError();
  auto DB = loadDatabase(*DatabasePath);
  if (!DB)
    return DB.takeError();
  Expected<std::vector<std::string>> Files =
      selectFiles(**DB, *DatabasePath, {});
  if (!Files)
    return Files.takeError();
  StaticReport Report =
      analyzeFiles(**DB, *Files, sys::Process::StandardErrIsDisplayed());
  AllFilesOk = allFilesOk(Report);
  std::string Json;
  raw_string_ostream OS(Json);
  writeJson(OS, Report);
  return Json;
}

/// Writes \p Report to stdout or -o FILE; the exit status.
static int emitReport(const StaticReport &Report) {
  if (OutputPath.empty())
    writeReport(outs(), Report);
  else if (Error E = writeFileAtomically(
               OutputPath, [&](raw_ostream &OS) { writeReport(OS, Report); }))
    return reportError(std::move(E));
  return allFilesOk(Report) ? ExitSuccess : ExitFailure;
}

/// The database of `frugal analyze FILES -- FLAGS`: every FILE compiled in
/// the current directory with FLAGS.
static Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
commandLineDatabase(std::vector<std::string> &Files) {
  if (SourcePaths.empty())
    return makeError("no file before '--'",
                     "name the files to analyse: frugal analyze FILE... -- "
                     "FLAGS");
  if (!BuildPath.empty())
    return makeError("-p and '--' both given",
                     "use -p BUILD_DIR (compile_commands.json) or FILE... -- "
                     "FLAGS (one command line), not both");
  SmallString<256> Cwd;
  if (std::error_code EC = sys::fs::current_path(Cwd))
    return makeError("cannot read the current directory: " + EC.message(),
                     "run frugal from an existing directory");
  for (const std::string &Path : SourcePaths) {
    if (!sys::fs::is_regular_file(Path))
      return makeError("no file '" + Path + "'",
                       "name an existing source file before '--'");
    Files.push_back(normalPath(Path));
  }
  std::unique_ptr<clang::tooling::CompilationDatabase> DB =
      std::make_unique<clang::tooling::FixedCompilationDatabase>(
          Cwd, *CommandLineFlags);
  return clang::tooling::inferTargetAndDriverMode(std::move(DB));
}

static int runAnalyze() {
  if (CommandLineFlags) {
    std::vector<std::string> Files;
    auto DB = commandLineDatabase(Files);
    if (!DB) {
      printError(DB.takeError());
      return ExitUsage;
    }
    return emitReport(analyzeFiles(**DB, Files, /*Progress=*/false));
  }
  Expected<std::string> DatabasePath = findDatabase(BuildPath, SourcePaths);
  if (!DatabasePath) {
    printError(DatabasePath.takeError());
    return ExitUsage;
  }
  auto DB = loadDatabase(*DatabasePath);
  if (!DB)
    return reportError(DB.takeError());
  Expected<std::vector<std::string>> Files =
      selectFiles(**DB, *DatabasePath, SourcePaths);
  if (!Files) {
    printError(Files.takeError());
    return SourcePaths.empty() ? ExitFailure : ExitUsage;
  }

  bool Progress = Files->size() > AlwaysShowProgressAbove ||
                  (Files->size() > 1 && sys::Process::StandardErrIsDisplayed());
  return emitReport(analyzeFiles(**DB, *Files, Progress));
}

static CommandRegistration Registered(AnalyzeCommand, runAnalyze);
