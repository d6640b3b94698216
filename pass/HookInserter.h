//===- HookInserter.h - Calls to __frugal_enter/__frugal_exit ---*- C++ -*-===//
//
// Inserts the entry and exit hooks into one function so that every way out of
// it calls __frugal_exit exactly once:
//  - each `ret` (before the musttail or deoptimize call that precedes it);
//  - each `resume` of an existing landing pad: the exception leaves the
//    function. An exception caught inside the function is no exit.
//  - in functions that may unwind, each call that may throw becomes an
//    invoke whose new cleanup landing pad calls the exit hook and resumes.
//
// With argument recording (RecordedArgs.h) the entry hook is
// __frugal_enter_args, which also receives the function's argument
// descriptor and the recorded parameters' values, widened to 64 bits, in a
// stack array.
//
// Both hooks also receive the function's return-address slot
// (llvm.addressofreturnaddress, computed once at entry; null on targets that
// lack it), which lets the runtime recognise frames a longjmp abandoned.
//
// Exceptions are handled for Itanium-style landing pads only (Linux, macOS).
// Functions using funclet/scoped EH (MSVC, WebAssembly) get entry and `ret`
// exits only, so an exception unwinding through them is not seen.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_PASS_HOOKINSERTER_H
#define FRUGAL_PASS_HOOKINSERTER_H

#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"

#include <cstdint>

namespace llvm {
class GlobalVariable;
class Module;
} // namespace llvm

namespace frugal {

struct RecordedArg;

/// What __frugal_enter_args receives besides the record and frame.
struct EntryArgs {
  llvm::GlobalVariable *Desc;       ///< the frugal_args_desc
  llvm::ArrayRef<RecordedArg> Args; ///< non-empty
};

class HookInserter {
public:
  /// Declares the hooks in M.
  explicit HookInserter(llvm::Module &M);

  /// Instruments F, passing Record to the hooks, and Args to the entry hook
  /// when given. Returns the frugal_func_flags learnt doing so
  /// (FRUGAL_FN_UNWIND_EXIT).
  uint32_t instrument(llvm::Function &F, llvm::GlobalVariable &Record,
                      const EntryArgs *Args = nullptr);

private:
  llvm::BasicBlock *createCleanupPad(llvm::Function &F,
                                     llvm::GlobalVariable &Record);
  void callExit(llvm::Instruction &Before, llvm::GlobalVariable &Record);
  void emitHookCall(llvm::IRBuilder<> &B, llvm::FunctionCallee Hook,
                    llvm::GlobalVariable &Record);
  void emitEnterArgs(llvm::IRBuilder<> &B, llvm::GlobalVariable &Record,
                     const EntryArgs &Args);
  bool usesLandingPads(const llvm::Function &F) const;

  llvm::Module &M;
  llvm::FunctionCallee Enter, Exit;
  /// __frugal_enter_args, declared at its first use only: a module compiled
  /// without argument recording must not change.
  llvm::FunctionCallee EnterArgs;
  /// llvm.addressofreturnaddress where the target lowers it, else null.
  llvm::FunctionCallee ReturnSlot;
  /// The current function's slot (or a null pointer), set by instrument().
  llvm::Value *Frame = nullptr;
};

} // namespace frugal

#endif // FRUGAL_PASS_HOOKINSERTER_H
