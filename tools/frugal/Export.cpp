//===- Export.cpp - `frugal export`: the calling-context tree for viewers -===//
//
// Writes a profile's calling-context tree (already merged over all threads
// by the runtime) in formats that flame-graph viewers read:
//
// - folded stacks, one line per node with a non-zero exclusive weight,
//   "outer;...;inner WEIGHT", for FlameGraph's flamegraph.pl and inferno;
//   the weights are integers: microjoules, microseconds, calls or counts;
// - speedscope's file format: one "sampled" profile whose samples are the
//   nodes' stacks, weighted by their exclusive figures.
//
// A node weighs its exclusive figure, so a frame's width in the viewer (its
// own weight plus its callees') is its inclusive figure. Modelled energy is
// said on stderr (folded stacks have no room for comments) and in the
// speedscope profile's name.
//
//===----------------------------------------------------------------------===//

#include "Command.h"
#include "Options.h"
#include "OutputFile.h"
#include "Profile.h"
#include "support/Diagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

using namespace llvm;
using namespace frugal;

namespace {
enum class ExportFormat { Folded, Speedscope };

/// What a node weighs: --weight, resolved against the profile.
struct Weight {
  enum KindType { ByEnergy, ByTime, ByCalls, ByEvent } Kind = ByTime;
  const EnergyDomain *Domain = nullptr; // For Energy.
  const EventInfo *Event = nullptr;     // For Event.
};

/// A function or region as a viewer's frame.
struct Frame {
  std::string Name;
  std::string File; // Empty for regions and functions without debug info.
  int64_t Line = 0;
};

/// The tree as indices: the nodes' frames, parents and children.
struct FrameTree {
  static constexpr size_t None = std::numeric_limits<size_t>::max();
  std::vector<Frame> Frames;
  std::vector<size_t> NodeFrame;  // By node index; None for a root.
  std::vector<size_t> NodeParent; // By node index; None for a root.
  /// The nodes, parents before children and each subtree contiguous
  /// (depth-first, children in the profile's order), roots left out.
  std::vector<size_t> Preorder;
};
} // namespace

static cl::SubCommand
    ExportCommand("export", "Export the calling-context tree as folded stacks "
                            "(FlameGraph, inferno) or speedscope JSON");
static cl::OptionCategory ExportCategory("frugal export options");

static cl::opt<std::string> ProfilePath(cl::Positional, cl::Required,
                                        cl::desc("<profile.json>"),
                                        cl::sub(ExportCommand),
                                        cl::cat(ExportCategory));
static cl::opt<ExportFormat, false, ValuesParser<ExportFormat>> Format(
    "format", cl::desc("Output format"),
    cl::values(clEnumValN(ExportFormat::Folded, "folded",
                          "folded stacks, for flamegraph.pl and inferno"),
               clEnumValN(ExportFormat::Speedscope, "speedscope",
                          "speedscope's JSON file format")),
    cl::init(ExportFormat::Folded), cl::sub(ExportCommand),
    cl::cat(ExportCategory));
// The event names --weight accepts depend on the profile: checked once it
// is read.
static cl::opt<std::string> WeightName(
    "weight",
    cl::desc("What a frame's width shows: energy (exclusive energy of the "
             "--domain), time (exclusive time), calls, or an event the "
             "profile counted (its exclusive count). Default: energy when "
             "the profile has energy, else time"),
    cl::value_desc("KEY"), cl::sub(ExportCommand), cl::cat(ExportCategory));
static cl::opt<std::string>
    DomainName("domain",
               cl::desc("Energy domain of --weight energy (default: package, "
                        "or the first the profile has)"),
               cl::value_desc("NAME"), cl::sub(ExportCommand),
               cl::cat(ExportCategory));
static cl::opt<std::string>
    OutputPath("o",
               cl::desc("Write the output to FILE (replaced atomically) "
                        "instead of stdout"),
               cl::value_desc("FILE"), cl::sub(ExportCommand),
               cl::cat(ExportCategory));

static constexpr StringLiteral SpeedscopeSchema =
    "https://www.speedscope.app/file-format-schema.json";

// Resolves --weight and --domain. \p Exit is the exit code on error: 2 for
// a name that is none of the profile's (a usage error), else 1.
static Expected<Weight> selectWeight(const Profile &Prof, int &Exit) {
  Exit = ExitUsage;
  const EnergyInfo &E = Prof.Energy;
  std::string Name = WeightName;
  if (Name.empty())
    Name = E.hasEnergy() ? "energy" : "time";
  Weight W;
  if (Name == "energy") {
    W.Kind = Weight::ByEnergy;
  } else if (Name == "time") {
    W.Kind = Weight::ByTime;
  } else if (Name == "calls") {
    W.Kind = Weight::ByCalls;
  } else if (const EventInfo *Event = Prof.event(Name)) {
    W.Kind = Weight::ByEvent;
    W.Event = Event;
    if (!Event->counted()) {
      Exit = ExitFailure;
      return makeError(ProfilePath + ": event '" + Name +
                           "' was not counted (" + Event->Status +
                           (Event->Reason ? ": " + *Event->Reason : "") + ")",
                       "weigh by energy, time, calls or a counted event");
    }
  } else {
    std::vector<std::string> Events;
    for (const EventInfo *Counted : Prof.countedEvents())
      Events.push_back(Counted->Name);
    std::string Fix = "use one of: energy, time, calls";
    if (!Events.empty())
      Fix += ", or an event the profile counted: " + join(Events, ", ");
    return makeError("unknown value '" + Name + "' for --weight", Fix);
  }

  if (W.Kind != Weight::ByEnergy) {
    if (!DomainName.empty() && !E.hasEnergy())
      return makeError(ProfilePath + ": no energy domain '" + DomainName +
                           "': energy was not measured",
                       "leave out --domain");
    if (!DomainName.empty())
      return makeError("--domain applies only to --weight energy",
                       "leave out --domain, or add --weight energy");
    return W;
  }
  if (!E.hasEnergy()) {
    Exit = ExitFailure;
    return makeError(ProfilePath + ": --weight energy needs energy figures, "
                                   "but energy was not measured",
                     "weigh by time or calls");
  }
  if (DomainName.empty()) {
    W.Domain = E.defaultDomain();
    return W;
  }
  W.Domain = E.domain(DomainName);
  if (!W.Domain) {
    std::vector<std::string> Names;
    for (const EnergyDomain &D : E.Domains)
      Names.push_back(D.Name);
    return makeError(ProfilePath + ": no energy domain '" + DomainName + "'",
                     "use one of: " + join(Names, ", "));
  }
  return W;
}

// Folded stacks separate frames with ';' and end lines with a newline: keep
// both out of names (C++ names have neither; region names might).
static std::string frameName(StringRef Name) {
  std::string Clean = Name.str();
  for (char &C : Clean)
    if (C == ';')
      C = ':';
    else if (C == '\n' || C == '\r')
      C = ' ';
  return Clean;
}

// Checks the tree's links, which reading the profile does not, and turns
// them into indices. Errors name the node and exit 2 (bad input).
static Expected<FrameTree> buildFrameTree(const Profile &Prof) {
  auto Broken = [](size_t Index, const Twine &What) {
    return makeError(ProfilePath + ": profile.tree.nodes[" + Twine(Index) +
                         "] " + What,
                     "the profile is incomplete or was edited; rerun the "
                     "instrumented program to write it again");
  };
  // Function and region ids share one space.
  std::map<int64_t, Frame> ByRef;
  for (const FunctionRecord &F : Prof.Functions)
    ByRef[F.Id] = {frameName(displayName(F)), F.File, F.Line};
  for (const RegionRecord &R : Prof.Regions)
    ByRef[R.Id] = {frameName("region:" + R.Name), "", 0};

  const std::vector<TreeNode> &Nodes = Prof.Tree.Nodes;
  FrameTree T;
  T.NodeFrame.assign(Nodes.size(), FrameTree::None);
  T.NodeParent.assign(Nodes.size(), FrameTree::None);
  std::map<int64_t, size_t> IndexOfId;
  std::map<int64_t, size_t> FrameOfRef;
  std::vector<std::vector<size_t>> Children(Nodes.size());
  std::vector<size_t> Roots;
  for (size_t I = 0; I < Nodes.size(); ++I) {
    const TreeNode &N = Nodes[I];
    if (!IndexOfId.emplace(N.Id, I).second)
      return Broken(I, "repeats id " + Twine(N.Id));
    if (!N.Parent) {
      Roots.push_back(I);
      continue;
    }
    // A parent always has a smaller id, so it was seen before: this also
    // rules out cycles.
    auto Parent = IndexOfId.find(*N.Parent);
    if (Parent == IndexOfId.end() || *N.Parent >= N.Id)
      return Broken(I, "has parent " + Twine(*N.Parent) +
                           ", which is no earlier node");
    if (!N.Ref)
      return Broken(I, "has a parent but no ref");
    auto It = FrameOfRef.find(*N.Ref);
    if (It == FrameOfRef.end()) {
      auto Known = ByRef.find(*N.Ref);
      if (Known == ByRef.end())
        return Broken(I, "refers to " + Twine(*N.Ref) +
                             ", which is no function or region");
      It = FrameOfRef.emplace(*N.Ref, T.Frames.size()).first;
      T.Frames.push_back(Known->second);
    }
    T.NodeFrame[I] = It->second;
    T.NodeParent[I] = Parent->second;
    Children[Parent->second].push_back(I);
  }

  // Depth-first without recursion: recursive programs make deep trees.
  std::vector<size_t> Stack;
  for (auto Root = Roots.rbegin(); Root != Roots.rend(); ++Root)
    Stack.push_back(*Root);
  while (!Stack.empty()) {
    size_t I = Stack.back();
    Stack.pop_back();
    if (T.NodeParent[I] != FrameTree::None)
      T.Preorder.push_back(I);
    for (auto C = Children[I].rbegin(); C != Children[I].rend(); ++C)
      Stack.push_back(*C);
  }
  return T;
}

// The node's exclusive figure: joules, nanoseconds, calls or counts.
static double exactWeight(const TreeNode &N, const Weight &W) {
  switch (W.Kind) {
  case Weight::ByEnergy: {
    auto It = N.Energy.find(W.Domain->Name);
    return It == N.Energy.end() ? 0 : It->second.Exclusive;
  }
  case Weight::ByTime:
    return static_cast<double>(N.Time.Exclusive);
  case Weight::ByCalls:
    return static_cast<double>(N.Calls);
  case Weight::ByEvent: {
    auto It = N.Counters.find(W.Event->Name);
    return It == N.Counters.end() ? 0
                                  : static_cast<double>(It->second.Exclusive);
  }
  }
  llvm_unreachable("unknown weight");
}

// Folded stacks need integers: energy in microjoules, durations (time and
// the clock events) in microseconds, counts as they are (docs/reports.md
// gives flamegraph.pl's --countname for each).
static int64_t foldedWeight(const TreeNode &N, const Weight &W) {
  double Value = exactWeight(N, W);
  switch (W.Kind) {
  case Weight::ByEnergy:
    return std::llround(Value * 1e6);
  case Weight::ByTime:
    return std::llround(Value / 1e3);
  case Weight::ByCalls:
    return static_cast<int64_t>(Value);
  case Weight::ByEvent:
    return W.Event->isTime() ? std::llround(Value / 1e3)
                             : static_cast<int64_t>(Value);
  }
  llvm_unreachable("unknown weight");
}

// The stack of node \p I, outermost frame first.
static void stackOf(const FrameTree &T, size_t I, std::vector<size_t> &Stack) {
  Stack.clear();
  for (; T.NodeParent[I] != FrameTree::None; I = T.NodeParent[I])
    Stack.push_back(T.NodeFrame[I]);
  std::reverse(Stack.begin(), Stack.end());
}

static void writeFolded(raw_ostream &OS, const Profile &Prof,
                        const FrameTree &T, const Weight &W) {
  std::vector<size_t> Stack;
  for (size_t I : T.Preorder) {
    int64_t Value = foldedWeight(Prof.Tree.Nodes[I], W);
    if (Value <= 0)
      continue;
    stackOf(T, I, Stack);
    for (size_t F = 0; F < Stack.size(); ++F)
      OS << (F ? ";" : "") << T.Frames[Stack[F]].Name;
    OS << ' ' << Value << '\n';
  }
}

// speedscope's units; it has none for energy, so joules go as "none" with
// microjoules, which the profile's name says.
static StringRef speedscopeUnit(const Weight &W) {
  if (W.Kind == Weight::ByTime ||
      (W.Kind == Weight::ByEvent && W.Event->isTime()))
    return "nanoseconds";
  return "none";
}

// What the weights are, for the speedscope profile's name.
static std::string weightDescription(const Weight &W) {
  switch (W.Kind) {
  case Weight::ByEnergy:
    return "exclusive " + W.Domain->Name + " energy in µJ" +
           (W.Domain->Measured ? ", measured"
                               : " (MODELLED, not measured: estimates)");
  case Weight::ByTime:
    return "exclusive time";
  case Weight::ByCalls:
    return "calls";
  case Weight::ByEvent:
    return "exclusive " + W.Event->Name;
  }
  llvm_unreachable("unknown weight");
}

static void writeSpeedscope(raw_ostream &OS, const Profile &Prof,
                            const FrameTree &T, const Weight &W) {
  std::vector<size_t> Samples;
  double Total = 0;
  for (size_t I : T.Preorder) {
    double Value = exactWeight(Prof.Tree.Nodes[I], W);
    if (W.Kind == Weight::ByEnergy)
      Value *= 1e6;
    if (Value > 0) {
      Samples.push_back(I);
      Total += Value;
    }
  }
  std::string Program =
      Prof.Program.Argv.empty()
          ? sys::path::filename(Prof.Program.Executable).str()
          : sys::path::filename(Prof.Program.Argv.front()).str();
  if (Program.empty())
    Program = sys::path::filename(ProfilePath).str();

  json::OStream J(OS);
  J.object([&] {
    J.attribute("$schema", SpeedscopeSchema);
    J.attribute("name", Program + " (" + ProfilePath + ")");
    J.attribute("exporter", "frugal " FRUGAL_VERSION);
    J.attribute("activeProfileIndex", 0);
    J.attributeObject("shared", [&] {
      J.attributeArray("frames", [&] {
        for (const Frame &F : T.Frames)
          J.object([&] {
            J.attribute("name", F.Name);
            if (!F.File.empty()) {
              J.attribute("file", F.File);
              if (F.Line > 0)
                J.attribute("line", F.Line);
            }
          });
      });
    });
    J.attributeArray("profiles", [&] {
      J.object([&] {
        J.attribute("type", "sampled");
        J.attribute("name", Program + ": " + weightDescription(W));
        J.attribute("unit", speedscopeUnit(W));
        J.attribute("startValue", 0);
        J.attribute("endValue", Total);
        std::vector<size_t> Stack;
        J.attributeArray("samples", [&] {
          for (size_t I : Samples) {
            stackOf(T, I, Stack);
            J.array([&] {
              for (size_t F : Stack)
                J.value(static_cast<int64_t>(F));
            });
          }
        });
        J.attributeArray("weights", [&] {
          for (size_t I : Samples) {
            double Value = exactWeight(Prof.Tree.Nodes[I], W);
            J.value(W.Kind == Weight::ByEnergy ? Value * 1e6 : Value);
          }
        });
      });
    });
  });
  OS << '\n';
}

static int runExport() {
  Expected<Profile> Prof = readProfile(ProfilePath);
  if (!Prof) {
    printError(Prof.takeError());
    return ExitUsage;
  }
  int Exit = ExitFailure;
  Expected<Weight> W = selectWeight(*Prof, Exit);
  if (!W) {
    printError(W.takeError());
    return Exit;
  }
  Expected<FrameTree> T = buildFrameTree(*Prof);
  if (!T) {
    printError(T.takeError());
    return ExitUsage;
  }
  // Never let modelled energy pass for a measurement, even where the format
  // has no room to say so.
  if (W->Kind == Weight::ByEnergy && !W->Domain->Measured)
    WithColor::note(errs(), "frugal")
        << "energy is modelled, not measured: the " << W->Domain->Name
        << " figures come from the '" << W->Domain->Source << "' source"
        << (W->Domain->Note.empty() ? "" : " (" + W->Domain->Note + ")")
        << "; the weights are estimates, not measurements\n";

  auto Write = [&](raw_ostream &OS) {
    if (Format == ExportFormat::Folded)
      writeFolded(OS, *Prof, *T, *W);
    else
      writeSpeedscope(OS, *Prof, *T, *W);
  };
  if (OutputPath.empty()) {
    Write(outs());
    return ExitSuccess;
  }
  if (Error E = writeFileAtomically(OutputPath, Write))
    return reportError(std::move(E));
  return ExitSuccess;
}

static CommandRegistration Registered(ExportCommand, runExport);
