//===- FrugalInstrumentPass.cpp - The frugal-instrument module pass -------===//

#include "FrugalInstrumentPass.h"

#include "FilterConfig.h"
#include "FunctionFilter.h"
#include "FunctionIdentity.h"
#include "FunctionMetrics.h"
#include "HookInserter.h"
#include "LTODeferral.h"
#include "RecordEmitter.h"
#include "RecordedArgs.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Module.h"

#include <optional>

using namespace llvm;

namespace frugal {

namespace {

/// Set once a module is instrumented. LTO, FatLTO and ThinLTO on LLVM 19 can
/// run the pass on a module twice; the second run must do nothing.
constexpr StringRef InstrumentedFlag = "frugal.instrumented";

struct FunctionPlan {
  Function *F;
  FunctionIdentity Id;
  FunctionMetrics Metrics;
  FilterDecision Decision;
  /// Set when the function is instrumented with argument recording.
  std::optional<ArgsPlan> Args;
};

bool hasCandidates(const Module &M) {
  FunctionFilter Filter(FilterConfig(), M);
  return any_of(M, [&](const Function &F) { return !Filter.isSkipped(F); });
}

} // namespace

bool FrugalInstrumentPass::isLTOPreLink(const Module &M) const {
  switch (Phase) {
  case compat::LTOPhase::ThinPreLink:
  case compat::LTOPhase::FullPreLink:
    return true;
  case compat::LTOPhase::None:
  case compat::LTOPhase::PostLink:
    return false;
  case compat::LTOPhase::Unknown:
    break;
  }
  // LLVM 19 does not tell the phase. clang marks a full-LTO pre-link module
  // with "ThinLTO" = 0 before running the pipeline. ThinLTO pre-link is not
  // recognisable, so it is instrumented there and the flag above makes the
  // ThinLTO backend leave it alone.
  const auto *ThinLTO =
      mdconst::extract_or_null<ConstantInt>(M.getModuleFlag("ThinLTO"));
  return ThinLTO && ThinLTO->isZero();
}

bool FrugalInstrumentPass::instrumentModule(Module &M,
                                            ModuleAnalysisManager &MAM) {
  const FilterConfig &Config = FilterConfig::fromEnvironment();
  FunctionFilter Filter(Config, M);
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  IdentityBuilder Ids(M);

  // Measure and decide everything before changing anything, so metrics and
  // analyses see the program as it was.
  SmallVector<FunctionPlan, 32> Plan;
  for (Function &F : M) {
    if (Filter.isSkipped(F))
      continue;
    FunctionMetrics Metrics =
        measureFunction(F, FAM.getResult<LoopAnalysis>(F), M.getDataLayout());
    FunctionIdentity Id = Ids.identify(F);
    FilterDecision Decision = Filter.decide(F, Id, Metrics);
    std::optional<ArgsPlan> Args;
    if (Decision.Instrument && Config.RecordArgs)
      Args = planRecordedArgs(F);
    Plan.push_back({&F, std::move(Id), Metrics, Decision, std::move(Args)});
  }
  if (Plan.empty())
    return false;

  RecordEmitter Records(M);
  std::optional<HookInserter> Hooks;
  for (FunctionPlan &P : Plan) {
    GlobalVariable *Record = Records.createRecord(*P.F);
    uint32_t Flags = P.Decision.Flags;
    if (P.Decision.Instrument) {
      if (!Hooks)
        Hooks.emplace(M);
      std::optional<EntryArgs> Entry;
      if (P.Args) {
        GlobalVariable *Desc =
            Records.createArgsDescriptor(*P.F, *Record, *P.Args);
        // Nothing to record: the plain hook; the descriptor still tells
        // the profile why.
        if (!P.Args->Args.empty())
          Entry = EntryArgs{Desc, P.Args->Args};
      }
      Flags |= Hooks->instrument(*P.F, *Record, Entry ? &*Entry : nullptr);
    }
    Records.fillRecord(*Record, P.Id, P.Metrics, Flags, P.Decision.Reason);
  }
  Records.emitRegistration(Config.describe());
  return true;
}

PreservedAnalyses FrugalInstrumentPass::run(Module &M,
                                            ModuleAnalysisManager &MAM) {
  if (isNonCPUTarget(M) || M.getModuleFlag(InstrumentedFlag))
    return PreservedAnalyses::all();

  if (isLTOPreLink(M)) {
    if (!hasCandidates(M) || !deferToLTOLink(M))
      return PreservedAnalyses::all();
    return PreservedAnalyses::none();
  }

  bool Changed = neutraliseDeferredCtors(M);
  Changed |= instrumentModule(M, MAM);
  if (!Changed)
    return PreservedAnalyses::all();
  M.addModuleFlag(Module::Max, InstrumentedFlag, 1);
  return PreservedAnalyses::none();
}

} // namespace frugal
