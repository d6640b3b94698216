//===- Table.cpp - Text tables that fit the terminal ----------------------===//

#include "Table.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Unicode.h"

#include <algorithm>
#include <cassert>

using namespace llvm;

namespace frugal {

static constexpr StringLiteral Ellipsis = "…";
static constexpr unsigned Gap = 2; // Spaces between columns.

// Byte length of the UTF-8 sequence that starts with byte \p Lead.
static size_t sequenceLength(unsigned char Lead) {
  if (Lead < 0xC0)
    return 1; // ASCII, or a stray continuation byte: one column each.
  if (Lead < 0xE0)
    return 2;
  if (Lead < 0xF0)
    return 3;
  return 4;
}

// Splits \p Text into its code points.
static std::vector<StringRef> codePoints(StringRef Text) {
  std::vector<StringRef> Points;
  for (size_t I = 0; I < Text.size();) {
    size_t Len = std::min(sequenceLength(Text[I]), Text.size() - I);
    Points.push_back(Text.substr(I, Len));
    I += Len;
  }
  return Points;
}

static unsigned pointWidth(StringRef Point) {
  int Width = sys::unicode::columnWidthUTF8(Point);
  // Control characters and invalid UTF-8 report a negative width; they do
  // not occur in names, so count them as one column rather than fail.
  return Width < 0 ? 1 : static_cast<unsigned>(Width);
}

unsigned displayWidth(StringRef Text) {
  unsigned Width = 0;
  for (StringRef Point : codePoints(Text))
    Width += pointWidth(Point);
  return Width;
}

std::string truncateToWidth(StringRef Text, unsigned Width, bool KeepEnd) {
  if (displayWidth(Text) <= Width)
    return Text.str();
  if (Width == 0)
    return "";
  std::vector<StringRef> Points = codePoints(Text);
  if (KeepEnd)
    std::reverse(Points.begin(), Points.end());
  std::vector<StringRef> Kept;
  unsigned Used = 0;
  for (StringRef Point : Points) {
    if (Used + pointWidth(Point) > Width - 1) // Leave a column for "…".
      break;
    Used += pointWidth(Point);
    Kept.push_back(Point);
  }
  if (KeepEnd)
    std::reverse(Kept.begin(), Kept.end());
  std::string Out = KeepEnd ? Ellipsis.str() : "";
  for (StringRef Point : Kept)
    Out += Point;
  if (!KeepEnd)
    Out += Ellipsis;
  return Out;
}

void printWrapped(raw_ostream &OS, StringRef Text, unsigned Width,
                  StringRef Indent) {
  SmallVector<StringRef, 32> Words;
  StringRef Body = Text.ltrim(' ');
  Body.split(Words, ' ', -1, /*KeepEmpty=*/false);
  // The first line keeps the text's own indentation.
  std::string Line(Text.size() - Body.size(), ' ');
  bool LineHasWord = false;
  for (StringRef Word : Words) {
    if (LineHasWord && displayWidth(Line) + 1 + displayWidth(Word) > Width) {
      OS << Line << '\n';
      Line = Indent.str();
      LineHasWord = false;
    }
    if (LineHasWord)
      Line += ' ';
    Line += Word.str();
    LineHasWord = true;
  }
  if (LineHasWord)
    OS << Line << '\n';
}

Table::Table(std::vector<Column> Cols) : Columns(std::move(Cols)) {
  assert(std::count_if(Columns.begin(), Columns.end(),
                       [](const Column &C) { return C.Elastic; }) <= 1 &&
         "at most one elastic column");
}

void Table::addRow(std::vector<std::string> Cells) {
  assert(Cells.size() == Columns.size() && "one cell per column");
  Rows.push_back(std::move(Cells));
}

std::vector<unsigned> Table::columnWidths(unsigned TotalWidth) const {
  std::vector<unsigned> Widths;
  for (const Column &C : Columns)
    Widths.push_back(displayWidth(C.Header));
  for (const std::vector<std::string> &Row : Rows)
    for (size_t I = 0; I < Row.size(); ++I)
      Widths[I] = std::max(Widths[I], displayWidth(Row[I]));

  unsigned Fixed = Columns.empty() ? 0 : Gap * (Columns.size() - 1);
  size_t ElasticIndex = Columns.size();
  for (size_t I = 0; I < Columns.size(); ++I) {
    const Column &C = Columns[I];
    if (C.MaxWidth)
      Widths[I] =
          std::min(Widths[I], std::max(C.MaxWidth, displayWidth(C.Header)));
    if (C.Elastic)
      ElasticIndex = I;
    else
      Fixed += Widths[I];
  }
  if (ElasticIndex < Columns.size()) {
    // The elastic column shrinks to fit, but never below its header: a
    // narrow terminal gets a wide table rather than an unreadable one.
    unsigned Left = TotalWidth > Fixed ? TotalWidth - Fixed : 0;
    unsigned Floor = displayWidth(Columns[ElasticIndex].Header);
    Widths[ElasticIndex] =
        std::min(Widths[ElasticIndex], std::max(Left, Floor));
  }
  return Widths;
}

unsigned Table::elasticWidth(unsigned TotalWidth) const {
  std::vector<unsigned> Widths = columnWidths(TotalWidth);
  for (size_t I = 0; I < Columns.size(); ++I)
    if (Columns[I].Elastic)
      return Widths[I];
  return 0;
}

void Table::print(raw_ostream &OS, unsigned TotalWidth) const {
  std::vector<unsigned> Widths = columnWidths(TotalWidth);
  auto PrintRow = [&](auto CellAt) {
    std::string Line;
    for (size_t I = 0; I < Columns.size(); ++I) {
      const Column &C = Columns[I];
      std::string Cell = truncateToWidth(CellAt(I), Widths[I], C.KeepEnd);
      std::string Pad(Widths[I] - displayWidth(Cell), ' ');
      if (I)
        Line.append(Gap, ' ');
      Line += C.Alignment == Align::Right ? Pad + Cell : Cell + Pad;
    }
    // Trailing spaces would only make the output harder to diff and check.
    OS << StringRef(Line).rtrim(' ') << '\n';
  };
  PrintRow([&](size_t I) -> StringRef { return Columns[I].Header; });
  for (const std::vector<std::string> &Row : Rows)
    PrintRow([&](size_t I) -> StringRef { return Row[I]; });
}

} // namespace frugal
