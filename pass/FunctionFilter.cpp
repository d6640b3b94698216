//===- FunctionFilter.cpp - Which functions get records and hooks ---------===//

#include "FunctionFilter.h"

#include "Compat.h"
#include "FunctionIdentity.h"
#include "FunctionMetrics.h"

#include "frugal/abi.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalIFunc.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace frugal {

namespace {

constexpr StringRef NeverAnnotation = "frugal.never_instrument";
constexpr StringRef AlwaysAnnotation = "frugal.always_instrument";

// Names of the runtime's internals (__frugal_*) and of functions the pass
// itself emits (frugal.module_ctor ...), and the runtime's public API, by
// exact name: a user's own frugal_* function is instrumented as any other.
constexpr StringRef OwnPrefixes[] = {"__frugal", "frugal."};
constexpr StringRef OwnNames[] = {"frugal_region_begin", "frugal_region_end",
                                  "frugal_flush"};

// Functions clang emits for static initialisation and destruction. They are
// not always listed in llvm.global_ctors directly (a _GLOBAL__sub_I_ function
// calls the __cxx_global_var_init ones).
constexpr StringRef StructorPrefixes[] = {"__cxx_global_var_init",
                                          "_GLOBAL__sub_I_",
                                          "__cxx_global_array_dtor", "__dtor_"};

bool hasPrefix(StringRef Name, ArrayRef<StringRef> Prefixes) {
  return any_of(Prefixes, [&](StringRef P) { return Name.starts_with(P); });
}

std::optional<Regex> compile(const std::string &Pattern) {
  // FilterConfig has already rejected invalid patterns.
  if (Pattern.empty())
    return std::nullopt;
  return Regex(Pattern);
}

bool matches(const std::optional<Regex> &R, StringRef Text) {
  return R && R->match(Text);
}

/// The string an llvm.global.annotations entry points to.
StringRef annotationText(const Constant *C) {
  const auto *GV = dyn_cast<GlobalVariable>(C->stripPointerCasts());
  if (!GV || !GV->hasInitializer())
    return "";
  if (const auto *Data = dyn_cast<ConstantDataSequential>(GV->getInitializer()))
    if (Data->isCString())
      return Data->getAsCString();
  return "";
}

} // namespace

FunctionFilter::FunctionFilter(const FilterConfig &Config, const Module &M)
    : Threshold(Config.Threshold), SystemHeaders(Config.SystemHeaders),
      Include(compile(Config.Include)), Exclude(compile(Config.Exclude)),
      IncludeFile(compile(Config.IncludeFile)),
      ExcludeFile(compile(Config.ExcludeFile)) {
  readStructors(M, "llvm.global_ctors");
  readStructors(M, "llvm.global_dtors");
  // ifunc resolvers run while relocations are processed, before any
  // constructor and (in a static program) before TLS exists.
  for (const GlobalIFunc &IF : M.ifuncs())
    if (const Function *Resolver = IF.getResolverFunction())
      StartupFunctions.insert(Resolver);
  readAnnotations(M);
}

void FunctionFilter::readStructors(const Module &M, StringRef ListName) {
  const GlobalVariable *List = M.getNamedGlobal(ListName);
  if (!List || !List->hasInitializer())
    return;
  const auto *Entries = dyn_cast<ConstantArray>(List->getInitializer());
  if (!Entries)
    return;
  // Each entry is { i32 priority, ptr function, ptr data }.
  for (const Use &Entry : Entries->operands())
    if (const auto *S = dyn_cast<ConstantStruct>(Entry.get());
        S && S->getNumOperands() >= 2)
      if (const auto *F =
              dyn_cast<Function>(S->getOperand(1)->stripPointerCasts()))
        StartupFunctions.insert(F);
}

void FunctionFilter::readAnnotations(const Module &M) {
  const GlobalVariable *List = M.getNamedGlobal("llvm.global.annotations");
  if (!List || !List->hasInitializer())
    return;
  const auto *Entries = dyn_cast<ConstantArray>(List->getInitializer());
  if (!Entries)
    return;
  // Each entry is { ptr value, ptr annotation, ptr file, i32 line, ptr args }.
  for (const Use &Entry : Entries->operands()) {
    const auto *S = dyn_cast<ConstantStruct>(Entry.get());
    if (!S || S->getNumOperands() < 2)
      continue;
    const auto *F = dyn_cast<Function>(S->getOperand(0)->stripPointerCasts());
    if (!F)
      continue;
    StringRef Text = annotationText(S->getOperand(1));
    if (Text == NeverAnnotation)
      Annotations[F] |= AnnotatedNever;
    else if (Text == AlwaysAnnotation)
      Annotations[F] |= AnnotatedAlways;
  }
}

bool isSystemHeader(StringRef Path) {
  // Where Debian's libc, libstdc++ and clang keep their headers.
  static constexpr StringRef Prefixes[] = {"/usr/include/",
                                           "/usr/local/include/",
                                           "/usr/lib/gcc/", "/usr/lib/llvm-"};
  return any_of(Prefixes,
                [Path](StringRef Prefix) { return Path.starts_with(Prefix); });
}

bool FunctionFilter::isSkipped(const Function &F) const {
  if (F.isDeclaration() || F.hasAvailableExternallyLinkage() ||
      F.hasFnAttribute(Attribute::Naked))
    return true;
  // Before CoroSplit the body is a template for the split functions; hooks
  // placed there would not survive the split in a meaningful place.
  if (F.isPresplitCoroutine())
    return true;
  StringRef Name = F.getName();
  return hasPrefix(Name, OwnPrefixes) || is_contained(OwnNames, Name) ||
         hasPrefix(Name, StructorPrefixes) || StartupFunctions.contains(&F);
}

FilterDecision FunctionFilter::decide(const Function &F,
                                      const FunctionIdentity &Id,
                                      const FunctionMetrics &Metrics) const {
  auto filtered = [](uint32_t Reason) {
    return FilterDecision{false, Reason, FRUGAL_FN_FILTERED};
  };
  auto instrumented = [](uint32_t Reason, uint32_t Flags = 0) {
    return FilterDecision{true, Reason, Flags};
  };

  StringRef XRay = F.getFnAttribute("function-instrument").getValueAsString();
  uint8_t Annotated = Annotations.lookup(&F);
  if (XRay == "xray-never" || (Annotated & AnnotatedNever))
    return filtered(FRUGAL_REASON_ATTR_NEVER);
  if (XRay == "xray-always" || (Annotated & AnnotatedAlways))
    return instrumented(FRUGAL_REASON_ATTR_ALWAYS, FRUGAL_FN_FORCED);

  if (matches(Exclude, Id.Name) || matches(ExcludeFile, Id.ResolvedFile))
    return filtered(FRUGAL_REASON_EXCLUDE_REGEX);
  if (matches(Include, Id.Name) || matches(IncludeFile, Id.ResolvedFile))
    return instrumented(FRUGAL_REASON_INCLUDE_REGEX);

  if (!SystemHeaders && isSystemHeader(Id.ResolvedFile))
    return filtered(FRUGAL_REASON_SYSTEM_HEADER);

  // XRay's rule: big enough to amortise the hooks, or it has a loop (so it
  // may run long whatever its size).
  if (Threshold == 0 || Metrics.Instructions >= Threshold || Metrics.Loops > 0)
    return instrumented(FRUGAL_REASON_DEFAULT);
  return filtered(FRUGAL_REASON_THRESHOLD);
}

bool isNonCPUTarget(const Module &M) {
  Triple T = compat::targetTriple(M);
  return T.isNVPTX() || T.isAMDGPU() || T.isSPIR() || T.isSPIRV();
}

} // namespace frugal
