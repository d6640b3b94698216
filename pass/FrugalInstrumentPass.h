//===- FrugalInstrumentPass.h - The frugal-instrument pass ------*- C++ -*-===//
//
// Gives every function of the module a record and, unless the filter says
// otherwise, calls to __frugal_enter/__frugal_exit; then registers the
// module's records with the runtime. See the component files for each step.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_PASS_FRUGALINSTRUMENTPASS_H
#define FRUGAL_PASS_FRUGALINSTRUMENTPASS_H

#include "Compat.h"

#include "llvm/IR/PassManager.h"

namespace frugal {

class FrugalInstrumentPass : public llvm::PassInfoMixin<FrugalInstrumentPass> {
public:
  /// Phase: where in an LTO build the pass runs; pre-link defers the work.
  explicit FrugalInstrumentPass(compat::LTOPhase Phase = compat::LTOPhase::None)
      : Phase(Phase) {}

  llvm::PreservedAnalyses run(llvm::Module &M,
                              llvm::ModuleAnalysisManager &MAM);

  /// Run even at -O0 and on optnone functions: profiling an unoptimised
  /// build is still profiling.
  static bool isRequired() { return true; }

private:
  bool isLTOPreLink(const llvm::Module &M) const;
  bool instrumentModule(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);

  compat::LTOPhase Phase;
};

} // namespace frugal

#endif // FRUGAL_PASS_FRUGALINSTRUMENTPASS_H
