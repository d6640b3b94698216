//===- RecordEmitter.cpp - Function records and module registration -------===//

#include "RecordEmitter.h"

#include "FunctionIdentity.h"
#include "FunctionMetrics.h"
#include "RecordedArgs.h"
#include "RuntimeABI.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace frugal {

namespace {

// Early, so functions of other constructors are measured; priorities up to
// 100 are reserved for the implementation, which the runtime is.
constexpr int RegistrationPriority = 2;

/// An internal void() function with one call to Hook(Args...).
Function *createStructor(Module &M, StringRef Name, StringRef Hook,
                         ArrayRef<Value *> Args) {
  LLVMContext &Ctx = M.getContext();
  Type *Ptr = PointerType::get(Ctx, 0);
  auto *VoidFn = FunctionType::get(Type::getVoidTy(Ctx), false);
  Function *F = Function::Create(VoidFn, GlobalValue::InternalLinkage, Name, M);
  F->setDoesNotThrow();
  FunctionCallee Callee = M.getOrInsertFunction(
      Hook, FunctionType::get(Type::getVoidTy(Ctx), {Ptr, Ptr, Ptr}, false));
  if (auto *HookFn = dyn_cast<Function>(Callee.getCallee()))
    HookFn->setDoesNotThrow();
  IRBuilder<> B(BasicBlock::Create(Ctx, "", F));
  B.CreateCall(Callee, Args)->setDoesNotThrow();
  B.CreateRetVoid();
  return F;
}

/// Adds a call to Hook(Args...) before the ret of a function made by
/// createStructor.
void appendCall(Function &F, StringRef Hook, ArrayRef<Value *> Args) {
  Module &M = *F.getParent();
  LLVMContext &Ctx = M.getContext();
  Type *Ptr = PointerType::get(Ctx, 0);
  SmallVector<Type *, 3> Params(Args.size(), Ptr);
  FunctionCallee Callee = M.getOrInsertFunction(
      Hook, FunctionType::get(Type::getVoidTy(Ctx), Params, false));
  if (auto *HookFn = dyn_cast<Function>(Callee.getCallee()))
    HookFn->setDoesNotThrow();
  IRBuilder<> B(F.getEntryBlock().getTerminator());
  B.CreateCall(Callee, Args)->setDoesNotThrow();
}

/// The linker-defined bound of a section of Ty elements. Hidden, so each
/// DSO resolves it to its own section; weak, so a DSO whose records were all
/// discarded still links (the runtime then sees an empty range).
GlobalVariable *sectionBound(Module &M, StringRef Name, Type *Ty = nullptr) {
  if (GlobalVariable *GV = M.getNamedGlobal(Name))
    return GV;
  auto *GV = new GlobalVariable(
      M, Ty ? Ty : abi::recordType(M.getContext()),
      /*isConstant=*/false, GlobalValue::ExternalWeakLinkage, nullptr, Name);
  GV->setVisibility(GlobalValue::HiddenVisibility);
  return GV;
}

} // namespace

Constant *RecordEmitter::string(StringRef Text) {
  Constant *&Slot = Strings[Text];
  if (!Slot) {
    Constant *Init = ConstantDataArray::getString(M.getContext(), Text);
    auto *GV =
        new GlobalVariable(M, Init->getType(), /*isConstant=*/true,
                           GlobalValue::PrivateLinkage, Init, "frugal.str");
    GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    GV->setAlignment(Align(1));
    Slot = GV;
  }
  return Slot;
}

GlobalVariable *RecordEmitter::createRecord(Function &F) {
  StructType *Ty = abi::recordType(M.getContext());
  // Writable: the runtime stores the function's id in it at registration.
  auto *Record = new GlobalVariable(
      M, Ty, /*isConstant=*/false, GlobalValue::PrivateLinkage,
      Constant::getNullValue(Ty), "frugal.rec." + F.getName());
  Record->setSection(abi::RecordSection);
  Record->setAlignment(Align(abi::RecordAlign));
  if (Comdat *C = F.getComdat())
    Record->setComdat(C);
  Records.push_back(Record);
  return Record;
}

void RecordEmitter::fillRecord(GlobalVariable &Record,
                               const FunctionIdentity &Id,
                               const FunctionMetrics &Metrics, uint32_t Flags,
                               uint32_t FilterReason) {
  LLVMContext &Ctx = M.getContext();
  auto I32 = [&](uint32_t V) {
    return ConstantInt::get(Type::getInt32Ty(Ctx), V);
  };
  Constant *Fields[abi::RFNumFields];
  Fields[abi::RFAbiVersion] = I32(FRUGAL_ABI_VERSION);
  Fields[abi::RFFlags] = I32(Flags);
  Fields[abi::RFId] = I32(0);
  Fields[abi::RFLine] = I32(Id.Line);
  Fields[abi::RFLinkageName] = string(Id.LinkageName);
  Fields[abi::RFName] = string(Id.Name);
  Fields[abi::RFFile] = string(Id.File);
  Fields[abi::RFResolvedFile] = string(Id.ResolvedFile);
  Fields[abi::RFInstructions] = I32(Metrics.Instructions);
  Fields[abi::RFBasicBlocks] = I32(Metrics.BasicBlocks);
  Fields[abi::RFLoops] = I32(Metrics.Loops);
  Fields[abi::RFMaxLoopDepth] = I32(Metrics.MaxLoopDepth);
  Fields[abi::RFCallSites] = I32(Metrics.CallSites);
  Fields[abi::RFFilterReason] = I32(FilterReason);
  Fields[abi::RFAllocaBytes] =
      ConstantInt::get(Type::getInt64Ty(Ctx), Metrics.AllocaBytes);
  Record.setInitializer(
      ConstantStruct::get(abi::recordType(Ctx), ArrayRef(Fields)));
}

GlobalVariable *RecordEmitter::createArgsDescriptor(Function &F,
                                                    GlobalVariable &Record,
                                                    const ArgsPlan &Plan) {
  LLVMContext &Ctx = M.getContext();
  Type *I32 = Type::getInt32Ty(Ctx);
  auto *Ptr = PointerType::get(Ctx, 0);
  Constant *Names = ConstantPointerNull::get(Ptr);
  if (!Plan.Args.empty()) {
    SmallVector<Constant *, 4> Elements;
    for (const RecordedArg &A : Plan.Args)
      Elements.push_back(string(A.Name));
    auto *Ty = ArrayType::get(Ptr, Elements.size());
    auto *GV = new GlobalVariable(
        M, Ty, /*isConstant=*/true, GlobalValue::PrivateLinkage,
        ConstantArray::get(Ty, Elements), "frugal.argnames." + F.getName());
    GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    GV->setComdat(F.getComdat()); // dropped with the descriptor
    Names = GV;
  }
  Constant *Fields[abi::AFNumFields];
  Fields[abi::AFVersion] = ConstantInt::get(I32, FRUGAL_ARGS_VERSION);
  Fields[abi::AFNumArgs] = ConstantInt::get(I32, Plan.Args.size());
  Fields[abi::AFRecord] = &Record;
  Fields[abi::AFNames] = Names;
  Fields[abi::AFNote] = string(Plan.Note);
  Fields[abi::AFState] = ConstantPointerNull::get(Ptr);
  StructType *Ty = abi::argsDescType(Ctx);
  // Writable: the runtime stores the sample storage's address in it.
  auto *Desc = new GlobalVariable(
      M, Ty, /*isConstant=*/false, GlobalValue::PrivateLinkage,
      ConstantStruct::get(Ty, ArrayRef(Fields)), "frugal.args." + F.getName());
  Desc->setSection(abi::ArgsSection);
  Desc->setAlignment(Align(abi::RecordAlign));
  if (Comdat *C = F.getComdat())
    Desc->setComdat(C);
  ArgsDescs.push_back(Desc);
  return Desc;
}

void RecordEmitter::emitRegistration(StringRef FilterText) {
  if (Records.empty())
    return;
  LLVMContext &Ctx = M.getContext();
  Type *I32 = Type::getInt32Ty(Ctx);
  Constant *InfoInit = ConstantStruct::get(
      abi::moduleInfoType(Ctx),
      {ConstantInt::get(I32, FRUGAL_ABI_VERSION), ConstantInt::get(I32, 0),
       string(M.getSourceFileName()), string(LLVM_VERSION_STRING),
       string(FilterText)});
  auto *Info = new GlobalVariable(M, InfoInit->getType(), /*isConstant=*/true,
                                  GlobalValue::PrivateLinkage, InfoInit,
                                  "frugal.module_info");
  Info->setAlignment(Align(abi::RecordAlign));

  Value *Args[] = {Info, sectionBound(M, abi::SectionStart),
                   sectionBound(M, abi::SectionStop)};
  Function *Ctor =
      createStructor(M, "frugal.module_ctor", abi::RegisterModule, Args);
  if (!ArgsDescs.empty()) {
    // After the records: the runtime files the descriptors under them.
    Type *DescTy = abi::argsDescType(Ctx);
    appendCall(*Ctor, abi::RegisterArgs,
               {sectionBound(M, abi::ArgsSectionStart, DescTy),
                sectionBound(M, abi::ArgsSectionStop, DescTy)});
  }
  appendToGlobalCtors(M, Ctor, RegistrationPriority);
  appendToGlobalDtors(
      M, createStructor(M, "frugal.module_dtor", abi::UnregisterModule, Args),
      RegistrationPriority);

  // Nothing in the module reads the records of filtered functions; keep
  // them from being optimised away. (Past the compiler, the linker keeps the
  // section for its __start_/__stop_ references; records of filtered
  // functions survived --gc-sections with both lld and ld.bfd.)
  // Likewise the argument descriptors: a function with nothing to record
  // calls the plain hook, so nothing refers to its descriptor.
  SmallVector<GlobalValue *, 64> Used(Records.begin(), Records.end());
  Used.append(ArgsDescs.begin(), ArgsDescs.end());
  appendToCompilerUsed(M, Used);
}

} // namespace frugal
