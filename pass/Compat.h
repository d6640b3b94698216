//===- Compat.h - The LLVM API differences FrugalPass meets -----*- C++ -*-===//
//
// FrugalPass builds against LLVM 19 and LLVM 22. Every place where their APIs
// differ is bridged here, so the rest of the pass is written once.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_PASS_COMPAT_H
#define FRUGAL_PASS_COMPAT_H

#include "llvm/Config/llvm-config.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/TargetParser/Triple.h"

// LLVM 22 moved the plugin interface out of llvm/Passes.
#if __has_include("llvm/Plugins/PassPlugin.h")
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif

namespace frugal::compat {

/// What the OptimizerLast extension point tells about the LTO phase.
enum class LTOPhase {
  None,        ///< Ordinary compile: instrument.
  ThinPreLink, ///< ThinLTO pre-link: defer to the link.
  FullPreLink, ///< Full-LTO pre-link: defer to the link.
  PostLink,    ///< ThinLTO backend: instrument.
  Unknown,     ///< LLVM 19: the callback gets no phase; ask the module.
};

// Since LLVM 20 the OptimizerLast callbacks receive a ThinOrFullLTOPhase. The
// plugin registers a generic lambda and forwards whatever it gets here, so
// overload resolution picks the right version.
#if LLVM_VERSION_MAJOR >= 20
inline LTOPhase ltoPhase(llvm::ThinOrFullLTOPhase Phase) {
  switch (Phase) {
  case llvm::ThinOrFullLTOPhase::ThinLTOPreLink:
    return LTOPhase::ThinPreLink;
  case llvm::ThinOrFullLTOPhase::FullLTOPreLink:
    return LTOPhase::FullPreLink;
  case llvm::ThinOrFullLTOPhase::ThinLTOPostLink:
  case llvm::ThinOrFullLTOPhase::FullLTOPostLink:
    return LTOPhase::PostLink;
  default:
    return LTOPhase::None;
  }
}
#endif
inline LTOPhase ltoPhase() { return LTOPhase::Unknown; }

/// Module::getTargetTriple() returns a Triple since LLVM 21, a string before.
inline llvm::Triple targetTriple(const llvm::Module &M) {
  return llvm::Triple(M.getTargetTriple());
}

} // namespace frugal::compat

#endif // FRUGAL_PASS_COMPAT_H
