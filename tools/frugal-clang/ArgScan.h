//===- ArgScan.h - What a clang command line asks for -----------*- C++ -*-===//
//
// frugal-clang adds flags depending on what the command does: compile flags
// when there is something to compile, runtime flags only when it links (clang
// warns about unused linker flags, and -Werror builds fail on that), LTO
// flags under -flto. This reads just enough of clang's syntax to decide.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_CLANG_ARGSCAN_H
#define FRUGAL_TOOLS_FRUGAL_CLANG_ARGSCAN_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace frugal {

struct ArgScan {
  /// Input files (sources, objects, libraries, "-" for stdin). Without any,
  /// the command only queries clang (--version, -print-*), so nothing is
  /// added.
  bool HasInputs = false;
  /// No option stops before the link (-c, -S, -E, -M, -MM, -fsyntax-only...).
  bool StopsBeforeLink = false;
  /// A -g option that chooses the debug-info level, -g0 included; modifiers
  /// such as -gz or -gsplit-dwarf do not count.
  bool ChoosesDebugInfo = false;
  /// The last of -flto, -flto=<kind> and -fno-lto is an -flto.
  bool Lto = false;
  /// The linker the user chose with -fuse-ld= or --ld-path=, if any.
  std::optional<std::string> Linker;

  bool links() const { return HasInputs && !StopsBeforeLink; }
};

/// Scans clang arguments (without argv[0]; response files expanded).
ArgScan scanArgs(llvm::ArrayRef<llvm::StringRef> Args);

/// Whether \p Linker (a -fuse-ld= or --ld-path= value) names LLVM's lld.
bool isLld(llvm::StringRef Linker);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_CLANG_ARGSCAN_H
