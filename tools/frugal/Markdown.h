//===- Markdown.h - GitHub-flavoured markdown output ------------*- C++ -*-===//
#ifndef FRUGAL_TOOLS_FRUGAL_MARKDOWN_H
#define FRUGAL_TOOLS_FRUGAL_MARKDOWN_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace frugal {

/// \p Text as one cell of a markdown table: '|' would end the cell and a
/// line break the row, so they are escaped and made a space. \p Code puts
/// the cell in backquotes (C++ names, whose '*' and '_' are markdown).
std::string markdownCell(llvm::StringRef Text, bool Code = false);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_MARKDOWN_H
