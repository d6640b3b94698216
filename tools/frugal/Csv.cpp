//===- Csv.cpp - Comma-separated output -----------------------------------===//

#include "Csv.h"

#include "llvm/ADT/StringRef.h"

using namespace llvm;

namespace frugal {

void writeCsvRow(raw_ostream &OS, ArrayRef<std::string> Fields) {
  for (size_t I = 0; I < Fields.size(); ++I) {
    if (I)
      OS << ',';
    StringRef Field = Fields[I];
    if (Field.find_first_of(",\"\r\n") == StringRef::npos) {
      OS << Field;
      continue;
    }
    OS << '"';
    for (char C : Field) {
      if (C == '"')
        OS << '"';
      OS << C;
    }
    OS << '"';
  }
  OS << '\n';
}

} // namespace frugal
