//===- Events.cpp - `frugal events`: which events this machine counts -----===//
//
// Checks event names the way the runtime will use them in FRUGAL_EVENTS:
// libpfm4 encodes each (user level), then perf_event_open tries it on the
// calling thread. One line per name: its canonical name, ok, unavailable
// (with the reason and what to do) or unknown (with close matches). Without
// names, lists perf's generic events (--all: every event of this machine's
// PMUs too).
//
//===----------------------------------------------------------------------===//

#include "Command.h"
#include "Csv.h"
#include "EventNames.h"
#include "Options.h"
#include "PerfEvents.h"
#include "Table.h"
#include "support/Diagnostics.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <limits>

using namespace llvm;
using namespace frugal;

static cl::SubCommand
    EventsCommand("events", "Check event names for FRUGAL_EVENTS: can this "
                            "machine count them?");
static cl::OptionCategory EventsCategory("frugal events options");

static cl::list<std::string> Names(cl::Positional, cl::desc("[NAME...]"),
                                   cl::sub(EventsCommand),
                                   cl::cat(EventsCategory));
static cl::opt<bool>
    All("all",
        cl::desc("Without NAMEs: list every event of this machine's PMUs, "
                 "not only perf's generic ones"),
        cl::sub(EventsCommand), cl::cat(EventsCategory));
static cl::opt<OutputFormat, false, ValuesParser<OutputFormat>>
    Format("format", cl::desc("Output format"), outputFormatValues(),
           cl::init(OutputFormat::Table), cl::sub(EventsCommand),
           cl::cat(EventsCategory));

static void printTable(raw_ostream &OS, ArrayRef<EventCheck> Checks) {
  using Align = Table::Align;
  Table T({{"name", Align::Left},
           {"canonical", Align::Left},
           {"status", Align::Left},
           {"reason", Align::Left}});
  for (const EventCheck &C : Checks)
    T.addRow({C.Name, C.Canonical.empty() ? "-" : C.Canonical,
              statusName(C.Status).str(), C.Reason});
  // Nothing is cut: the reason is what says how to fix it.
  T.print(OS, std::numeric_limits<unsigned>::max());
}

static void printCsv(raw_ostream &OS, ArrayRef<EventCheck> Checks) {
  writeCsvRow(OS, {"name", "canonical", "status", "unit", "reason"});
  for (const EventCheck &C : Checks)
    writeCsvRow(OS, {C.Name, C.Canonical, statusName(C.Status).str(), C.Unit,
                     C.Reason});
}

static void printJson(raw_ostream &OS, ArrayRef<EventCheck> Checks) {
  auto OrNull = [](const std::string &S) {
    return S.empty() ? json::Value(nullptr) : json::Value(S);
  };
  json::OStream J(OS, /*IndentSize=*/2);
  J.object([&] {
    std::optional<int> Paranoid = perfEventParanoid();
    J.attribute("perf_event_paranoid",
                Paranoid ? json::Value(*Paranoid) : json::Value(nullptr));
    J.attributeArray("events", [&] {
      for (const EventCheck &C : Checks)
        J.object([&] {
          J.attribute("name", C.Name);
          J.attribute("canonical", OrNull(C.Canonical));
          J.attribute("status", statusName(C.Status));
          J.attribute("unit", OrNull(C.Unit));
          J.attribute("reason", OrNull(C.Reason));
          J.attributeArray("suggestions", [&] {
            for (const std::string &S : C.Suggestions)
              J.value(S);
          });
        });
    });
  });
  OS << '\n';
}

static int runEvents() {
  if (All && !Names.empty()) {
    printError("--all lists every event, but names were given",
               "leave out --all to check the names, or the names to list");
    return ExitUsage;
  }
  if (Error E = initializeEvents())
    return reportError(std::move(E));

  std::vector<std::string> ToCheck(Names.begin(), Names.end());
  if (ToCheck.empty()) {
    for (StringRef Generic : genericEventNames())
      ToCheck.push_back(Generic.str());
    if (All) {
      std::vector<std::string> Pmu = pmuEventNames();
      ToCheck.insert(ToCheck.end(), Pmu.begin(), Pmu.end());
    }
  }
  std::vector<EventCheck> Checks;
  for (const std::string &Name : ToCheck)
    Checks.push_back(checkEvent(Name));

  switch (Format) {
  case OutputFormat::Table:
    printTable(outs(), Checks);
    break;
  case OutputFormat::Csv:
    printCsv(outs(), Checks);
    break;
  case OutputFormat::Json:
    printJson(outs(), Checks);
    break;
  }
  outs().flush();

  // A listing succeeds whatever this machine can count; named events are a
  // question: 2 when a name is wrong, 1 when one cannot be counted here.
  if (Names.empty())
    return ExitSuccess;
  int Exit = ExitSuccess;
  for (const EventCheck &C : Checks) {
    if (C.Status == EventStatus::Unknown) {
      printError("unknown event '" + C.Name + "'",
                 "'frugal events --all' lists this machine's events" +
                     didYouMean(C.Suggestions));
      Exit = ExitUsage;
    } else if (C.Status == EventStatus::Unavailable && Exit == ExitSuccess) {
      Exit = ExitFailure;
    }
  }
  return Exit;
}

static CommandRegistration Registered(EventsCommand, runEvents);
