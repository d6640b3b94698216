//===- OutputFile.h - Writing -o files in one step --------------*- C++ -*-===//
//
// Every subcommand's -o FILE is replaced in one step: the output goes to a
// temporary file created exclusively (O_EXCL: never through a planted
// symlink) under a random name beside FILE, with mode 0644 less the umask,
// which is then renamed over it: readers never see half an output, a failed
// write leaves the old file as it was, and a symlink planted at FILE is
// replaced, not followed (docs/reliability.md, section 4).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_OUTPUTFILE_H
#define FRUGAL_TOOLS_FRUGAL_OUTPUTFILE_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace frugal {

/// Writes \p Path with what \p Write prints, atomically (see above). Errors
/// name the path and say how to fix it.
llvm::Error
writeFileAtomically(llvm::StringRef Path,
                    llvm::function_ref<void(llvm::raw_ostream &)> Write);

/// Runs \p Write on stdout when \p Path is empty, else writes \p Path
/// atomically.
llvm::Error writeOutput(llvm::StringRef Path,
                        llvm::function_ref<void(llvm::raw_ostream &)> Write);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_OUTPUTFILE_H
