//===- Csv.h - Comma-separated output ---------------------------*- C++ -*-===//
#ifndef FRUGAL_TOOLS_FRUGAL_CSV_H
#define FRUGAL_TOOLS_FRUGAL_CSV_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace frugal {

/// Writes one RFC 4180 record: fields with commas, quotes or line breaks are
/// quoted, as C++ names often need ("f(int, int)").
void writeCsvRow(llvm::raw_ostream &OS, llvm::ArrayRef<std::string> Fields);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_CSV_H
