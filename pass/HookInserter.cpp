//===- HookInserter.cpp - Calls to __frugal_enter/__frugal_exit -----------===//

#include "HookInserter.h"

#include "Compat.h"
#include "RecordedArgs.h"
#include "RuntimeABI.h"

#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/EHPersonalities.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/Local.h"

using namespace llvm;

namespace frugal {

namespace {

/// The attributes of every hook declaration. Nounwind matters: it keeps the
/// hooks' own calls out of the invoke conversion below. Nonlazybind makes
/// position-independent code call the hook through its GOT entry (as
/// -fno-plt does) instead of through a PLT stub: one jump less on each
/// entry and exit; a static link relaxes it to a direct call.
void setHookAttributes(FunctionCallee Hook) {
  if (auto *F = dyn_cast<Function>(Hook.getCallee())) {
    F->setDoesNotThrow();
    F->addFnAttr(Attribute::NonLazyBind);
  }
}

/// Declares void Name(ptr record, ptr frame).
FunctionCallee declareHook(Module &M, StringRef Name) {
  LLVMContext &Ctx = M.getContext();
  Type *Ptr = PointerType::get(Ctx, 0);
  auto *Ty = FunctionType::get(Type::getVoidTy(Ctx), {Ptr, Ptr}, false);
  FunctionCallee Hook = M.getOrInsertFunction(Name, Ty);
  setHookAttributes(Hook);
  return Hook;
}

/// A location for a call inserted before I: I's own, else line 0 of the
/// function, so that debuggers still attribute the call to F.
DebugLoc locationFor(const Instruction &I) {
  if (DebugLoc Loc = I.getDebugLoc())
    return Loc;
  if (DISubprogram *SP = I.getFunction()->getSubprogram())
    return DILocation::get(SP->getContext(), 0, 0, SP);
  return DebugLoc();
}

/// The entry hook is attributed to the function's opening line.
DebugLoc entryLocation(const Function &F) {
  if (DISubprogram *SP = F.getSubprogram())
    return DILocation::get(SP->getContext(), SP->getScopeLine(), 0, SP);
  return DebugLoc();
}

/// llvm.addressofreturnaddress, on the targets whose backends lower it.
FunctionCallee declareReturnSlot(Module &M) {
  Triple T = compat::targetTriple(M);
  if (!T.isX86() && !T.isAArch64())
    return FunctionCallee();
  Type *Ptr = PointerType::get(M.getContext(), 0);
  return M.getOrInsertFunction("llvm.addressofreturnaddress.p0",
                               FunctionType::get(Ptr, false));
}

} // namespace

/// Emits Hook(Record, Frame) at B's insertion point.
void HookInserter::emitHookCall(IRBuilder<> &B, FunctionCallee Hook,
                                GlobalVariable &Record) {
  CallInst *Call = B.CreateCall(Hook, {&Record, Frame});
  Call->setDoesNotThrow();
  // Never a sibling call: entered by a jump, the hook would see the
  // caller's caller as its caller, and a runtime that matches frames
  // between entry and exit (to survive longjmp) would lose track.
  Call->setTailCallKind(CallInst::TCK_NoTail);
}

/// Emits __frugal_enter_args(Record, Frame, Desc, Values), Values being a
/// stack array of the recorded parameters widened to i64 as their C types
/// say (so the runtime needs no per-parameter type).
void HookInserter::emitEnterArgs(IRBuilder<> &B, GlobalVariable &Record,
                                 const EntryArgs &Args) {
  LLVMContext &Ctx = M.getContext();
  Type *Ptr = PointerType::get(Ctx, 0);
  Type *I64 = Type::getInt64Ty(Ctx);
  if (!EnterArgs) {
    auto *Ty =
        FunctionType::get(Type::getVoidTy(Ctx), {Ptr, Ptr, Ptr, Ptr}, false);
    EnterArgs = M.getOrInsertFunction(abi::EnterArgsHook, Ty);
    setHookAttributes(EnterArgs);
  }
  // A static alloca: first in the entry block, with the others.
  BasicBlock &Entry = B.GetInsertBlock()->getParent()->getEntryBlock();
  auto *ArrayTy = ArrayType::get(I64, Args.Args.size());
  auto *Values = new AllocaInst(ArrayTy, M.getDataLayout().getAllocaAddrSpace(),
                                "frugal.args", Entry.getFirstInsertionPt());
  Values->setAlignment(Align(8));
  for (auto [Index, A] : enumerate(Args.Args)) {
    Value *Wide =
        A.Signed ? B.CreateSExt(A.Arg, I64) : B.CreateZExt(A.Arg, I64);
    B.CreateStore(Wide,
                  B.CreateConstInBoundsGEP2_64(ArrayTy, Values, 0, Index));
  }
  CallInst *Call = B.CreateCall(EnterArgs, {&Record, Frame, Args.Desc, Values});
  Call->setDoesNotThrow();
  Call->setTailCallKind(CallInst::TCK_NoTail); // as in emitHookCall
}

namespace {

/// Whether unwinding out of CI would leave F without passing an exit hook.
bool mayUnwindOut(const CallInst &CI) {
  // Intrinsics do not unwind in practice; musttail calls must stay calls
  // (their exit hook already ran before them); inline asm that unwinds is
  // rare enough to leave alone; funclet bundles belong to scoped EH.
  return !CI.doesNotThrow() && !isa<IntrinsicInst>(CI) && !CI.isInlineAsm() &&
         !CI.isMustTailCall() && !CI.getOperandBundle(LLVMContext::OB_funclet);
}

Type *landingPadType(Function &F) {
  for (const BasicBlock &BB : F)
    if (BB.isLandingPad())
      return BB.getLandingPadInst()->getType();
  LLVMContext &Ctx = F.getContext();
  // The Itanium { exception pointer, selector } pair.
  return StructType::get(PointerType::get(Ctx, 0), Type::getInt32Ty(Ctx));
}

} // namespace

HookInserter::HookInserter(Module &M)
    : M(M), Enter(declareHook(M, abi::EnterHook)),
      Exit(declareHook(M, abi::ExitHook)), ReturnSlot(declareReturnSlot(M)) {}

void HookInserter::callExit(Instruction &Before, GlobalVariable &Record) {
  IRBuilder<> B(Before.getParent(), Before.getIterator());
  B.SetCurrentDebugLocation(locationFor(Before));
  emitHookCall(B, Exit, Record);
}

bool HookInserter::usesLandingPads(const Function &F) const {
  if (F.hasPersonalityFn())
    return !isScopedEHPersonality(classifyEHPersonality(F.getPersonalityFn()));
  Triple T = compat::targetTriple(M);
  return !T.isWindowsMSVCEnvironment() && !T.isWasm();
}

BasicBlock *HookInserter::createCleanupPad(Function &F,
                                           GlobalVariable &Record) {
  if (!F.hasPersonalityFn()) {
    // Prefer the C++ personality when the module already links against it;
    // the C one handles cleanups just as well and is in libgcc_s/libunwind.
    StringRef Name = M.getNamedValue("__gxx_personality_v0")
                         ? "__gxx_personality_v0"
                         : "__gcc_personality_v0";
    FunctionCallee Personality = M.getOrInsertFunction(
        Name, FunctionType::get(Type::getInt32Ty(M.getContext()), true));
    F.setPersonalityFn(cast<Constant>(Personality.getCallee()));
  }
  Type *PadTy = landingPadType(F);
  BasicBlock *Pad = BasicBlock::Create(F.getContext(), "frugal.unwind", &F);
  IRBuilder<> B(Pad);
  if (DISubprogram *SP = F.getSubprogram())
    B.SetCurrentDebugLocation(DILocation::get(SP->getContext(), 0, 0, SP));
  LandingPadInst *LP = B.CreateLandingPad(PadTy, 0);
  LP->setCleanup(true);
  emitHookCall(B, Exit, Record);
  B.CreateResume(LP);
  return Pad;
}

uint32_t HookInserter::instrument(Function &F, GlobalVariable &Record,
                                  const EntryArgs *Args) {
  // Collect first: the conversion below splits blocks.
  SmallVector<ReturnInst *, 4> Returns;
  SmallVector<ResumeInst *, 2> Resumes;
  SmallVector<CallInst *, 8> Throwing;
  bool LandingPads = usesLandingPads(F);
  bool ConvertCalls = LandingPads && !F.doesNotThrow();
  for (BasicBlock &BB : F)
    for (Instruction &I : BB) {
      if (auto *RI = dyn_cast<ReturnInst>(&I))
        Returns.push_back(RI);
      else if (auto *RI = dyn_cast<ResumeInst>(&I))
        Resumes.push_back(RI);
      else if (auto *CI = dyn_cast<CallInst>(&I);
               CI && ConvertCalls && mayUnwindOut(*CI))
        Throwing.push_back(CI);
    }

  // Entry: after the static allocas, which must stay together at the top of
  // the entry block for later passes to treat them as static.
  BasicBlock &Entry = F.getEntryBlock();
  IRBuilder<> B(&Entry, Entry.getFirstNonPHIOrDbgOrAlloca());
  B.SetCurrentDebugLocation(entryLocation(F));
  // Computed once in the entry block, it dominates every exit.
  Frame = ReturnSlot
              ? static_cast<Value *>(B.CreateCall(ReturnSlot))
              : ConstantPointerNull::get(PointerType::get(F.getContext(), 0));
  if (Args)
    emitEnterArgs(B, Record, *Args);
  else
    emitHookCall(B, Enter, Record);

  for (ReturnInst *RI : Returns) {
    BasicBlock *BB = RI->getParent();
    // A musttail call must immediately precede its ret, so the exit hook
    // goes before the call; likewise for a deoptimize call.
    Instruction *Before = RI;
    if (CallInst *Tail = BB->getTerminatingMustTailCall())
      Before = Tail;
    else if (CallInst *Deopt = BB->getTerminatingDeoptimizeCall())
      Before = Deopt;
    callExit(*Before, Record);
  }

  uint32_t Flags = 0;
  if (LandingPads)
    for (ResumeInst *RI : Resumes) {
      callExit(*RI, Record);
      Flags |= FRUGAL_FN_UNWIND_EXIT;
    }

  if (!Throwing.empty()) {
    BasicBlock *Pad = createCleanupPad(F, Record);
    for (CallInst *CI : Throwing)
      changeToInvokeAndSplitBasicBlock(CI, Pad);
    Flags |= FRUGAL_FN_UNWIND_EXIT;
  }
  return Flags;
}

} // namespace frugal
