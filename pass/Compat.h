//===- Compat.h - The LLVM API differences FrugalPass meets -----*- C++ -*-===//
//
// FrugalPass builds against LLVM 19 and LLVM 22. Every place where their APIs
// differ is bridged here, so the rest of the pass is written once.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_PASS_COMPAT_H
#define FRUGAL_PASS_COMPAT_H

#include "llvm/Config/llvm-config.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DebugProgramInstruction.h"
#include "llvm/IR/Instruction.h"
#include "llvm/IR/IntrinsicInst.h"
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

/// Where a source variable lives at one point: what a #dbg_value or
/// #dbg_declare record says, or an llvm.dbg.value/declare call.
struct DebugVarLocation {
  const llvm::DILocalVariable *Var;
  const llvm::DIExpression *Expr;
  /// The single location operand; nullptr for an argument list or a killed
  /// location.
  llvm::Value *Location;
  bool IsDeclare; ///< an address (declare), not a value
  const llvm::DILocation *Loc;
};

/// The single location operand of a record or intrinsic, else nullptr.
template <class DebugVarT> llvm::Value *singleLocation(const DebugVarT &D) {
  if (D.hasArgList() || D.getNumVariableLocationOps() != 1)
    return nullptr;
  return D.getVariableLocationOp(0);
}

/// Whether a record gives a variable's value (dbg_value, and dbg_assign,
/// which optimised code has for variables whose address is taken).
inline bool isValueRecord(llvm::DbgVariableRecord &R) {
#if LLVM_VERSION_MAJOR >= 22
  if (R.isDbgDeclareValue())
    return true;
#endif
  return R.isDbgValue() || R.isDbgAssign();
}

/// Calls Fn(DebugVarLocation) for the debug variable locations attached to
/// I. LLVM 19 may hold them as debug records (before I) or, in a module
/// kept in the old format, as intrinsic calls (I itself; llvm.dbg.assign is
/// a DbgValueInst); LLVM 22 has only records (it upgrades the intrinsics
/// when it reads IR) and adds #dbg_declare_value.
template <class CallbackT>
void forEachDebugVar(const llvm::Instruction &I, CallbackT Fn) {
  for (llvm::DbgVariableRecord &R : llvm::filterDbgVars(I.getDbgRecordRange()))
    if (isValueRecord(R) || R.isDbgDeclare())
      Fn(DebugVarLocation{R.getVariable(), R.getExpression(), singleLocation(R),
                          R.isDbgDeclare(), R.getDebugLoc().get()});
#if LLVM_VERSION_MAJOR < 20
  if (const auto *DVI = llvm::dyn_cast<llvm::DbgVariableIntrinsic>(&I))
    if (llvm::isa<llvm::DbgValueInst>(DVI) ||
        llvm::isa<llvm::DbgDeclareInst>(DVI))
      Fn(DebugVarLocation{
          DVI->getVariable(), DVI->getExpression(), singleLocation(*DVI),
          llvm::isa<llvm::DbgDeclareInst>(DVI), DVI->getDebugLoc().get()});
#endif
}

} // namespace frugal::compat

#endif // FRUGAL_PASS_COMPAT_H
