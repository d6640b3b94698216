//===- StaticData.cpp - frugal analyze's output, joined to profiles -------===//

#include "StaticData.h"

#include "AnalyzeProject.h"
#include "ExprEval.h"
#include "FiniteNumbers.h"

#include "support/Diagnostics.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace llvm;

namespace frugal {

/// The schema_version of `frugal analyze`'s JSON this frugal reads.
static constexpr int64_t StaticSchemaVersion = 1;

// An expression is a number, a string, or null (lost).
static bool fromJSON(const json::Value &V, StaticExpr &E, json::Path P) {
  if (V.kind() == json::Value::Null) {
    E.Text.clear();
    return true;
  }
  if (std::optional<int64_t> I = V.getAsInteger()) {
    E.Text = std::to_string(*I);
    return true;
  }
  if (std::optional<StringRef> S = V.getAsString()) {
    if (S->empty()) {
      P.report("expected a number, an expression or null");
      return false;
    }
    E.Text = S->str();
    return true;
  }
  P.report("expected a number, an expression or null");
  return false;
}

// ops.self or ops.total: the expressions by key into \p Out, and the number
// of uncounted lines.
static bool readOps(const json::Value &V,
                    std::map<std::string, StaticExpr> &Out, size_t &Uncounted,
                    json::Path P) {
  const json::Object *O = V.getAsObject();
  if (!O) {
    P.report("expected object");
    return false;
  }
  for (const auto &[Key, Value] : *O) {
    if (Key == "math_calls")
      continue;
    if (Key == "uncounted") {
      const json::Array *A = Value.getAsArray();
      if (!A) {
        P.field("uncounted").report("expected array");
        return false;
      }
      Uncounted = A->size();
      continue;
    }
    StaticExpr E;
    if (!fromJSON(Value, E, P.field(Key)))
      return false;
    Out[StringRef(Key).str()] = std::move(E);
  }
  if (!Out.count("flops")) {
    P.field("flops").report("missing value");
    return false;
  }
  return true;
}

static bool fromJSON(const json::Value &V, StaticFunction &F, json::Path P) {
  json::ObjectMapper O(V, P);
  if (!(O && O.map("name", F.Name) && O.map("linkage_name", F.LinkageName) &&
        O.map("file", F.File) && O.map("resolved_file", F.ResolvedFile) &&
        O.map("line", F.Line) && O.map("params", F.Params) &&
        O.map("statements", F.Statements) &&
        O.map("cyclomatic", F.Cyclomatic) && O.map("cognitive", F.Cognitive) &&
        O.map("max_loop_depth", F.MaxLoopDepth) &&
        O.mapOptional("recursive", F.Recursive)))
    return false;
  // complexity, ops.total and memory are objects of their own.
  const json::Object *Obj = V.getAsObject();
  static const json::Value Null = nullptr;
  auto Member = [&](StringRef Key) -> const json::Value & {
    const json::Value *M = Obj->get(Key);
    return M ? *M : Null;
  };
  json::ObjectMapper C(Member("complexity"), P.field("complexity"));
  if (!(C && C.map("big_o", F.BigO) && C.map("confidence", F.Confidence)))
    return false;
  const json::Object *Ops = Obj->getObject("ops");
  size_t SelfUncounted = 0;
  for (StringRef Key : {StringRef("self"), StringRef("total")}) {
    if (!Ops || !Ops->get(Key)) {
      P.field("ops").field(Key).report("missing value");
      return false;
    }
    bool IsSelf = Key == "self";
    if (!readOps(*Ops->get(Key), IsSelf ? F.Self : F.Total,
                 IsSelf ? SelfUncounted : F.Uncounted,
                 P.field("ops").field(Key)))
      return false;
  }
  const json::Value &Memory = Member("memory");
  json::ObjectMapper M(Memory, P.field("memory"));
  if (!(M && M.map("stack_bytes", F.StackBytes) &&
        M.map("heap_bytes", F.HeapBytes) &&
        M.map("bytes_touched", F.BytesTouched)))
    return false;
  if (const json::Value *AI =
          Memory.getAsObject()->get("arithmetic_intensity")) {
    if (std::optional<double> D = AI->getAsNumber()) {
      std::string S;
      raw_string_ostream(S) << json::Value(*D);
      F.ArithmeticIntensity = S;
    } else if (std::optional<StringRef> S = AI->getAsString()) {
      F.ArithmeticIntensity = S->str();
    }
  }
  return true;
}

Expected<StaticAnalysis> parseStatic(StringRef Text, StringRef Path) {
  StringRef Fix = "pass the output of `frugal analyze --format=json` (-o "
                  "FILE), or -p BUILD_DIR to run the analysis";
  Expected<json::Value> Root = json::parse(Text);
  if (!Root) {
    consumeError(Root.takeError());
    return makeError(Path + ": not JSON, or truncated", Fix);
  }
  const json::Object *Obj = Root->getAsObject();
  if (!Obj || !Obj->get("functions") || !Obj->get("files"))
    return makeError(Path + ": not the output of frugal analyze (no "
                            "\"functions\" and \"files\")",
                     Fix);
  std::optional<int64_t> Version = Obj->getInteger("schema_version");
  if (!Version)
    return makeError(Path + ": no integer schema_version", Fix);
  if (*Version != StaticSchemaVersion)
    return makeError(Path + ": unsupported schema_version " + Twine(*Version) +
                         " of frugal analyze's output (this frugal reads " +
                         Twine(StaticSchemaVersion) + ")",
                     "rerun the frugal analyze that comes with this frugal");
  StaticAnalysis Result;
  Result.Source = Path.str();
  json::Path::Root Where("static");
  if (!requireFiniteNumbers(*Root, Where) ||
      !fromJSON(*Obj->get("functions"), Result.Functions,
                json::Path(Where).field("functions")))
    return makeError(Path + ": " + toString(Where.getError()),
                     "the file was edited or is incomplete; rerun frugal "
                     "analyze");
  return Result;
}

Expected<StaticAnalysis> readStatic(StringRef Path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buffer =
      MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return makeError("cannot read '" + Path +
                         "': " + Buffer.getError().message(),
                     "check the path; `frugal analyze --format=json -o FILE` "
                     "writes it");
  return parseStatic((*Buffer)->getBuffer(), Path);
}

Expected<StaticAnalysis> analyzeBuildDir(StringRef BuildDir) {
  bool AllFilesOk = true;
  Expected<std::string> Json = analyzeBuildDirToJson(BuildDir, AllFilesOk);
  if (!Json)
    return Json.takeError();
  // The rest of the analysis is still good: a warning, not an error.
  if (!AllFilesOk)
    errs() << "frugal: warning: some files of " << BuildDir
           << " did not compile (clang's messages above), so their functions "
              "with errors have no static figures\n";
  Expected<StaticAnalysis> Result =
      parseStatic(*Json, "analysis of " + BuildDir.str());
  return Result;
}

Expected<std::optional<StaticAnalysis>> loadStaticOption(StringRef StaticPath,
                                                         StringRef BuildDir) {
  if (!StaticPath.empty() && !BuildDir.empty())
    return makeError("--static and -p both give the static figures",
                     "pass one of them");
  if (StaticPath.empty() && BuildDir.empty())
    return std::optional<StaticAnalysis>();
  Expected<StaticAnalysis> S =
      StaticPath.empty() ? analyzeBuildDir(BuildDir) : readStatic(StaticPath);
  if (!S)
    return S.takeError();
  return std::optional<StaticAnalysis>(std::move(*S));
}

std::vector<JoinedFunction> joinStatic(const Profile &Prof,
                                       const StaticAnalysis &Static) {
  // (linkage_name, resolved_file) → the analysis's function.
  StringMap<const StaticFunction *> ByKey;
  auto Key = [](StringRef Linkage, StringRef File) {
    return (Linkage + "\n" + File).str();
  };
  // linkage_name alone → the function, when only one has it: a header the
  // build copied elsewhere (an installed include/) has the same functions
  // under another path.
  StringMap<const StaticFunction *> ByName;
  StringMap<unsigned> NameCount;
  for (const StaticFunction &F : Static.Functions) {
    ByKey.try_emplace(Key(F.LinkageName, F.ResolvedFile), &F);
    ByName.try_emplace(F.LinkageName, &F);
    ++NameCount[F.LinkageName];
  }
  std::vector<JoinedFunction> Joined;
  Joined.reserve(Prof.Functions.size());
  std::vector<bool> Used(Static.Functions.size());
  for (const FunctionRecord &M : Prof.Functions) {
    JoinedFunction J;
    J.Measured = &M;
    if (!M.LinkageName.empty()) {
      auto It = ByKey.find(Key(M.LinkageName, M.ResolvedFile));
      if (It != ByKey.end())
        J.Static = It->second;
      else if (NameCount.lookup(M.LinkageName) == 1)
        J.Static = ByName.lookup(M.LinkageName);
      if (J.Static && Used[J.Static - Static.Functions.data()])
        J.Static = nullptr; // Each analysed function joins once.
      if (J.Static)
        Used[J.Static - Static.Functions.data()] = true;
    }
    Joined.push_back(J);
  }
  for (size_t I = 0; I < Static.Functions.size(); ++I)
    if (!Used[I])
      Joined.push_back({nullptr, &Static.Functions[I]});
  return Joined;
}

EvaluatedExpr evaluatePerCall(const StaticExpr &E, const StaticFunction &F,
                              const FunctionRecord *M) {
  EvaluatedExpr Out;
  if (!E.known()) {
    Out.Why = "the analysis lost this value (overflow)";
    return Out;
  }
  // A constant needs no samples.
  ExprValue Constant = evaluateExpression(
      E.Text, [](StringRef) -> std::optional<double> { return std::nullopt; });
  if (Constant.Value) {
    Out.PerCall = Out.Min = Out.Max = *Constant.Value;
    return Out;
  }
  const ArgSamples *Args = M && M->Args ? &*M->Args : nullptr;
  if (!Args) {
    Out.Why = "no argument values were recorded (compile with "
              "FRUGAL_RECORD_ARGS=1 and -g)";
    return Out;
  }
  // Recorded, but the expression needs a value no sample has: say which,
  // and why it has none.
  auto Explain = [&](const ExprValue &V) {
    Out.Why = V.Error;
    Out.Min = Out.Max = 0;
    if (V.MissingName.empty())
      return;
    if (is_contained(F.Params, V.MissingName))
      Out.Why +=
          " (a parameter the profile did not record: not an integer" +
          (Args->Note.empty() ? std::string(")") : "; " + Args->Note + ")");
    else
      Out.Why += " (not a parameter: a member or global, which are not "
                 "recorded)";
  };
  if (Args->Samples.empty()) {
    ExprValue V =
        evaluateExpression(E.Text, [](StringRef) -> std::optional<double> {
          return std::nullopt;
        });
    Explain(V);
    if (Out.Why.empty() || !Args->Note.empty())
      Out.Why = Args->Note.empty() ? "no call was sampled" : Args->Note;
    return Out;
  }
  double Sum = 0;
  Out.Min = std::numeric_limits<double>::infinity();
  Out.Max = -Out.Min;
  for (const std::vector<int64_t> &Sample : Args->Samples) {
    ExprValue V = evaluateExpression(
        E.Text, [&](StringRef Name) -> std::optional<double> {
          for (size_t I = 0; I < Args->Names.size(); ++I)
            if (Args->Names[I] == Name)
              return static_cast<double>(Sample[I]);
          return std::nullopt;
        });
    if (!V.Value) {
      Explain(V);
      return Out;
    }
    Sum += *V.Value;
    Out.Min = std::min(Out.Min, *V.Value);
    Out.Max = std::max(Out.Max, *V.Value);
  }
  Out.Samples = Args->Samples.size();
  Out.PerCall = Sum / static_cast<double>(Out.Samples);
  return Out;
}

} // namespace frugal
