//===- Html.h - Self-contained HTML reports ---------------------*- C++ -*-===//
//
// `--format html` of report, diff, proxies and variants: one file that opens
// offline.
// The page is a template, a script of ours and the charting library (from
// npm, bundled at build time), with the command's own JSON output embedded
// as data; the script draws the tables and charts from that JSON, so the
// HTML shows exactly what --format json says.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_HTML_H
#define FRUGAL_TOOLS_FRUGAL_HTML_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace frugal {

/// Writes the page for \p Data, the JSON document a command writes with
/// --format json; its "kind" ("report", "diff", "proxies" or "variants")
/// picks the view.
/// \p Title is the page's title.
void writeHtml(llvm::raw_ostream &OS, llvm::StringRef Title,
               const llvm::json::Value &Data);

/// The same, for a document too large to hold as a json::Value (which takes
/// some 60 times the JSON text's size): \p WriteData writes the JSON text
/// to the stream it is given, e.g. with a json::OStream.
void writeHtml(llvm::raw_ostream &OS, llvm::StringRef Title,
               llvm::function_ref<void(llvm::raw_ostream &)> WriteData);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_HTML_H
