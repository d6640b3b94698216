//===- VariantArgs.h - Variants named on the command line -------*- C++ -*-===//
//
// `frugal diff` and `frugal variants` take one argument per variant, each a
// profile or a comma-separated list of repeated runs (a1.json,a2.json), and
// name the variants after their files unless --names says otherwise.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_VARIANTARGS_H
#define FRUGAL_TOOLS_FRUGAL_VARIANTARGS_H

#include "DiffData.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace frugal {

/// The variants \p Args give, named by \p Names (comma-separated, one per
/// variant) or else after their files; warns about a profile given twice.
/// Fails, as a usage error of `frugal \p Command`, with fewer than
/// \p MinVariants variants, an empty path or bad names.
llvm::Expected<std::vector<diff::Variant>>
parseVariantArgs(llvm::ArrayRef<std::string> Args,
                 std::optional<llvm::StringRef> Names, llvm::StringRef Command,
                 size_t MinVariants);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_VARIANTARGS_H
