//===- FunctionFilter.h - Which functions get records and hooks -*- C++ -*-===//
//
// Two questions per function:
//  - isSkipped(): is it outside the profile altogether (no record)? Bodies
//    the pass must not or need not touch: declarations, naked and
//    available_externally functions, the runtime and the pass's own helpers,
//    and static constructors/destructors, which run before the runtime is
//    ready or after it has written the profile.
//  - decide(): for the others, is it instrumented, and why? A filtered
//    function still gets a record so that reports can list it.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_PASS_FUNCTIONFILTER_H
#define FRUGAL_PASS_FUNCTIONFILTER_H

#include "FilterConfig.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/Regex.h"

#include <cstdint>
#include <optional>

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace frugal {

struct FunctionIdentity;
struct FunctionMetrics;

struct FilterDecision {
  bool Instrument = false;
  uint32_t Reason = 0; ///< frugal_filter_reason
  uint32_t Flags = 0;  ///< frugal_func_flags (FILTERED, FORCED)
};

class FunctionFilter {
public:
  /// Reads the module's global ctor/dtor lists and frugal annotations.
  FunctionFilter(const FilterConfig &Config, const llvm::Module &M);

  bool isSkipped(const llvm::Function &F) const;

  FilterDecision decide(const llvm::Function &F, const FunctionIdentity &Id,
                        const FunctionMetrics &Metrics) const;

private:
  /// Bits of the frugal.*_instrument annotations a function carries; a
  /// function may have both, and "never" wins.
  enum AnnotationBits : uint8_t { AnnotatedNever = 1, AnnotatedAlways = 2 };

  void readStructors(const llvm::Module &M, llvm::StringRef ListName);
  void readAnnotations(const llvm::Module &M);

  unsigned Threshold;
  bool SystemHeaders;
  std::optional<llvm::Regex> Include, Exclude, IncludeFile, ExcludeFile;
  /// Global constructors/destructors and ifunc resolvers: they run around
  /// the runtime's lifetime, not inside it.
  llvm::SmallPtrSet<const llvm::Function *, 8> StartupFunctions;
  llvm::DenseMap<const llvm::Function *, uint8_t> Annotations;
};

/// True for targets that are not a CPU running the runtime (GPU offload
/// devices): their modules are left alone.
bool isNonCPUTarget(const llvm::Module &M);

/// Whether an absolute source path lies in a system include folder.
bool isSystemHeader(llvm::StringRef Path);

} // namespace frugal

#endif // FRUGAL_PASS_FUNCTIONFILTER_H
