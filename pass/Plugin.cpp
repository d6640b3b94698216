//===- Plugin.cpp - Entry point of the FrugalPass plugin ------------------===//
//
// Loaded by `clang -fpass-plugin=FrugalPass.so`, `opt -load-pass-plugin` and
// `ld.lld --load-pass-plugin` (LTO). Places the pass:
//  - at OptimizerLast, after inlining, so the profile shows the functions
//    that really exist in the binary; the pass defers itself in LTO pre-link
//    compiles (except ThinLTO at -O0, see below);
//  - at FullLinkTimeOptimizationLast, where full LTO gets instrumented;
//  - under the name frugal-instrument for explicit -passes= pipelines.
//
//===----------------------------------------------------------------------===//

#include "Compat.h"
#include "FrugalInstrumentPass.h"

#include "llvm/Passes/PassBuilder.h"

using namespace llvm;

namespace {

void registerCallbacks(PassBuilder &PB) {
  // LLVM >= 20 passes a ThinOrFullLTOPhase after the level, LLVM 19 nothing;
  // compat::ltoPhase() accepts either.
  PB.registerOptimizerLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel Level, auto... Phase) {
        frugal::compat::LTOPhase LTO = frugal::compat::ltoPhase(Phase...);
        // The ThinLTO backend pipeline at -O0 (thinlto<O0>, lld --lto-O0)
        // has no extension point at all, so deferring there would leave the
        // module uninstrumented. At -O0 nothing gets inlined at the link
        // either, so instrumenting now loses nothing; the module flag keeps
        // an optimising backend from doing it again.
        if (LTO == frugal::compat::LTOPhase::ThinPreLink &&
            Level == OptimizationLevel::O0)
          LTO = frugal::compat::LTOPhase::None;
        MPM.addPass(frugal::FrugalInstrumentPass(LTO));
      });
  PB.registerFullLinkTimeOptimizationLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(frugal::FrugalInstrumentPass());
      });
  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM,
         ArrayRef<PassBuilder::PipelineElement>) {
        if (Name != "frugal-instrument")
          return false;
        MPM.addPass(frugal::FrugalInstrumentPass());
        return true;
      });
}

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK
    LLVM_ATTRIBUTE_VISIBILITY_DEFAULT PassPluginLibraryInfo
    llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "FrugalPass", FRUGAL_PASS_VERSION,
          registerCallbacks};
}
