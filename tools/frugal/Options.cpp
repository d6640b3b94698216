//===- Options.cpp - Option helpers shared by subcommands -----------------===//

#include "Options.h"

#include "support/Diagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;

namespace frugal {

void printUnknownValue(const cl::Option &O, StringRef Value,
                       ArrayRef<StringRef> Accepted) {
  printError("unknown value '" + Value + "' for --" + O.ArgStr,
             "use one of: " + join(Accepted, ", "));
}

cl::ValuesClass outputFormatValues() {
  return cl::values(
      clEnumValN(OutputFormat::Table, "table", "aligned text for reading"),
      clEnumValN(OutputFormat::Csv, "csv", "comma-separated, unformatted"),
      clEnumValN(OutputFormat::Json, "json", "JSON, unformatted"));
}

cl::ValuesClass reportFormatValues() {
  return cl::values(
      clEnumValN(ReportFormat::Table, "table", "aligned text for reading"),
      clEnumValN(ReportFormat::Csv, "csv", "comma-separated, unformatted"),
      clEnumValN(ReportFormat::Json, "json", "JSON, every figure"),
      clEnumValN(ReportFormat::Md, "md", "a GitHub-flavoured markdown table"),
      clEnumValN(ReportFormat::Html, "html",
                 "one self-contained page with charts"));
}

void echoWarnings(ReportFormat Format, StringRef OutputPath,
                  ArrayRef<std::string> Warnings) {
  if (Format == ReportFormat::Table || Format == ReportFormat::Md)
    if (OutputPath.empty())
      return;
  for (const std::string &W : Warnings)
    WithColor::warning(errs(), "frugal") << W << '\n';
}

} // namespace frugal
