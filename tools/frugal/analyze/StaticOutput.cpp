//===- StaticOutput.cpp - What `frugal analyze` prints --------------------===//

#include "StaticOutput.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Unicode.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <tuple>

using namespace llvm;

namespace frugal::analysis {

namespace {

/// How a function's expressions order their symbols: its parameters, then
/// the members and globals its loops use, in order.
llvm::ArrayRef<std::string> symbolOrder(const FunctionSummary &F) {
  return F.SymbolOrder.empty() ? llvm::ArrayRef<std::string>(F.Params)
                               : llvm::ArrayRef<std::string>(F.SymbolOrder);
}

/// Whether C expression Text has, outside parentheses, one of the binary
/// operators a product or quotient next to it would bind tighter than:
/// " + " and " - " (Expr::str spaces them), and, with Products, also "*"
/// and "/" and a leading unary minus.
bool needsParentheses(StringRef Text, bool Products) {
  if (Products && Text.starts_with("-"))
    return true;
  int Depth = 0;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '(' || C == '[') {
      ++Depth;
    } else if (C == ')' || C == ']') {
      --Depth;
    } else if (Depth == 0) {
      if ((C == '+' || C == '-') && I > 0 && Text[I - 1] == ' ' &&
          I + 1 < Text.size() && Text[I + 1] == ' ')
        return true;
      if (Products && (C == '*' || C == '/'))
        return true;
    }
  }
  return false;
}

/// V rounded to 4 significant digits, as JSON number text: no exponent
/// between 1e-4 and 1e15.
std::string fourDigits(double V) {
  char Buf[64];
  std::snprintf(Buf, sizeof(Buf), "%.4g", V);
  double Rounded = std::strtod(Buf, nullptr);
  if (std::fabs(Rounded) >= 1e4 && std::fabs(Rounded) < 1e15)
    std::snprintf(Buf, sizeof(Buf), "%.0f", Rounded);
  return Buf;
}

} // namespace

std::string arithmeticIntensity(const FunctionSummary &F, bool *IsNumber) {
  if (IsNumber)
    *IsNumber = false;
  Expr Flops = F.Total.flops();
  const Expr &Bytes = F.Total.BytesTouched;
  if (Flops.overflowed() || Bytes.overflowed() || Bytes.isZero())
    return "";
  std::optional<double> FlopsValue = Flops.constantValue();
  std::optional<double> BytesValue = Bytes.constantValue();
  std::optional<double> Ratio;
  if (FlopsValue && BytesValue)
    Ratio = *FlopsValue / *BytesValue;
  else
    Ratio = constantRatio(Flops, Bytes);
  if (Ratio) {
    if (IsNumber)
      *IsNumber = true;
    return fourDigits(*Ratio);
  }
  std::string Num = Flops.str(symbolOrder(F));
  std::string Den = Bytes.str(symbolOrder(F));
  if (needsParentheses(Num, /*Products=*/false))
    Num = "(" + Num + ")";
  if (needsParentheses(Den, /*Products=*/true))
    Den = "(" + Den + ")";
  return Num + " / " + Den;
}

namespace {

json::Value stringOrNull(StringRef S) {
  return S.empty() ? json::Value(nullptr) : json::Value(S);
}

void writeOps(json::OStream &J, const Cost &C, ArrayRef<std::string> Params) {
  J.object([&] {
    J.attribute("flops", exprToJSON(C.flops(), Params));
    J.attribute("fadd", exprToJSON(C.FAdd, Params));
    J.attribute("fsub", exprToJSON(C.FSub, Params));
    J.attribute("fmul", exprToJSON(C.FMul, Params));
    J.attribute("fdiv", exprToJSON(C.FDiv, Params));
    J.attribute("fma", exprToJSON(C.FMA, Params));
    J.attributeObject("math_calls", [&] {
      for (const auto &[Name, Count] : C.MathCalls) // std::map: sorted.
        J.attribute(Name, exprToJSON(Count, Params));
    });
    J.attribute("int_ops", exprToJSON(C.IntOps, Params));
    J.attribute("load_bytes", exprToJSON(C.LoadBytes, Params));
    J.attribute("store_bytes", exprToJSON(C.StoreBytes, Params));
    J.attribute("calls", exprToJSON(C.Calls, Params));
    J.attribute("iterations", exprToJSON(C.Iterations, Params));
    J.attributeArray("uncounted", [&] {
      for (const std::string &Line : C.Uncounted)
        J.value(Line);
    });
  });
}

void writeFunction(json::OStream &J, const FunctionSummary &F) {
  ArrayRef<std::string> P = symbolOrder(F);
  J.object([&] {
    J.attribute("name", F.Name);
    J.attribute("linkage_name", F.LinkageName);
    J.attribute("file", F.File);
    J.attribute("resolved_file", F.ResolvedFile);
    J.attribute("line", F.Line);
    J.attributeArray("params", [&] {
      for (const std::string &Name : F.Params)
        J.value(Name);
    });
    J.attribute("statements", F.Statements);
    J.attribute("cyclomatic", F.Cyclomatic);
    J.attribute("cognitive", F.Cognitive);
    J.attribute("max_loop_depth", F.MaxLoopDepth);
    J.attributeArray("loops", [&] {
      for (const LoopSummary &L : F.Loops)
        J.object([&] {
          J.attribute("line", L.Line);
          J.attribute("depth", L.Depth);
          J.attribute("trip_count", L.TripCount ? exprToJSON(*L.TripCount, P)
                                                : json::Value(nullptr));
          J.attribute("confidence", confidenceName(L.Conf));
          J.attribute("reason", stringOrNull(L.Reason));
        });
    });
    J.attributeObject("complexity", [&] {
      J.attribute("big_o",
                  F.BigO ? json::Value(*F.BigO) : json::Value(nullptr));
      J.attribute("confidence", confidenceName(F.TotalConf));
      J.attribute("reason", stringOrNull(F.TotalReason));
    });
    J.attributeObject("ops", [&] {
      J.attributeBegin("self");
      writeOps(J, F.Self, P);
      J.attributeEnd();
      J.attributeBegin("total");
      writeOps(J, F.Total, P);
      J.attributeEnd();
    });
    J.attributeObject("memory", [&] {
      J.attribute("stack_bytes", exprToJSON(F.StackBytes, P));
      J.attribute("heap_bytes", exprToJSON(F.Total.HeapBytes, P));
      J.attribute("bytes_touched", exprToJSON(F.Total.BytesTouched, P));
      // The number as rounded, which json::Value would print with 17
      // digits.
      bool IsNumber;
      std::string Intensity = arithmeticIntensity(F, &IsNumber);
      J.attributeBegin("arithmetic_intensity");
      if (IsNumber)
        J.rawValue(Intensity);
      else
        J.value(stringOrNull(Intensity));
      J.attributeEnd();
    });
    J.attribute("recursive", F.Recursive);
  });
}

/// How far F's total figures can be trusted, as the table marks them: ""
/// exact, "≤" an upper bound, "≥" a lower bound (some operations were not
/// counted), "~" neither.
StringRef boundMark(const FunctionSummary &F) {
  bool Upper = F.TotalConf == Confidence::UpperBound;
  bool Lower = !F.Total.Uncounted.empty();
  return Upper && Lower ? "~" : Upper ? "≤" : Lower ? "≥" : "";
}

/// A figure of F's totals as a table cell: marked, or "?" when lost.
std::string markedCell(std::string Text, const FunctionSummary &F) {
  return Text.empty() ? "?" : (boundMark(F) + Text).str();
}

unsigned widthOf(StringRef Text) {
  int Width = sys::unicode::columnWidthUTF8(Text);
  return Width < 0 ? Text.size() : static_cast<unsigned>(Width);
}

/// Whether Name[I], a bracket, belongs to an operator's name
/// ("operator<", "operator<<", "operator->", "operator<=>", "operator()").
bool inOperatorName(StringRef Name, size_t I) {
  StringRef Before = Name.take_front(I);
  return Before.ends_with("operator") || Before.ends_with("operator<") ||
         Before.ends_with("operator>") || Before.ends_with("operator-") ||
         Before.ends_with("operator<=");
}

/// Name without the return type llvm::demangle writes before function
/// template specializations ("double dot<double>(…)" becomes
/// "dot<double>(…)"): what precedes the last space outside brackets before
/// the first parenthesis.
std::string withoutReturnType(StringRef Name) {
  int Angles = 0;
  size_t Cut = StringRef::npos;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    if (C == '(' && Angles == 0)
      break;
    if ((C == '<' || C == '>') && inOperatorName(Name, I))
      continue;
    if (C == '<')
      ++Angles;
    else if (C == '>' && Angles > 0)
      --Angles;
    else if (C == ' ' && Angles == 0 && !inOperatorName(Name, I))
      Cut = I;
  }
  return (Cut == StringRef::npos ? Name : Name.drop_front(Cut + 1)).str();
}

/// Name with the contents of each parenthesised list outside other
/// brackets replaced by "…" (parameter lists; not "(anonymous namespace)").
std::string withoutParameters(StringRef Name) {
  std::string Out;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    Out += C;
    if (C != '(' || inOperatorName(Name, I))
      continue;
    int Depth = 1;
    size_t Close = I + 1;
    for (; Close < Name.size() && Depth; ++Close)
      Depth += Name[Close] == '(' ? 1 : Name[Close] == ')' ? -1 : 0;
    if (Depth)
      break; // Unbalanced: keep the rest as it is.
    StringRef Inside = Name.slice(I + 1, Close - 1);
    if (Inside.empty() || Inside == "anonymous namespace")
      continue;
    Out += "…)";
    I = Close - 1;
  }
  return Out;
}

/// Name without the qualifiers after parameter lists (" const", " &&"),
/// and a lambda's "::operator()(…)" (it is named by its class: "$_0",
/// "'lambda'(…)"), and with "(anon)" for "(anonymous namespace)".
std::string withoutQualifiers(StringRef Name) {
  std::string Out = Name.str();
  for (size_t At;
       (At = Out.find("(anonymous namespace)")) != std::string::npos;)
    Out.replace(At, strlen("(anonymous namespace)"), "(anon)");
  for (StringRef Qualifier : {" const", " volatile", " &&", " &"}) {
    std::string After = (")" + Qualifier).str();
    for (size_t At; (At = Out.find(After)) != std::string::npos;)
      Out.erase(At + 1, Qualifier.size());
  }
  StringRef Call = "::operator()(…)";
  if (StringRef(Out).ends_with(Call)) {
    StringRef Class = StringRef(Out).drop_back(Call.size());
    if (Class.rsplit("::").second.starts_with("$_") ||
        Class.ends_with("'lambda'(…)") || Class.contains("'lambda"))
      Out.resize(Class.size());
  }
  return Out;
}

/// Name with each template argument list outside parentheses replaced by
/// "<…>" ("Net<float, 3u>::f" becomes "Net<…>::f").
std::string withoutTemplateArguments(StringRef Name) {
  std::string Out;
  int Parens = 0, Angles = 0;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    bool Operator =
        (C == '<' || C == '>' || C == '(') && inOperatorName(Name, I);
    if (!Operator && Angles == 0) {
      if (C == '(')
        ++Parens;
      else if (C == ')' && Parens > 0)
        --Parens;
    }
    if (!Operator && Parens == 0 && C == '<') {
      if (Angles++ == 0)
        Out += "<…";
      continue;
    }
    if (!Operator && Parens == 0 && C == '>' && Angles > 0) {
      if (--Angles == 0)
        Out += '>';
      continue;
    }
    if (Angles == 0)
      Out += C;
  }
  return Out;
}

/// Text cut to Width columns in the middle, "…" marking the cut: the
/// front names the scope, the end the function.
std::string cutMiddle(StringRef Text, unsigned Width) {
  if (widthOf(Text) <= Width || Width < 8)
    return Text.str();
  // Code points (the first byte of each, in UTF-8); each is one column in
  // a name.
  std::vector<size_t> Starts;
  for (size_t I = 0; I < Text.size(); ++I)
    if ((static_cast<unsigned char>(Text[I]) & 0xC0) != 0x80)
      Starts.push_back(I);
  unsigned Keep = Width - 1;
  size_t Front = Keep * 2 / 5, Back = Keep - Front;
  return (Text.take_front(Starts[Front]) + "…" +
          Text.drop_front(Starts[Starts.size() - Back]))
      .str();
}

} // namespace

void sortFunctions(std::vector<FunctionSummary> &Functions) {
  std::sort(Functions.begin(), Functions.end(),
            [](const FunctionSummary &A, const FunctionSummary &B) {
              return std::tie(A.ResolvedFile, A.Line, A.Name, A.LinkageName) <
                     std::tie(B.ResolvedFile, B.Line, B.Name, B.LinkageName);
            });
}

json::Value exprToJSON(const Expr &E, ArrayRef<std::string> Params) {
  if (E.overflowed())
    return nullptr;
  return E.toJSON(Params);
}

std::string exprText(const Expr &E, ArrayRef<std::string> Params) {
  if (E.overflowed())
    return "";
  if (std::optional<int64_t> V = E.integerValue())
    return std::to_string(*V);
  return E.str(Params);
}

void writeJson(raw_ostream &OS, const StaticReport &Report) {
  json::OStream J(OS, /*IndentSize=*/2);
  J.object([&] {
    J.attribute("schema_version", StaticSchemaVersion);
    J.attribute("generator", Report.Generator);
    J.attribute("llvm_version", Report.LLVMVersion);
    J.attributeArray("files", [&] {
      for (const FileStatus &S : Report.Files)
        J.object([&] {
          J.attribute("file", S.File);
          J.attribute("status", S.Ok ? "ok" : "failed");
          J.attribute("errors", S.Errors);
        });
    });
    J.attributeArray("functions", [&] {
      for (const FunctionSummary &F : Report.Functions)
        writeFunction(J, F);
    });
  });
  OS << '\n';
}

std::vector<std::string> csvColumns() {
  return {"name",
          "linkage_name",
          "file",
          "resolved_file",
          "line",
          "params",
          "statements",
          "cyclomatic",
          "cognitive",
          "max_loop_depth",
          "loops",
          "big_o",
          "complexity_confidence",
          "flops",
          "fadd",
          "fsub",
          "fmul",
          "fdiv",
          "fma",
          "math_calls",
          "int_ops",
          "load_bytes",
          "store_bytes",
          "calls",
          "iterations",
          "uncounted",
          "stack_bytes",
          "heap_bytes",
          "bytes_touched",
          "arithmetic_intensity",
          "self_flops",
          "self_load_bytes",
          "self_store_bytes",
          "self_bytes_touched",
          "recursive"};
}

std::vector<std::string> csvFields(const FunctionSummary &F) {
  ArrayRef<std::string> P = symbolOrder(F);
  const Cost &T = F.Total;
  std::string MathCalls;
  for (const auto &[Name, Count] : T.MathCalls) {
    if (!MathCalls.empty())
      MathCalls += ';';
    MathCalls += Name + ":" + exprText(Count, P);
  }
  return {F.Name,
          F.LinkageName,
          F.File,
          F.ResolvedFile,
          std::to_string(F.Line),
          join(F.Params, ";"),
          std::to_string(F.Statements),
          std::to_string(F.Cyclomatic),
          std::to_string(F.Cognitive),
          std::to_string(F.MaxLoopDepth),
          std::to_string(F.Loops.size()),
          F.BigO ? *F.BigO : "",
          confidenceName(F.TotalConf).str(),
          exprText(T.flops(), P),
          exprText(T.FAdd, P),
          exprText(T.FSub, P),
          exprText(T.FMul, P),
          exprText(T.FDiv, P),
          exprText(T.FMA, P),
          MathCalls,
          exprText(T.IntOps, P),
          exprText(T.LoadBytes, P),
          exprText(T.StoreBytes, P),
          exprText(T.Calls, P),
          exprText(T.Iterations, P),
          std::to_string(T.Uncounted.size()),
          exprText(F.StackBytes, P),
          exprText(T.HeapBytes, P),
          exprText(T.BytesTouched, P),
          arithmeticIntensity(F),
          exprText(F.Self.flops(), P),
          exprText(F.Self.LoadBytes, P),
          exprText(F.Self.StoreBytes, P),
          exprText(F.Self.BytesTouched, P),
          F.Recursive ? "true" : "false"};
}

std::vector<std::string> tableHeaders() {
  return {"function", "file:line", "cyc",   "cog",
          "big-O",    "flops",     "bytes", "flops/byte"};
}

std::vector<std::string> tableCells(const FunctionSummary &F) {
  ArrayRef<std::string> P = symbolOrder(F);
  std::string Location =
      (sys::path::filename(F.File) + ":" + Twine(F.Line)).str();
  std::string BigO = F.BigO ? *F.BigO : "";
  if (!BigO.empty() && F.TotalConf == Confidence::UpperBound)
    BigO = "≤" + BigO;
  // A quotient of bounds is no bound.
  std::string Intensity = arithmeticIntensity(F);
  if (!Intensity.empty() && !boundMark(F).empty())
    Intensity = "~" + Intensity;
  return {F.Name,
          Location,
          std::to_string(F.Cyclomatic),
          std::to_string(F.Cognitive),
          BigO.empty() ? "?" : BigO,
          markedCell(exprText(F.Total.flops(), P), F),
          markedCell(exprText(F.Total.BytesTouched, P), F),
          Intensity.empty() ? "-" : Intensity};
}

std::string shortFunctionName(StringRef Name, unsigned Width) {
  std::string Short = Name.str();
  for (auto Shorten : {withoutReturnType, withoutParameters, withoutQualifiers,
                       withoutTemplateArguments}) {
    if (widthOf(Short) <= Width)
      break;
    Short = Shorten(Short);
  }
  return cutMiddle(Short, Width);
}

} // namespace frugal::analysis
