//===- Diagnostics.h - How frugal tools report errors ---------*- C++ -*-===//
//
// Every error the user sees is one line on stderr, "frugal: error: <what is
// wrong>; <how to fix it>", so errors are greppable and always actionable.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_SUPPORT_DIAGNOSTICS_H
#define FRUGAL_TOOLS_SUPPORT_DIAGNOSTICS_H

#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

namespace frugal {

/// Process exit codes. Usage errors (bad options, unknown subcommands or
/// option values) differ from failures on valid input, as with most tools.
enum ExitCode : int { ExitSuccess = 0, ExitFailure = 1, ExitUsage = 2 };

/// An error whose message is "<What>; <Fix>".
llvm::Error makeError(const llvm::Twine &What, const llvm::Twine &Fix);

/// Prints "frugal: error: <message>" on stderr for each error in \p E.
void printError(llvm::Error E);
void printError(const llvm::Twine &What, const llvm::Twine &Fix);

/// Prints the error and returns ExitFailure, for `return reportError(...)`.
int reportError(llvm::Error E);

} // namespace frugal

#endif // FRUGAL_TOOLS_SUPPORT_DIAGNOSTICS_H
