//===- StaticOutput.h - What `frugal analyze` prints ------------*- C++ -*-===//
//
// The outputs of `frugal analyze` (docs/static-format.md): the JSON
// document, and the fields of the CSV records and table rows. The CSV
// quoting and the table layout are the frugal tool's (Csv.h, Table.h), so
// that this library does not depend on the tool's sources: it gives them
// the text of each cell.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_ANALYZE_STATICOUTPUT_H
#define FRUGAL_TOOLS_FRUGAL_ANALYZE_STATICOUTPUT_H

#include "FunctionSummary.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace frugal::analysis {

/// The JSON document's schema_version.
constexpr int StaticSchemaVersion = 1;

/// How one file of the compilation database fared.
struct FileStatus {
  std::string File; ///< absolute, as the database names it
  bool Ok = true;   ///< false: it did not compile (its valid functions are
                    ///< still reported)
  unsigned Errors = 0;
};

/// Everything `frugal analyze` reports.
struct StaticReport {
  std::string Generator;   ///< "frugal analyze 0.1.0"
  std::string LLVMVersion; ///< of the clang that parsed the sources
  std::vector<FileStatus> Files;
  /// Sorted with sortFunctions.
  std::vector<FunctionSummary> Functions;
};

/// The order of every output: resolved file, line, name, linkage name.
void sortFunctions(std::vector<FunctionSummary> &Functions);

/// E as JSON: a number when it is a constant integer, else C syntax over
/// Params; null when it overflowed.
llvm::json::Value exprToJSON(const Expr &E, llvm::ArrayRef<std::string> Params);
/// E as text: the integer, or C syntax over Params; empty when it
/// overflowed.
std::string exprText(const Expr &E, llvm::ArrayRef<std::string> Params);

/// Total flops per byte touched, as text: a number (4 significant digits)
/// when both are constant; "FLOPS / BYTES" in C syntax when not
/// (parenthesised where C needs it); empty (JSON null) when no byte is
/// touched or a count overflowed. IsNumber tells the first case.
std::string arithmeticIntensity(const FunctionSummary &F,
                                bool *IsNumber = nullptr);

/// The JSON document.
void writeJson(llvm::raw_ostream &OS, const StaticReport &Report);

/// The CSV header's column names, and one function's fields in that order.
std::vector<std::string> csvColumns();
std::vector<std::string> csvFields(const FunctionSummary &F);

/// The table's columns, in order, with their headers (tableHeaders).
enum TableColumn : unsigned {
  TableFunction,
  TableLocation, ///< "file.cpp:12": the file's last component
  TableCyclomatic,
  TableCognitive,
  TableBigO,
  TableFlops,
  TableBytes,
  TableIntensity,
  NumTableColumns
};
std::vector<std::string> tableHeaders();
/// One function's cells. Total figures are marked as bounds: "≤X" an upper
/// bound, "≥X" a lower bound (some operations were not counted), "~X"
/// neither; "?" lost (overflow). The big-O is "?" when unknown, "≤O(…)"
/// when a bound; the intensity "-" when no byte is touched.
std::vector<std::string> tableCells(const FunctionSummary &F);

/// Name shortened towards Width columns, keeping its most telling parts:
/// first without the return type of a template specialization; then with
/// parameter lists "(…)"; then without qualifiers (" const") and a lambda's
/// "::operator()(…)", and with "(anon)" for "(anonymous namespace)"; then
/// with template argument lists "<…>". What is still too wide is cut in
/// the middle.
std::string shortFunctionName(llvm::StringRef Name, unsigned Width);

} // namespace frugal::analysis

#endif // FRUGAL_TOOLS_FRUGAL_ANALYZE_STATICOUTPUT_H
