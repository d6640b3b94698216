//===- RecordEmitter.h - Records and module registration --------*- C++ -*-===//
//
// Emits the data the runtime reads (layouts in include/frugal/abi.h):
//  - one writable frugal_func_record per function, in the FRUGAL_RECORD_SECTION
//    section and in the function's comdat, so that when the linker drops a
//    duplicate inline or template function it drops its record too;
//  - one frugal_module_info and a constructor/destructor pair that register
//    and unregister the records of the whole DSO, found by the linker-made
//    __start_/__stop_ symbols of the section;
//  - with argument recording, one frugal_args_desc per instrumented function
//    in FRUGAL_ARGS_SECTION (also in the comdat), which the constructor
//    registers too. Without it nothing of this is emitted.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_PASS_RECORDEMITTER_H
#define FRUGAL_PASS_RECORDEMITTER_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace llvm {
class Constant;
class Function;
class GlobalValue;
class GlobalVariable;
class Module;
} // namespace llvm

namespace frugal {

struct ArgsPlan;
struct FunctionIdentity;
struct FunctionMetrics;

class RecordEmitter {
public:
  explicit RecordEmitter(llvm::Module &M) : M(M) {}

  /// Creates F's record, zero-filled until fillRecord(): the hooks need its
  /// address before the flags are known.
  llvm::GlobalVariable *createRecord(llvm::Function &F);

  void fillRecord(llvm::GlobalVariable &Record, const FunctionIdentity &Id,
                  const FunctionMetrics &Metrics, uint32_t Flags,
                  uint32_t FilterReason);

  /// Creates F's frugal_args_desc, naming Plan's parameters.
  llvm::GlobalVariable *createArgsDescriptor(llvm::Function &F,
                                             llvm::GlobalVariable &Record,
                                             const ArgsPlan &Plan);

  /// Emits frugal_module_info, the register/unregister constructor and
  /// destructor, and keeps the records alive. Call once, after the records.
  void emitRegistration(llvm::StringRef FilterText);

private:
  /// A private unnamed_addr C string, shared by equal strings.
  llvm::Constant *string(llvm::StringRef Text);

  llvm::Module &M;
  llvm::StringMap<llvm::Constant *> Strings;
  llvm::SmallVector<llvm::GlobalValue *, 32> Records;
  llvm::SmallVector<llvm::GlobalValue *, 32> ArgsDescs;
};

} // namespace frugal

#endif // FRUGAL_PASS_RECORDEMITTER_H
