//===- Locate.h - Where frugal-clang finds clang and frugal -----*- C++ -*-===//
//
// The plugin, runtime and headers are found relative to the wrapper's own
// executable: the build tree mirrors the install (bin/, lib/, include/), so
// the same rule works in both, and a moved install keeps working. The
// environment can point elsewhere, e.g. at a plugin under development.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_CLANG_LOCATE_H
#define FRUGAL_TOOLS_FRUGAL_CLANG_LOCATE_H

#include "llvm/Support/Error.h"

#include <string>

namespace frugal {

struct Layout {
  std::string Plugin;     // FRUGAL_PLUGIN, or <prefix>/lib/FrugalPass.so
  std::string RuntimeDir; // FRUGAL_RUNTIME_DIR, or <prefix>/lib
  std::string IncludeDir; // <prefix>/include
  /// The plugin is the one built with this wrapper, of its LLVM version;
  /// FRUGAL_PLUGIN may name one built for another.
  bool OwnPlugin = true;
};

/// Paths are absolute: the runtime directory becomes an rpath.
Layout locateLayout(const char *Argv0);

/// An error unless the plugin exists.
llvm::Error checkPlugin(const Layout &L);

/// An error unless the runtime library (shared or static) exists.
llvm::Error checkRuntime(const Layout &L);

/// The clang to run, and where the choice came from (for error messages).
struct ChosenClang {
  std::string Path;  // what is executed
  std::string Given; // as the user or the default named it
  const char *Var;   // FRUGAL_CC or FRUGAL_CXX
  bool FromVar;      // Given is Var's value, not the default
  bool CPlusPlus;
};

/// The clang to run: FRUGAL_CC (FRUGAL_CXX for C++), a path or a name on
/// PATH; by default the clang of the LLVM the plugin was built with.
llvm::Expected<ChosenClang> findClang(bool CPlusPlus);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_CLANG_LOCATE_H
