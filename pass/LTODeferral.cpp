//===- LTODeferral.cpp - Leaving instrumentation to the LTO link ----------===//

#include "LTODeferral.h"

#include "RuntimeABI.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

#include <dlfcn.h>
#include <mutex>

using namespace llvm;

namespace frugal {

namespace {

constexpr StringRef CtorName = "frugal.lto_deferred_ctor";

// Runs after the runtime's own constructors: it only reports.
constexpr int DeferredCtorPriority = 65535;

/// The path of this plugin, to show the user what the link must load.
std::string pluginPath() {
  Dl_info Info;
  if (!dladdr(reinterpret_cast<void *>(&pluginPath), &Info) || !Info.dli_fname)
    return "FrugalPass.so";
  SmallString<256> Real;
  if (sys::fs::real_path(Info.dli_fname, Real))
    return Info.dli_fname;
  return Real.str().str();
}

void warnOnce(const Module &M) {
  if (sys::Process::GetEnv("FRUGAL_LTO_QUIET").value_or("") == "1")
    return;
  // One compiler process compiles one module; an LTO link is never in this
  // phase. So "once" is per process.
  static std::once_flag Warned;
  std::call_once(Warned, [&] {
    errs() << "frugal: warning: " << M.getSourceFileName()
           << ": LTO pre-link compile; instrumentation is deferred to the LTO "
              "link, which must load the plugin (-fuse-ld=lld "
              "-Wl,--load-pass-plugin="
           << pluginPath() << "; frugal-clang does this)\n";
  });
}

/// void frugal.lto_deferred_ctor() {
///   if (__frugal_lto_deferred) __frugal_lto_deferred(source_filename);
/// }
void emitDeferredCtor(Module &M) {
  LLVMContext &Ctx = M.getContext();
  Type *Ptr = PointerType::get(Ctx, 0);
  Type *Void = Type::getVoidTy(Ctx);
  FunctionCallee Report = M.getOrInsertFunction(
      abi::LTODeferred, FunctionType::get(Void, {Ptr}, false));
  // Weak: a program linked without the runtime must still load.
  auto *ReportFn = dyn_cast<Function>(Report.getCallee());
  if (ReportFn && ReportFn->isDeclaration()) {
    ReportFn->setLinkage(GlobalValue::ExternalWeakLinkage);
    ReportFn->setDoesNotThrow();
  }

  Function *Ctor = Function::Create(FunctionType::get(Void, false),
                                    GlobalValue::InternalLinkage, CtorName, M);
  Ctor->setDoesNotThrow();
  BasicBlock *Entry = BasicBlock::Create(Ctx, "entry", Ctor);
  BasicBlock *Call = BasicBlock::Create(Ctx, "report", Ctor);
  BasicBlock *Done = BasicBlock::Create(Ctx, "done", Ctor);

  IRBuilder<> B(Entry);
  B.CreateCondBr(B.CreateIsNotNull(Report.getCallee()), Call, Done);
  B.SetInsertPoint(Call);
  Constant *Source = B.CreateGlobalString(M.getSourceFileName(), "frugal.str");
  B.CreateCall(Report, {Source})->setDoesNotThrow();
  B.CreateBr(Done);
  B.SetInsertPoint(Done);
  B.CreateRetVoid();

  appendToGlobalCtors(M, Ctor, DeferredCtorPriority);
}

} // namespace

bool deferToLTOLink(Module &M) {
  warnOnce(M);
  // A pipeline may reach the pre-link extension point twice (FatLTO).
  if (M.getFunction(CtorName))
    return false;
  emitDeferredCtor(M);
  return true;
}

bool neutraliseDeferredCtors(Module &M) {
  bool Changed = false;
  for (Function &F : M) {
    if (F.isDeclaration() || !F.getName().starts_with(CtorName))
      continue;
    // Keep the function (llvm.global_ctors lists it) but make it do nothing.
    // Its source-file string goes too, once nothing else uses it.
    SmallPtrSet<GlobalVariable *, 2> Strings;
    for (Instruction &I : instructions(F))
      for (Value *Op : I.operands())
        if (auto *GV = dyn_cast<GlobalVariable>(Op);
            GV && GV->hasPrivateLinkage())
          Strings.insert(GV);
    GlobalValue::LinkageTypes Linkage = F.getLinkage();
    F.deleteBody();
    F.setLinkage(Linkage);
    IRBuilder<>(BasicBlock::Create(M.getContext(), "", &F)).CreateRetVoid();
    for (GlobalVariable *GV : Strings)
      if (GV->use_empty())
        GV->eraseFromParent();
    Changed = true;
  }
  return Changed;
}

} // namespace frugal
