//===- LTODeferral.h - Leaving instrumentation to the LTO link --*- C++ -*-===//
//
// With -flto the pass must run at the link, after cross-module inlining, so
// in the pre-link compile it only leaves a trace: a warning at compile time,
// and a constructor that, if the link did not run the pass, tells the
// runtime (through the weak __frugal_lto_deferred) that this module was not
// instrumented. The pass neutralises that constructor when it does run.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_PASS_LTODEFERRAL_H
#define FRUGAL_PASS_LTODEFERRAL_H

namespace llvm {
class Module;
} // namespace llvm

namespace frugal {

/// Pre-link: warns (once per process, unless FRUGAL_LTO_QUIET=1) and emits
/// the frugal.lto_deferred_ctor constructor. Returns whether M changed.
bool deferToLTOLink(llvm::Module &M);

/// Link: empties every frugal.lto_deferred_ctor* function (LTO renames
/// duplicates from different modules with a suffix). Returns whether M
/// changed.
bool neutraliseDeferredCtors(llvm::Module &M);

} // namespace frugal

#endif // FRUGAL_PASS_LTODEFERRAL_H
