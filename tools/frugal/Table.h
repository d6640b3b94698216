//===- Table.h - Text tables that fit the terminal --------------*- C++ -*-===//
//
// Lays out rows of cells in aligned columns within a width. Widths are
// measured in terminal columns, not bytes, because names and units (µs) are
// UTF-8. One column may be elastic: it gets the width left by the others and
// its cells are cut with "…". Any column may also have a maximum width.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_TABLE_H
#define FRUGAL_TOOLS_FRUGAL_TABLE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace frugal {

/// Terminal columns taken by UTF-8 \p Text.
unsigned displayWidth(llvm::StringRef Text);

/// \p Text cut to at most \p Width columns, "…" marking the cut. KeepEnd cuts
/// the front instead, for paths whose end matters most.
std::string truncateToWidth(llvm::StringRef Text, unsigned Width,
                            bool KeepEnd = false);

/// Prints \p Text in lines of at most \p Width columns, cut at spaces, the
/// lines after the first starting with \p Indent (the first keeps the
/// text's own leading spaces). A word wider than a line gets a line of its
/// own, whole.
void printWrapped(llvm::raw_ostream &OS, llvm::StringRef Text, unsigned Width,
                  llvm::StringRef Indent = "  ");

class Table {
public:
  enum class Align { Left, Right };
  struct Column {
    std::string Header;
    Align Alignment = Align::Left;
    unsigned MaxWidth = 0; // 0: no maximum.
    bool Elastic = false;  // Takes the width the others leave.
    bool KeepEnd = false;  // Cut the front when too wide.
  };

  explicit Table(std::vector<Column> Columns);

  /// Adds a row; it must have one cell per column.
  void addRow(std::vector<std::string> Cells);

  /// Prints the header and rows within \p TotalWidth columns.
  void print(llvm::raw_ostream &OS, unsigned TotalWidth) const;

  /// The width the elastic column gets within \p TotalWidth, with the rows
  /// added so far; 0 without an elastic column.
  unsigned elasticWidth(unsigned TotalWidth) const;

private:
  std::vector<unsigned> columnWidths(unsigned TotalWidth) const;

  std::vector<Column> Columns;
  std::vector<std::vector<std::string>> Rows;
};

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_TABLE_H
