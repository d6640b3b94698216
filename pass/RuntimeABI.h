//===- RuntimeABI.h - IR mirror of include/frugal/abi.h ---------*- C++ -*-===//
//
// The names and IR types the pass emits against libfrugal_rt. abi.h is the
// contract; this header restates it in IR terms and checks, at build time,
// that the C layout is what the IR types produce.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_PASS_RUNTIMEABI_H
#define FRUGAL_PASS_RUNTIMEABI_H

#include "frugal/abi.h"

#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/LLVMContext.h"

#include <cstddef>

namespace frugal::abi {

inline constexpr char EnterHook[] = "__frugal_enter";
inline constexpr char ExitHook[] = "__frugal_exit";
inline constexpr char RegisterModule[] = "__frugal_register_module";
inline constexpr char UnregisterModule[] = "__frugal_unregister_module";
inline constexpr char LTODeferred[] = "__frugal_lto_deferred";
inline constexpr char EnterArgsHook[] = "__frugal_enter_args";
inline constexpr char RegisterArgs[] = "__frugal_register_args";
inline constexpr char ArgsSection[] = FRUGAL_ARGS_SECTION;
inline constexpr char ArgsSectionStart[] = "__start_" FRUGAL_ARGS_SECTION;
inline constexpr char ArgsSectionStop[] = "__stop_" FRUGAL_ARGS_SECTION;
inline constexpr char RecordSection[] = FRUGAL_RECORD_SECTION;
inline constexpr char SectionStart[] = "__start_" FRUGAL_RECORD_SECTION;
inline constexpr char SectionStop[] = "__stop_" FRUGAL_RECORD_SECTION;

// Records must tile the section without padding between them, so the runtime
// can walk [__start, __stop) as an array.
inline constexpr unsigned RecordAlign = 8;

// recordType() lists the fields of frugal_func_record in order. If abi.h
// changes, these fail until the IR type is updated to match.
static_assert(offsetof(frugal_func_record, abi_version) == 0);
static_assert(offsetof(frugal_func_record, flags) == 4);
static_assert(offsetof(frugal_func_record, id) == 8);
static_assert(offsetof(frugal_func_record, line) == 12);
static_assert(offsetof(frugal_func_record, linkage_name) == 16);
static_assert(offsetof(frugal_func_record, resolved_file) ==
              16 + 3 * sizeof(void *));
static_assert(offsetof(frugal_func_record, ir_instructions) ==
              16 + 4 * sizeof(void *));
static_assert(offsetof(frugal_func_record, filter_reason) ==
              16 + 4 * sizeof(void *) + 5 * 4);
static_assert(offsetof(frugal_func_record, ir_alloca_bytes) ==
              16 + 4 * sizeof(void *) + 6 * 4);
static_assert(alignof(frugal_func_record) == RecordAlign);
static_assert(sizeof(void *) != 8 || sizeof(frugal_func_record) == 80,
              "frugal_func_record must be 80 bytes on LP64");
static_assert(offsetof(frugal_args_desc, record) == 8);
static_assert(offsetof(frugal_args_desc, state) == 8 + 3 * sizeof(void *));
static_assert(alignof(frugal_args_desc) == RecordAlign);
static_assert(sizeof(frugal_args_desc) == 8 + 4 * sizeof(void *),
              "frugal_args_desc must tile its section");
static_assert(offsetof(frugal_module_info, source_file) == 8);
static_assert(sizeof(frugal_module_info) == 8 + 3 * sizeof(void *));

/// Field indices of recordType(), named as in abi.h.
enum RecordField : unsigned {
  RFAbiVersion,
  RFFlags,
  RFId,
  RFLine,
  RFLinkageName,
  RFName,
  RFFile,
  RFResolvedFile,
  RFInstructions,
  RFBasicBlocks,
  RFLoops,
  RFMaxLoopDepth,
  RFCallSites,
  RFFilterReason,
  RFAllocaBytes,
  RFNumFields
};

/// struct frugal_func_record. A literal (unnamed) struct type, so that
/// linking modules in LTO never renames or duplicates it.
inline llvm::StructType *recordType(llvm::LLVMContext &Ctx) {
  llvm::Type *I32 = llvm::Type::getInt32Ty(Ctx);
  llvm::Type *I64 = llvm::Type::getInt64Ty(Ctx);
  llvm::Type *Ptr = llvm::PointerType::get(Ctx, 0);
  return llvm::StructType::get(Ctx, {I32, I32, I32, I32, Ptr, Ptr, Ptr, Ptr,
                                     I32, I32, I32, I32, I32, I32, I64});
}

/// Field indices of argsDescType(), named as in abi.h.
enum ArgsField : unsigned {
  AFVersion,
  AFNumArgs,
  AFRecord,
  AFNames,
  AFNote,
  AFState,
  AFNumFields
};

/// struct frugal_args_desc.
inline llvm::StructType *argsDescType(llvm::LLVMContext &Ctx) {
  llvm::Type *I32 = llvm::Type::getInt32Ty(Ctx);
  llvm::Type *Ptr = llvm::PointerType::get(Ctx, 0);
  return llvm::StructType::get(Ctx, {I32, I32, Ptr, Ptr, Ptr, Ptr});
}

/// struct frugal_module_info.
inline llvm::StructType *moduleInfoType(llvm::LLVMContext &Ctx) {
  llvm::Type *I32 = llvm::Type::getInt32Ty(Ctx);
  llvm::Type *Ptr = llvm::PointerType::get(Ctx, 0);
  return llvm::StructType::get(Ctx, {I32, I32, Ptr, Ptr, Ptr});
}

} // namespace frugal::abi

#endif // FRUGAL_PASS_RUNTIMEABI_H
