//===- Markdown.cpp - GitHub-flavoured markdown output --------------------===//

#include "Markdown.h"

using namespace llvm;

namespace frugal {

std::string markdownCell(StringRef Text, bool Code) {
  std::string Out;
  for (char C : Text) {
    if (C == '|')
      Out += "\\|";
    else if (C == '\n' || C == '\r')
      Out += ' ';
    else
      Out += C;
  }
  if (Code && !Out.empty())
    return "`" + Out + "`";
  return Out;
}

} // namespace frugal
