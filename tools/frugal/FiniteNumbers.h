//===- FiniteNumbers.h - Rejecting JSON numbers beyond a double -----------===//
//
// llvm::json reads a number too large for a double (1e999, or an integer of
// four hundred digits) as infinity, which no JSON writer can write back:
// `frugal merge` and the exports would produce "inf". The readers of
// frugal's documents (profiles, static analyses) refuse such a number with
// the path to it, as they refuse any other bad value. Found by fuzz_profile.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_FINITENUMBERS_H
#define FRUGAL_TOOLS_FRUGAL_FINITENUMBERS_H

#include "llvm/Support/JSON.h"

namespace frugal {

// False, with the error reported at P's path, if any number in V is not
// finite.
bool requireFiniteNumbers(const llvm::json::Value &V, llvm::json::Path P);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_FINITENUMBERS_H
