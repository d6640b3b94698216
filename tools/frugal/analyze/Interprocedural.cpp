//===- Interprocedural.cpp - Callee costs into their callers --------------===//
//
// Two passes. First, every call of a function without an analysed
// definition gets its built-in cost (Builtins.h) added to the caller's Self,
// or an Uncounted line. Then the strongly connected components of the call
// graph, callees before callers: a function's Total is its Self plus, for
// each call of an analysed function outside its component, the callee's
// Total over the call's arguments times the call's count.
//
//===----------------------------------------------------------------------===//

#include "Interprocedural.h"

#include "Builtins.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/GraphTraits.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <deque>
#include <set>
#include <string>
#include <vector>

using namespace llvm;

namespace {

/// A function of the call graph; Callees are the analysed definitions its
/// calls resolve to.
struct CallGraphNode {
  unsigned Index = 0;
  SmallVector<CallGraphNode *, 4> Callees;
};

} // namespace

template <> struct llvm::GraphTraits<CallGraphNode *> {
  using NodeRef = CallGraphNode *;
  using ChildIteratorType = SmallVectorImpl<CallGraphNode *>::iterator;
  static NodeRef getEntryNode(NodeRef N) { return N; }
  static ChildIteratorType child_begin(NodeRef N) { return N->Callees.begin(); }
  static ChildIteratorType child_end(NodeRef N) { return N->Callees.end(); }
};

namespace frugal::analysis {

namespace {

constexpr StringLiteral ThisArrow = "this->";

/// The weakest confidence so far, with the first reason given for it.
struct Verdict {
  Confidence Conf = Confidence::Exact;
  std::string Reason;

  void merge(Confidence C, StringRef Why) {
    if (C > Conf) {
      Conf = C;
      Reason = Why.str();
    } else if (C == Conf && C != Confidence::Exact && Reason.empty()) {
      Reason = Why.str();
    }
  }
};

/// A confidence a call site contributes, computed in the first pass.
struct CallVerdict {
  Confidence Conf = Confidence::Exact;
  std::string Reason;
};

void addLine(Cost &C, std::string Line) {
  if (std::find(C.Uncounted.begin(), C.Uncounted.end(), Line) ==
      C.Uncounted.end())
    C.Uncounted.push_back(std::move(Line));
}

std::set<std::string> symbolsOf(const Cost &C) {
  std::set<std::string> Out;
  C.forEachQuantity([&Out](const Expr &E) {
    for (std::string &S : E.symbols())
      Out.insert(std::move(S));
  });
  return Out;
}

/// How a built-in call's work grows: its iterations with the arguments
/// taken by their leading terms, as a user callee's growth is
/// (sgemm(..., (h - kh + 1) * w, ...) grows as h * w).
Expr builtinGrowth(const CallSite &CS, const BuiltinCost &B) {
  if (CS.LeadingArgs.size() != CS.Args.size())
    return B.PerCall.Iterations;
  CallSite Leading = CS;
  Leading.Args = CS.LeadingArgs;
  std::optional<BuiltinCost> G = builtinCost(Leading);
  return G ? G->PerCall.Iterations : B.PerCall.Iterations;
}

/// Whether every quantity of C is zero (its Uncounted lines aside).
bool countsNothing(const Cost &C) {
  bool Zero = true;
  C.forEachQuantity([&Zero](const Expr &E) { Zero = Zero && E.isZero(); });
  return Zero;
}

/// Where the identifier a symbol is rooted at lies: "cfg" of "cfg->k", "v"
/// of "v.size()", "p" of "(*p).n".
struct Root {
  size_t Begin = 0;
  StringRef Name;
};

Root rootOf(StringRef Symbol) {
  Root R;
  while (R.Begin < Symbol.size() &&
         (Symbol[R.Begin] == '(' || Symbol[R.Begin] == '*' ||
          Symbol[R.Begin] == '&'))
    ++R.Begin;
  size_t End = R.Begin;
  while (End < Symbol.size() && (isAlnum(Symbol[End]) || Symbol[End] == '_'))
    ++End;
  R.Name = Symbol.slice(R.Begin, End);
  return R;
}

bool isIdentifier(StringRef S) {
  return !S.empty() && !isDigit(S.front()) &&
         llvm::all_of(S, [](char C) { return isAlnum(C) || C == '_'; });
}

std::string callName(const CallSite &CS, const FunctionSummary *Callee) {
  if (!CS.CalleeName.empty())
    return CS.CalleeName;
  if (Callee)
    return Callee->Name;
  return "?";
}

std::string callAt(const CallSite &CS, StringRef Name) {
  std::string S;
  raw_string_ostream(S) << "call to " << Name << " at line " << CS.Line;
  return S;
}

/// The replacements that turn the callee's symbols into the caller's at
/// CS; nullopt, with Problem set, when a symbol the callee's Total mentions
/// has no counterpart there.
std::optional<StringMap<Expr>> bindings(const FunctionSummary &Callee,
                                        const CallSite &CS, StringRef Name,
                                        std::string &Problem) {
  StringMap<Expr> Map;
  for (const std::string &Symbol : symbolsOf(Callee.Total)) {
    StringRef S = Symbol;
    if (S.starts_with(ThisArrow)) {
      if (!CS.ThisPrefix) {
        Problem = callAt(CS, Name) + ": cost depends on " + Symbol +
                  ", and the object has no name in the caller";
        return std::nullopt;
      }
      if (*CS.ThisPrefix != ThisArrow)
        Map[Symbol] =
            Expr::symbol(*CS.ThisPrefix + S.drop_front(ThisArrow.size()).str());
      continue;
    }
    Root R = rootOf(S);
    if (R.Name.empty())
      continue;
    auto Param = std::find(Callee.Params.begin(), Callee.Params.end(), R.Name);
    if (Param == Callee.Params.end())
      continue; // a global: the same in the caller
    size_t I = Param - Callee.Params.begin();
    bool Whole = R.Name.size() == S.size();
    if (Whole && I < CS.Args.size() && CS.Args[I]) {
      Map[Symbol] = *CS.Args[I];
      continue;
    }
    if (!Whole && I < CS.ArgNames.size() && CS.ArgNames[I]) {
      // "cfg.n" of parameter cfg, passed the caller's "this->cfg".
      std::string Arg = *CS.ArgNames[I];
      if (R.Begin > 0 && !isIdentifier(Arg))
        Arg = "(" + Arg + ")";
      Map[Symbol] = Expr::symbol(S.take_front(R.Begin).str() + Arg +
                                 S.drop_front(R.Begin + R.Name.size()).str());
      continue;
    }
    Problem = callAt(CS, Name) + ": cost depends on " + Name.str() +
              "'s parameter " + R.Name.str() +
              (Whole ? std::string() : " (" + Symbol + ")") +
              ", not expressible in the caller's parameters";
    return std::nullopt;
  }
  return Map;
}

/// "recursion (f → g → f)": the shortest cycle through Start among the
/// functions of its component.
std::string recursionReason(const std::vector<FunctionSummary> &Functions,
                            const StringMap<unsigned> &ByKey,
                            const DenseMap<unsigned, unsigned> &InComponent,
                            unsigned Start) {
  // Breadth-first from Start; Via[N] is the (function, call) that reached N.
  struct Step {
    unsigned From;
    const CallSite *Call;
  };
  DenseMap<unsigned, Step> Via;
  std::deque<unsigned> Queue{Start};
  const CallSite *Closing = nullptr;
  unsigned Last = Start;
  while (!Queue.empty() && !Closing) {
    unsigned N = Queue.front();
    Queue.pop_front();
    for (const CallSite &CS : Functions[N].Calls) {
      auto It = CS.CalleeKey.empty() ? ByKey.end() : ByKey.find(CS.CalleeKey);
      if (It == ByKey.end() || !InComponent.count(It->second))
        continue;
      unsigned Callee = It->second;
      if (Callee == Start) {
        Closing = &CS;
        Last = N;
        break;
      }
      if (!Via.count(Callee)) {
        Via[Callee] = {N, &CS};
        Queue.push_back(Callee);
      }
    }
  }
  if (!Closing)
    return "recursion";
  SmallVector<std::string, 4> Path;
  for (unsigned N = Last; N != Start; N = Via[N].From)
    Path.push_back(callName(*Via[N].Call, &Functions[N]));
  std::string StartName = callName(*Closing, &Functions[Start]);
  std::string Out = "recursion (" + StartName;
  for (auto It = Path.rbegin(); It != Path.rend(); ++It)
    Out += " \u2192 " + *It;
  Out += " \u2192 " + StartName + ")";
  return Out;
}

} // namespace

void computeTotals(std::vector<FunctionSummary> &Functions) {
  // The first definition of each key: an inline function analysed in
  // several translation units is one function.
  StringMap<unsigned> ByKey;
  for (unsigned I = 0; I < Functions.size(); ++I)
    ByKey.try_emplace(Functions[I].Key, I);
  auto Resolve = [&](const CallSite &CS) -> std::optional<unsigned> {
    if (CS.CalleeKey.empty())
      return std::nullopt;
    auto It = ByKey.find(CS.CalleeKey);
    if (It == ByKey.end())
      return std::nullopt;
    return It->second;
  };

  // Built-in costs into Self; what they leave unknown, per call site.
  std::vector<std::vector<CallVerdict>> Verdicts(Functions.size());
  for (unsigned I = 0; I < Functions.size(); ++I) {
    FunctionSummary &F = Functions[I];
    Verdicts[I].resize(F.Calls.size());
    for (unsigned J = 0; J < F.Calls.size(); ++J) {
      const CallSite &CS = F.Calls[J];
      if (Resolve(CS))
        continue;
      CallVerdict &V = Verdicts[I][J];
      std::optional<BuiltinCost> B;
      if (!CS.CalleeKey.empty() && !CS.CalleeName.empty())
        B = builtinCost(CS);
      std::string Line;
      if (!B) {
        raw_string_ostream OS(Line);
        if (CS.CalleeKey.empty())
          OS << "indirect call"
             << (CS.CalleeName.empty() ? "" : " to " + CS.CalleeName)
             << " at line " << CS.Line << ": target not known statically";
        else
          OS << callAt(CS, CS.CalleeName)
             << ": no definition analyzed and no built-in cost";
        V = {Confidence::Unknown, Line};
        addLine(F.Self, std::move(Line));
        continue;
      }
      // A constant-cost call counts nothing, however often it runs.
      if (CS.CountConf == Confidence::Unknown && !countsNothing(B->PerCall)) {
        Line = callAt(CS, CS.CalleeName) +
               ": in a loop with an unknown trip count, not counted";
        V = {Confidence::Unknown, Line};
        addLine(F.Self, std::move(Line));
        continue;
      }
      Cost Part = B->PerCall.scaled(CS.Count);
      Part.Growth = builtinGrowth(CS, *B) * CS.Count.dominantTerms();
      F.Self += Part;
      V = {B->Conf, B->Reason};
      if (CS.CountConf > V.Conf && CS.CountConf != Confidence::Unknown)
        V = {CS.CountConf,
             callAt(CS, CS.CalleeName) + ": count is an upper bound"};
    }
  }

  // The call graph, with a root that reaches every function.
  std::vector<CallGraphNode> Nodes(Functions.size());
  CallGraphNode Root;
  for (unsigned I = 0; I < Functions.size(); ++I) {
    Nodes[I].Index = I;
    Root.Callees.push_back(&Nodes[I]);
    for (const CallSite &CS : Functions[I].Calls)
      if (std::optional<unsigned> Callee = Resolve(CS))
        Nodes[I].Callees.push_back(&Nodes[*Callee]);
  }

  // Components come callees first.
  for (auto SCC = scc_begin(&Root); !SCC.isAtEnd(); ++SCC) {
    const std::vector<CallGraphNode *> &Members = *SCC;
    if (Members.size() == 1 && Members.front() == &Root)
      continue;
    DenseMap<unsigned, unsigned> InComponent;
    for (CallGraphNode *N : Members)
      InComponent[N->Index] = 1;
    bool Recursive = Members.size() > 1;
    if (!Recursive) {
      unsigned Only = Members.front()->Index;
      for (const CallSite &CS : Functions[Only].Calls)
        if (Resolve(CS) == Only)
          Recursive = true;
    }

    for (CallGraphNode *N : Members) {
      unsigned I = N->Index;
      FunctionSummary &F = Functions[I];
      Verdict V;
      V.merge(F.SelfConf, F.SelfReason);
      F.Recursive = Recursive;
      if (Recursive)
        V.merge(Confidence::Unknown,
                recursionReason(Functions, ByKey, InComponent, I));
      Cost Total = F.Self;

      for (unsigned J = 0; J < F.Calls.size(); ++J) {
        const CallSite &CS = F.Calls[J];
        std::optional<unsigned> CalleeIndex = Resolve(CS);
        if (!CalleeIndex) {
          V.merge(Verdicts[I][J].Conf, Verdicts[I][J].Reason);
          continue;
        }
        const FunctionSummary &Callee = Functions[*CalleeIndex];
        std::string Name = callName(CS, &Callee);
        if (InComponent.count(*CalleeIndex)) {
          std::string Line;
          raw_string_ostream(Line)
              << "recursive call to " << Name << " at line " << CS.Line;
          addLine(Total, std::move(Line));
          continue;
        }
        if (CS.CountConf == Confidence::Unknown) {
          std::string Line = callAt(CS, Name) +
                             ": in a loop with an unknown trip count, not "
                             "counted";
          V.merge(Confidence::Unknown, Line);
          addLine(Total, std::move(Line));
          continue;
        }
        std::string Problem;
        std::optional<StringMap<Expr>> Map =
            bindings(Callee, CS, Name, Problem);
        if (!Map) {
          V.merge(Confidence::Unknown, Problem);
          addLine(Total, std::move(Problem));
          continue;
        }
        Cost FromCallee = Callee.Total;
        std::vector<std::string> Lines = std::move(FromCallee.Uncounted);
        FromCallee.Uncounted.clear();
        // The growth takes each argument by its leading terms, as loops
        // take their trip counts: gemm(..., (h - kh + 1) * w, ...) grows
        // as h * w.
        StringMap<Expr> Leading;
        for (const auto &Binding : *Map)
          Leading[Binding.getKey()] = Binding.getValue().dominantTerms();
        for (size_t I = 0; I != Callee.Params.size(); ++I)
          if (I < CS.LeadingArgs.size() && CS.LeadingArgs[I] &&
              Leading.count(Callee.Params[I]))
            Leading[Callee.Params[I]] = *CS.LeadingArgs[I];
        Cost Part = FromCallee.substituted(*Map).scaled(CS.Count);
        Part.Growth =
            FromCallee.Growth.substitute(Leading) * CS.Count.dominantTerms();
        Total += Part;
        for (const std::string &Line : Lines)
          addLine(Total, "in " + Name + ": " + Line);
        if (Callee.TotalConf != Confidence::Exact)
          V.merge(Callee.TotalConf,
                  callAt(CS, Name) + ": " +
                      (Callee.TotalReason.empty()
                           ? std::string("callee's total is ") +
                                 confidenceName(Callee.TotalConf).str()
                           : Callee.TotalReason));
        if (CS.CountConf != Confidence::Exact)
          V.merge(CS.CountConf, callAt(CS, Name) + ": count is an upper bound");
      }

      if (Total.overflowed())
        V.merge(Confidence::Unknown, "count overflowed");
      F.Total = std::move(Total);
      F.TotalConf = V.Conf;
      F.TotalReason = V.Reason;
      F.BigO.reset();
      if (F.TotalConf != Confidence::Unknown && !F.Total.Growth.overflowed())
        F.BigO = bigO(F.Total.Growth,
                      F.SymbolOrder.empty() ? F.Params : F.SymbolOrder);
    }
  }

  // Further copies of a key (an inline function analysed in several
  // translation units) get the totals of the one calls resolve to.
  for (unsigned I = 0; I < Functions.size(); ++I) {
    unsigned First = ByKey.lookup(Functions[I].Key);
    if (First == I)
      continue;
    const FunctionSummary &Canonical = Functions[First];
    FunctionSummary &F = Functions[I];
    F.Total = Canonical.Total;
    F.TotalConf = Canonical.TotalConf;
    F.TotalReason = Canonical.TotalReason;
    F.Recursive = Canonical.Recursive;
    F.BigO = Canonical.BigO;
  }
}

} // namespace frugal::analysis
