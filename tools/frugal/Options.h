//===- Options.h - Option helpers shared by subcommands ---------*- C++ -*-===//
//
// Enumerated options (--sort, --format, ...) use ValuesParser so that a wrong
// value gets frugal's one-line error listing the accepted values, instead of
// cl's "Cannot find option named 'x'!".
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_OPTIONS_H
#define FRUGAL_TOOLS_FRUGAL_OPTIONS_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"

#include <string>

namespace frugal {

/// Prints "frugal: error: unknown value 'V' for --NAME; use one of: a, b".
void printUnknownValue(const llvm::cl::Option &O, llvm::StringRef Value,
                       llvm::ArrayRef<llvm::StringRef> Accepted);

/// cl::parser for enumerations declared with cl::values. Use as
///   cl::opt<SortKey, false, ValuesParser<SortKey>> Sort(...)
template <class T> class ValuesParser : public llvm::cl::parser<T> {
public:
  using llvm::cl::parser<T>::parser;

  // Hides cl::parser<T>::parse, which cl::opt calls statically. Returns true
  // on error, as cl expects.
  bool parse(llvm::cl::Option &O, llvm::StringRef ArgName, llvm::StringRef Arg,
             T &Value) {
    llvm::SmallVector<llvm::StringRef, 8> Accepted;
    for (unsigned I = 0, E = this->getNumOptions(); I != E; ++I) {
      if (this->getOption(I) == Arg) {
        Value = this->Values[I].V.getValue();
        return false;
      }
      Accepted.push_back(this->getOption(I));
    }
    printUnknownValue(O, Arg, Accepted);
    return true;
  }
};

/// --format of subcommands that print tables: for people, or unformatted
/// numbers for other programs.
enum class OutputFormat { Table, Csv, Json };

/// The cl::values of an OutputFormat option.
llvm::cl::ValuesClass outputFormatValues();

/// --format of the report commands (report, diff, proxies): OutputFormat's,
/// and markdown and a self-contained HTML page.
enum class ReportFormat { Table, Csv, Json, Md, Html };

/// Repeats \p Warnings on stderr when the output does not show them to a
/// reader: CSV (no room), JSON and HTML (they carry them as data), or any
/// format written to a file (-o \p OutputPath).
void echoWarnings(ReportFormat Format, llvm::StringRef OutputPath,
                  llvm::ArrayRef<std::string> Warnings);

/// The cl::values of a ReportFormat option.
llvm::cl::ValuesClass reportFormatValues();

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_OPTIONS_H
