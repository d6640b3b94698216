//===- Proxies.cpp - `frugal proxies`: which cheap figure predicts energy -===//
//
// Pools the functions of one or more profiles (model variants, repeated
// runs) and reports, for each proxy the profiles or the static analysis
// have — time, counted events, bytes allocated, static flops and bytes,
// cyclomatic complexity — how well it predicts a function's exclusive
// energy: Pearson's r, Spearman's ρ, R² and the leave-one-out error of a
// line, then a non-negative model of energy from all of them together.
//
// When the energy is modelled from CPU time, time predicts it perfectly by
// construction: every format says the analysis is circular.
//
//===----------------------------------------------------------------------===//

#include "Command.h"
#include "Csv.h"
#include "Html.h"
#include "Markdown.h"
#include "Options.h"
#include "OutputFile.h"
#include "ProxyAnalysis.h"
#include "Table.h"
#include "Units.h"
#include "support/Diagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace frugal;

static cl::SubCommand
    ProxiesCommand("proxies",
                   "Check how well cheap proxies (time, counters, allocations, "
                   "static flops) predict functions' energy, across profiles");
static cl::OptionCategory ProxiesCategory("frugal proxies options");

static cl::list<std::string> ProfilePaths(cl::Positional, cl::OneOrMore,
                                          cl::desc("<profile.json>..."),
                                          cl::sub(ProxiesCommand),
                                          cl::cat(ProxiesCategory));
static cl::opt<std::string>
    StaticPath("static",
               cl::desc("Static analysis (frugal analyze --format=json) for "
                        "the static proxies: flops, bytes touched, "
                        "cyclomatic complexity"),
               cl::value_desc("STATIC.json"), cl::sub(ProxiesCommand),
               cl::cat(ProxiesCategory));
static cl::opt<std::string>
    BuildDir("p",
             cl::desc("Run the static analysis on BUILD_DIR's "
                      "compile_commands.json instead of reading --static"),
             cl::value_desc("BUILD_DIR"), cl::sub(ProxiesCommand),
             cl::cat(ProxiesCategory));
static cl::opt<std::string>
    DomainName("domain",
               cl::desc("Energy domain to predict (default: the first the "
                        "profiles share, package when they have it)"),
               cl::value_desc("NAME"), cl::sub(ProxiesCommand),
               cl::cat(ProxiesCategory));
static cl::opt<ProxySort, false, ValuesParser<ProxySort>> SortKey(
    "sort", cl::desc("Order of the proxies, best first"),
    cl::values(clEnumValN(ProxySort::R2, "r2", "R² of the line (the default)"),
               clEnumValN(ProxySort::Rho, "rho", "|Spearman's ρ|")),
    cl::init(ProxySort::R2), cl::sub(ProxiesCommand), cl::cat(ProxiesCategory));
static cl::opt<ReportFormat, false, ValuesParser<ReportFormat>>
    Format("format", cl::desc("Output format"), reportFormatValues(),
           cl::init(ReportFormat::Table), cl::sub(ProxiesCommand),
           cl::cat(ProxiesCategory));
static cl::opt<std::string>
    OutputPath("o",
               cl::desc("Write the output to FILE (replaced atomically) "
                        "instead of stdout"),
               cl::value_desc("FILE"), cl::sub(ProxiesCommand),
               cl::cat(ProxiesCategory));

static constexpr unsigned TableWidth = 100;

// Unformatted, with nine significant digits, as summary's CSV.
static std::string numberText(double Value) {
  std::string Text;
  raw_string_ostream(Text) << format("%.9g", Value);
  return Text;
}

static std::string optionalText(std::optional<double> Value) {
  return Value ? numberText(*Value) : "";
}

// r, ρ and R² with three decimals; "-" where undefined.
static std::string ratioText(std::optional<double> Value) {
  if (!Value)
    return "-";
  std::string Text;
  raw_string_ostream(Text) << format("%.3f", *Value);
  return Text;
}

static std::string mapeText(std::optional<double> Fraction) {
  return Fraction ? formatPercent(*Fraction * 100) : "-";
}

// Joules per unit of a proxy: W for the time-like ones.
static std::string perUnitText(double JoulesPerUnit, StringRef Unit) {
  if (Unit == "s")
    return formatPower(JoulesPerUnit);
  return formatEnergy(JoulesPerUnit) + "/" + Unit.str();
}

static std::string plural(size_t N, StringRef One, StringRef Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many).str();
}

// "12 observations (functions called, with package energy) from 2 profiles:
// a.json (6), b.json (6)".
static std::string observationsText(const ProxyAnalysis &A,
                                    ArrayRef<ProxyProfile> Profiles) {
  std::vector<std::string> Each;
  for (size_t I = 0; I < Profiles.size(); ++I)
    Each.push_back(Profiles[I].Path + " (" + std::to_string(A.PerProfile[I]) +
                   ")");
  return plural(A.Observations.size(), "observation", "observations") +
         " (functions called, with " + A.Domain + " energy) from " +
         plural(Profiles.size(), "profile", "profiles") + ": " +
         join(Each, ", ");
}

// Whether the target is measured, and by what: "measured (perf)",
// "MODELLED (model)", or per profile when they differ.
static std::string originText(const ProxyAnalysis &A,
                              ArrayRef<ProxyProfile> Profiles) {
  auto One = [&](size_t I) {
    return (A.Measured[I] ? "measured (" : "MODELLED (") + A.Sources[I] + ")";
  };
  if (A.origin() != EnergyOrigin::Mixed) {
    std::vector<std::string> Sources;
    for (size_t I = 0; I < Profiles.size(); ++I)
      if (!is_contained(Sources, A.Sources[I]))
        Sources.push_back(A.Sources[I]);
    return std::string(A.origin() == EnergyOrigin::Measured ? "measured ("
                                                            : "MODELLED (") +
           join(Sources, ", ") + ")";
  }
  std::vector<std::string> Each;
  for (size_t I = 0; I < Profiles.size(); ++I)
    Each.push_back(Profiles[I].Path + " " + One(I));
  return "mixed: " + join(Each, ", ");
}

// The skipped proxies, those skipped for the same reason together:
// (names, reason) in the order of the results.
static std::vector<std::pair<std::string, std::string>>
skippedGroups(const ProxyAnalysis &A) {
  std::vector<std::pair<std::vector<std::string>, std::string>> Groups;
  for (const ProxyResult &R : A.Results) {
    if (R.Skipped.empty())
      continue;
    auto It =
        find_if(Groups, [&](const auto &G) { return G.second == R.Skipped; });
    if (It == Groups.end())
      Groups.push_back({{A.Kinds[R.Kind].Name}, R.Skipped});
    else
      It->first.push_back(A.Kinds[R.Kind].Name);
  }
  std::vector<std::pair<std::string, std::string>> Out;
  for (auto &[Names, Why] : Groups)
    Out.push_back({join(Names, ", "), Why});
  return Out;
}

static std::string sortText(ProxySort Sort) {
  return Sort == ProxySort::R2
             ? "sorted by R², the share of the energy's variance a line in "
               "the proxy explains (--sort=rho: by |ρ|, how well it ranks "
               "the functions)"
             : "sorted by |ρ|, how well the proxy ranks the functions "
               "(--sort=r2: by R² of a line)";
}

// "energy ≈ 9.98 W × time + 0.100 nJ/count × instructions; 0 × cycles": the
// terms the constraint set to 0 last, by name.
static std::string modelFormula(const ProxyAnalysis &A) {
  std::vector<std::string> Terms, Zero;
  for (size_t T = 0; T < A.Model.Terms.size(); ++T) {
    const ProxyKind &K = A.Kinds[A.Model.Terms[T]];
    double C = A.Model.Fit->Coefficients[T];
    if (C == 0)
      Zero.push_back(K.Name);
    else
      Terms.push_back(perUnitText(C, K.Unit) + " × " + K.Name);
  }
  std::string Text =
      "energy ≈ " + (Terms.empty() ? std::string("0") : join(Terms, " + "));
  if (!Zero.empty())
    Text += "; 0 × " + join(Zero, ", ");
  return Text;
}

static std::string modelSummary(const ProxyAnalysis &A) {
  return "R² " + ratioText(A.Model.Fit->R2) + ", LOO MAPE " +
         mapeText(A.Model.Fit->LooMape) + " on " +
         plural(A.Observations.size(), "observation", "observations");
}

static void printTable(raw_ostream &OS, const ProxyAnalysis &A,
                       ArrayRef<ProxyProfile> Profiles) {
  printWrapped(OS, observationsText(A, Profiles), TableWidth);
  printWrapped(OS,
               "target: exclusive " + A.Domain + " energy, " +
                   originText(A, Profiles),
               TableWidth);
  printWrapped(OS,
               "static analysis: " +
                   (A.StaticSource.empty()
                        ? std::string("none (--static or -p adds flops, bytes "
                                      "touched, cyclomatic)")
                        : A.StaticSource),
               TableWidth);
  if (A.circular()) {
    OS << '\n';
    printWrapped(OS, "WARNING: " + A.warning(Profiles), TableWidth);
  }
  OS << '\n';

  Table T({{"proxy", Table::Align::Left, 0, /*Elastic=*/true},
           {"N", Table::Align::Right},
           {"r", Table::Align::Right},
           {"ρ", Table::Align::Right},
           {"R²", Table::Align::Right},
           {"LOO MAPE", Table::Align::Right},
           {"slope", Table::Align::Right}});
  size_t Evaluated = 0;
  for (const ProxyResult &R : A.Results) {
    if (!R.Skipped.empty())
      continue;
    ++Evaluated;
    const ProxyKind &K = A.Kinds[R.Kind];
    T.addRow({K.Label, std::to_string(R.N), ratioText(R.Pearson),
              ratioText(R.Spearman),
              ratioText(R.Fit ? R.Fit->R2 : std::nullopt),
              mapeText(R.Fit ? R.Fit->LooMape : std::nullopt),
              R.Fit ? perUnitText(R.Fit->Slope, K.Unit) : "-"});
  }
  if (Evaluated) {
    T.print(OS, TableWidth);
    printWrapped(OS, sortText(A.Sort), TableWidth);
    printWrapped(OS,
                 "r: Pearson; ρ: Spearman; R² and slope: of energy = "
                 "intercept + slope × proxy; LOO MAPE: mean |error| / energy "
                 "of each observation predicted by the line through the others",
                 TableWidth);
  } else {
    OS << "no proxy could be evaluated\n";
  }

  // Proxies evaluated on some observations only, and why the others lack
  // them: their N is smaller, so their figures compare less well.
  bool AnyPartial = false;
  for (const ProxyResult &R : A.Results) {
    if (!R.Skipped.empty() || R.Missing.empty())
      continue;
    if (!AnyPartial)
      OS << "\nnot on every observation:\n";
    AnyPartial = true;
    printWrapped(OS,
                 "  " + A.Kinds[R.Kind].Name + ": " + std::to_string(R.N) +
                     " of " + std::to_string(A.Observations.size()) +
                     " (the others: " + R.Missing + ")",
                 TableWidth, "    ");
  }

  auto Skipped = skippedGroups(A);
  if (!Skipped.empty()) {
    OS << "\nskipped:\n";
    for (const auto &[Names, Why] : Skipped)
      printWrapped(OS, "  " + Names + ": " + Why, TableWidth, "    ");
  }

  OS << '\n';
  if (!A.Model.Fit) {
    printWrapped(OS, "non-negative model: none; " + A.Model.Missing,
                 TableWidth);
  } else {
    printWrapped(OS,
                 "non-negative model of energy from " +
                     (A.Model.Terms.size() == 1
                          ? std::string("1 proxy")
                          : plural(A.Model.Terms.size(), "proxy", "proxies") +
                                " together") +
                     " (no intercept): " + modelSummary(A),
                 TableWidth);
    printWrapped(OS, "  " + modelFormula(A), TableWidth, "    ");
  }
  for (const auto &[Name, Why] : A.Model.LeftOut)
    printWrapped(OS, "  left out: " + Name + ": " + Why, TableWidth, "    ");
}

static void printCsv(raw_ostream &OS, const ProxyAnalysis &A,
                     ArrayRef<ProxyProfile> Profiles) {
  // The target and its circularity on every row, so that no row can be
  // read without them.
  std::string Origin = A.origin() == EnergyOrigin::Measured   ? "measured"
                       : A.origin() == EnergyOrigin::Modelled ? "modelled"
                                                              : "mixed";
  std::vector<std::string> Common = {A.Domain,
                                     Origin,
                                     A.circular() ? "true" : "false",
                                     std::to_string(A.Observations.size()),
                                     std::to_string(Profiles.size()),
                                     A.warning(Profiles)};
  writeCsvRow(OS, {"row",
                   "name",
                   "label",
                   "unit",
                   "static",
                   "n",
                   "skipped",
                   "missing",
                   "pearson_r",
                   "spearman_rho",
                   "r2",
                   "loo_mape",
                   "slope_j_per_unit",
                   "intercept_j",
                   "model_coefficient_j_per_unit",
                   "domain",
                   "energy",
                   "circular",
                   "observations",
                   "profiles",
                   "warning"});
  for (const ProxyResult &R : A.Results) {
    const ProxyKind &K = A.Kinds[R.Kind];
    const stats::LinearFit *Fit = R.Fit ? &*R.Fit : nullptr;
    std::vector<std::string> Fields = {
        "proxy",
        K.Name,
        K.Label,
        K.Unit,
        K.Static ? "true" : "false",
        std::to_string(R.N),
        R.Skipped,
        R.Missing,
        optionalText(R.Pearson),
        optionalText(R.Spearman),
        optionalText(Fit ? Fit->R2 : std::nullopt),
        optionalText(Fit ? Fit->LooMape : std::nullopt),
        Fit ? numberText(Fit->Slope) : "",
        Fit ? numberText(Fit->Intercept) : "",
        optionalText(R.ModelCoefficient)};
    Fields.insert(Fields.end(), Common.begin(), Common.end());
    writeCsvRow(OS, Fields);
  }
  // The non-negative model: its fit; its coefficients are on the proxies'
  // rows.
  const stats::NonNegativeFit *Fit = A.Model.Fit ? &*A.Model.Fit : nullptr;
  std::vector<std::string> Fields = {
      "model",
      "nnls",
      "non-negative model, no intercept",
      "J",
      "false",
      std::to_string(Fit ? A.Observations.size() : 0),
      A.Model.Missing,
      "",
      "",
      "",
      optionalText(Fit ? Fit->R2 : std::nullopt),
      optionalText(Fit ? Fit->LooMape : std::nullopt),
      "",
      "",
      ""};
  Fields.insert(Fields.end(), Common.begin(), Common.end());
  writeCsvRow(OS, Fields);
}

static void printMarkdown(raw_ostream &OS, const ProxyAnalysis &A,
                          ArrayRef<ProxyProfile> Profiles) {
  OS << "## frugal proxies: exclusive " << A.Domain << " energy\n\n";
  OS << markdownCell(observationsText(A, Profiles)) << ".\n"
     << "Target: exclusive " << A.Domain << " energy, "
     << originText(A, Profiles) << ". Static analysis: "
     << (A.StaticSource.empty() ? "none" : A.StaticSource) << ".\n\n";
  if (A.circular())
    OS << "> **WARNING: " << A.warning(Profiles) << "**\n\n";

  OS << "| proxy | N | r | ρ | R² | LOO MAPE | slope |\n"
     << "|:--|--:|--:|--:|--:|--:|--:|\n";
  for (const ProxyResult &R : A.Results) {
    if (!R.Skipped.empty())
      continue;
    const ProxyKind &K = A.Kinds[R.Kind];
    OS << "| " << markdownCell(K.Label) << " | " << R.N << " | "
       << ratioText(R.Pearson) << " | " << ratioText(R.Spearman) << " | "
       << ratioText(R.Fit ? R.Fit->R2 : std::nullopt) << " | "
       << mapeText(R.Fit ? R.Fit->LooMape : std::nullopt) << " | "
       << (R.Fit ? perUnitText(R.Fit->Slope, K.Unit) : "-") << " |\n";
  }
  std::string Sort = sortText(A.Sort);
  Sort[0] = toUpper(Sort[0]);
  OS << "\n" << Sort << ".\n";

  bool AnyPartial = false;
  for (const ProxyResult &R : A.Results) {
    if (!R.Skipped.empty() || R.Missing.empty())
      continue;
    if (!AnyPartial)
      OS << "\nNot on every observation:\n\n";
    AnyPartial = true;
    OS << "- " << A.Kinds[R.Kind].Name << ": " << R.N << " of "
       << A.Observations.size() << " (the others: " << R.Missing << ")\n";
  }

  auto Skipped = skippedGroups(A);
  if (!Skipped.empty()) {
    OS << "\nSkipped:\n\n";
    for (const auto &[Names, Why] : Skipped)
      OS << "- " << Names << ": " << Why << "\n";
  }

  OS << "\n";
  if (!A.Model.Fit) {
    OS << "Non-negative model: none; " << A.Model.Missing << ".\n";
  } else {
    OS << "Non-negative model of energy (no intercept): " << modelSummary(A)
       << ".\n\n"
       << "| term | coefficient |\n|:--|--:|\n";
    for (size_t T = 0; T < A.Model.Terms.size(); ++T) {
      const ProxyKind &K = A.Kinds[A.Model.Terms[T]];
      OS << "| `" << K.Name << "` | "
         << perUnitText(A.Model.Fit->Coefficients[T], K.Unit) << " |\n";
    }
  }
  if (!A.Model.LeftOut.empty()) {
    OS << "\nLeft out of the model:\n\n";
    for (const auto &[Name, Why] : A.Model.LeftOut)
      OS << "- `" << Name << "`: " << Why << "\n";
  }
}

static void printOutput(raw_ostream &OS, const ProxyAnalysis &A,
                        ArrayRef<ProxyProfile> Profiles) {
  switch (Format) {
  case ReportFormat::Table:
    printTable(OS, A, Profiles);
    return;
  case ReportFormat::Csv:
    printCsv(OS, A, Profiles);
    return;
  case ReportFormat::Json: {
    json::OStream J(OS, /*IndentSize=*/2);
    writeProxiesJson(J, A, Profiles);
    OS << '\n';
    return;
  }
  case ReportFormat::Md:
    printMarkdown(OS, A, Profiles);
    return;
  case ReportFormat::Html:
    writeHtml(OS, "frugal proxies: exclusive " + A.Domain + " energy",
              [&](raw_ostream &Data) {
                json::OStream J(Data);
                writeProxiesJson(J, A, Profiles);
              });
    return;
  }
}

static int runProxies() {
  std::vector<ProxyProfile> Profiles;
  for (const std::string &Path : ProfilePaths) {
    Expected<Profile> Prof = readProfile(Path);
    if (!Prof) {
      printError(Prof.takeError());
      return ExitUsage;
    }
    Profiles.push_back({Path, std::move(*Prof)});
  }
  bool Usage = false;
  Expected<std::optional<StaticAnalysis>> Static =
      loadStaticOption(StaticPath, BuildDir);
  if (!Static) {
    printError(Static.takeError());
    return ExitUsage;
  }
  Expected<ProxyAnalysis> A = analyzeProxies(
      Profiles, *Static ? &**Static : nullptr, DomainName, SortKey, Usage);
  if (!A) {
    printError(A.takeError());
    return Usage ? ExitUsage : ExitFailure;
  }
  // The table shows the warning on stdout; files and other formats, read
  // later or by programs, get it on stderr too.
  if (A->circular() && (Format != ReportFormat::Table || !OutputPath.empty()))
    WithColor::warning(errs(), "frugal") << A->warning(Profiles) << '\n';
  if (Error E = writeOutput(
          OutputPath, [&](raw_ostream &OS) { printOutput(OS, *A, Profiles); }))
    return reportError(std::move(E));
  return ExitSuccess;
}

static CommandRegistration Registered(ProxiesCommand, runProxies);
