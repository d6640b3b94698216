//===- Api.cpp - The runtime's exported C interface -----------------------===//
//
// Every exported symbol lives in this one file on purpose: with the static
// library, frugal.h's weak references (frugal_region_begin, ...) do not pull
// archive members, but the hooks' strong references pull this object and
// with it the region API. frugal.h is not included: its weak declarations
// would make these definitions weak too.
//
// The hooks receive the instrumented function's return-address slot from the
// pass (llvm.addressofreturnaddress); the region functions compute their own
// with __builtin_frame_address, so the runtime is built with
// -fno-omit-frame-pointer.
//
//===----------------------------------------------------------------------===//
#include "ArgSampler.h"
#include "Clock.h"
#include "Compiler.h"
#include "Log.h"
#include "ProgramMetrics.h"
#include "Regions.h"
#include "Registry.h"
#include "Runtime.h"
#include "SystemInfo.h"
#include "ThreadState.h"
#include "TimingMode.h"
#include "Tracer.h"
#include "energy/EnergyRuntime.h"

#include "frugal/abi.h"

using namespace frugal::rt;

namespace {

constinit OnceFlag LtoWarning;
constinit OnceFlag RegionMismatchWarning;
constinit OnceFlag RegionUnknownWarning;
constinit OnceFlag ItemsUnitWarning;

// The address that orders a call among the live frames: its return-address
// slot. Where the pass could not provide one (targets without
// llvm.addressofreturnaddress), the hook's own frame stands in; it orders
// callers and callees the same way but may tell siblings apart less well.
FRUGAL_ALWAYS_INLINE uintptr_t callFrame(void *Slot, void *HookFrame) {
  return reinterpret_cast<uintptr_t>(
      FRUGAL_LIKELY(Slot != nullptr) ? Slot : HookFrame);
}

// The return-address slot of a region function's own activation: with frame
// pointers it sits one word above the frame record, at the same depth as the
// slot of an instrumented function called from the same place.
#define FRUGAL_OWN_RETURN_SLOT()                                               \
  (reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) + sizeof(void *))

// The calling hook's own frame, which the reentrancy guard records (a macro:
// it must expand inside the hook).
#define FRUGAL_HOOK_FRAME()                                                    \
  reinterpret_cast<uintptr_t>(__builtin_frame_address(0))

// Entry of a call, timed or (sampled timing) not.
template <bool IsRegion = false>
FRUGAL_ALWAYS_INLINE void enterFrame(ThreadState &TS, uintptr_t Key,
                                     uint32_t Id, uintptr_t FrameAddr) {
  if (SampledTiming)
    pushFrame<NoClock, IsRegion>(TS, Key, Id, FrameAddr);
  else
    pushFrame<HardwareClock, IsRegion>(TS, Key, Id, FrameAddr);
}

FRUGAL_ALWAYS_INLINE PopResult exitFrame(ThreadState &TS, uintptr_t Key,
                                         uintptr_t FrameAddr, uint64_t Now) {
  if (SampledTiming)
    return popFrame</*Timed=*/false>(TS, Key, FrameAddr, Now);
  return popFrame(TS, Key, FrameAddr, Now);
}

// The exit's time, read first thing in the hook (the rest is not the
// callee's); none with sampled timing.
FRUGAL_ALWAYS_INLINE uint64_t exitTime() {
  return SampledTiming ? 0 : readTicks();
}

FRUGAL_ALWAYS_INLINE ThreadState *currentState() {
  ThreadState *TS = CurrentThread;
  if (FRUGAL_UNLIKELY(!TS))
    TS = attachCurrentThread();
  return TS;
}

// The hooks' general bodies, one per timing mode. The exported hooks jump
// to them (FRUGAL_MUSTTAIL), so each runs in the hook's frame (the same
// frame address): exact timing always, sampled timing from its fast paths
// (enterSampled, exitSampled) whenever those meet anything unusual.
template <class ClockT>
FRUGAL_NOINLINE void enterCall(frugal_func_record *Record, void *Frame) {
  uint32_t Id = loadRelaxed(Record->id);
  if (FRUGAL_UNLIKELY(Id == 0))
    return; // not registered (or an ABI mismatch): not measured
  ThreadState *TS = currentState();
  if (FRUGAL_UNLIKELY(!acquireGuard(*TS, FRUGAL_HOOK_FRAME())))
    return;
  pushFrame<ClockT>(*TS, reinterpret_cast<uintptr_t>(Record), Id,
                    callFrame(Frame, __builtin_frame_address(0)));
  releaseGuard(*TS);
}

template <bool Timed>
FRUGAL_NOINLINE void exitCall(frugal_func_record *Record, void *Frame) {
  // First: the rest is not the callee's time.
  uint64_t Now = Timed ? readTicks() : 0;
  // The id before the TLS: code that runs before TLS exists (ifunc
  // resolvers of a static program) calls the hooks with unregistered
  // records, and must not touch %fs.
  if (FRUGAL_UNLIKELY(loadRelaxed(Record->id) == 0))
    return;
  ThreadState *TS = CurrentThread;
  if (FRUGAL_UNLIKELY(!TS || !acquireGuard(*TS, FRUGAL_HOOK_FRAME())))
    return;
  popFrame<Timed>(*TS, reinterpret_cast<uintptr_t>(Record),
                  callFrame(Frame, __builtin_frame_address(0)), Now);
  releaseGuard(*TS);
}

// Sampled timing's entry into a context that is not its parent's cached
// child (a new one, another callee than last time, or a fold), the guard
// held and the stack checked: what pushFrame does then, without the clock.
FRUGAL_NOINLINE void enterSampledNewContext(ThreadState &TS, uintptr_t Key,
                                            uint32_t Id, uintptr_t FrameAddr) {
  uint32_t D = TS.Depth;
  storeRelaxed(TS.CallsCounter, TS.CallsCounter + 1);
  frugal::rt::Frame &F = TS.Frames[D];
  prepareFrameSlow(TS, TS.Frames[D - 1], F, Key, Id);
  storeRelaxed(F.FrameAddr, FrameAddr);
  if (D > TS.MaxDepthSeen)
    TS.MaxDepthSeen = D;
  storeRelease(TS.Depth, D + 1);
  releaseGuard(TS);
}

// Sampled timing's common entry, with no call on its path, so that its
// prologue saves no register: a registered function entered below the
// thread's top frame, in the context its parent cached. Anything else (the
// thread's first hook, a nested hook, frames a longjmp left, the stack
// full, a new context, a fold) goes to the general body, which starts over
// (its frame address is this one's: a jump).
FRUGAL_NOINLINE void enterSampled(frugal_func_record *Record, void *Frame) {
  uint32_t Id = loadRelaxed(Record->id);
  if (FRUGAL_UNLIKELY(Id == 0))
    return;
  ThreadState *TS = CurrentThread;
  if (FRUGAL_UNLIKELY(!TS || TS->InHook != 0))
    FRUGAL_MUSTTAIL return enterCall<NoClock>(Record, Frame);
  uintptr_t HookFrame = FRUGAL_HOOK_FRAME();
  TS->InHook = HookFrame;
  signalFence();
  uint32_t D = TS->Depth;
  frugal::rt::Frame *Frames = TS->Frames;
  const frugal::rt::Frame &Parent = Frames[D - 1]; // D - 1 <= MaxDepth
  uintptr_t FrameAddr = callFrame(Frame, __builtin_frame_address(0));
  if (FRUGAL_UNLIKELY(D > TS->MaxDepth || Parent.FrameAddr <= FrameAddr)) {
    releaseGuard(*TS);
    FRUGAL_MUSTTAIL return enterCall<NoClock>(Record, Frame);
  }
  Node *Ctx = Parent.Ctx->LastHit;
  if (FRUGAL_UNLIKELY(!Ctx || Ctx->Ref != Id || (Parent.Key & FoldedBit)))
    return enterSampledNewContext(*TS, reinterpret_cast<uintptr_t>(Record), Id,
                                  FrameAddr); // a jump: nothing after it
  storeRelaxed(TS->CallsCounter, TS->CallsCounter + 1);
  bumpRelaxed(Ctx->Calls);
  frugal::rt::Frame &F = Frames[D];
  storeRelaxed(F.Key, reinterpret_cast<uintptr_t>(Record));
  storeRelaxed(F.Ctx, Ctx);
  storeRelaxed(F.FrameAddr, FrameAddr);
  if (D > TS->MaxDepthSeen)
    TS->MaxDepthSeen = D;
  storeRelease(TS->Depth, D + 1);
  releaseGuard(*TS);
}

// Sampled timing's common exit: the call on top of the stack returns. It
// takes no guard: it makes one store, and a signal handler's hooks that run
// between its reads and that store leave the stack as they found it.
FRUGAL_NOINLINE void exitSampled(frugal_func_record *Record, void *Frame) {
  if (FRUGAL_UNLIKELY(loadRelaxed(Record->id) == 0))
    return;
  ThreadState *TS = CurrentThread;
  if (FRUGAL_UNLIKELY(!TS || TS->InHook != 0 || TS->Overflow != 0))
    FRUGAL_MUSTTAIL return exitCall</*Timed=*/false>(Record, Frame);
  uint32_t D = TS->Depth;
  const frugal::rt::Frame &Top = TS->Frames[D - 1];
  uintptr_t FrameAddr = callFrame(Frame, __builtin_frame_address(0));
  if (FRUGAL_UNLIKELY(Top.Key != reinterpret_cast<uintptr_t>(Record) ||
                      Top.FrameAddr < FrameAddr))
    FRUGAL_MUSTTAIL return exitCall</*Timed=*/false>(Record, Frame);
  storeRelease(TS->Depth, D - 1);
}

} // namespace

extern "C" {

FRUGAL_API void __frugal_enter(frugal_func_record *Record, void *Frame) {
  // A jump, not a call: the chosen body runs in this hook's frame.
  if (SampledTiming)
    FRUGAL_MUSTTAIL return enterSampled(Record, Frame);
  FRUGAL_MUSTTAIL return enterCall<HardwareClock>(Record, Frame);
}

FRUGAL_API void __frugal_enter_args(frugal_func_record *Record, void *Frame,
                                    frugal_args_desc *Args,
                                    const int64_t *Values) {
  uint32_t Id = loadRelaxed(Record->id);
  if (FRUGAL_UNLIKELY(Id == 0))
    return;
  ThreadState *TS = currentState();
  if (FRUGAL_UNLIKELY(!acquireGuard(*TS, FRUGAL_HOOK_FRAME())))
    return;
  // Before the call's interval opens: sampling is not the callee's time.
  // No sampler: not registered (or out of memory). A descriptor of another
  // version may not even have `state` where this one has.
  auto *S = FRUGAL_LIKELY(Args->version == FRUGAL_ARGS_VERSION)
                ? static_cast<ArgSampler *>(loadAcquire(Args->state))
                : nullptr;
  if (FRUGAL_LIKELY(S && S->NumArgs))
    offerCall(*S, callKey(reinterpret_cast<uintptr_t>(TS), TS->CallsCounter),
              Values);
  enterFrame(*TS, reinterpret_cast<uintptr_t>(Record), Id,
             callFrame(Frame, __builtin_frame_address(0)));
  releaseGuard(*TS);
}

FRUGAL_API void __frugal_exit(frugal_func_record *Record, void *Frame) {
  if (SampledTiming)
    FRUGAL_MUSTTAIL return exitSampled(Record, Frame);
  FRUGAL_MUSTTAIL return exitCall</*Timed=*/true>(Record, Frame);
}

FRUGAL_API void __frugal_register_module(const frugal_module_info *Info,
                                         frugal_func_record *Begin,
                                         frugal_func_record *End) {
  // May run before the runtime's own constructor (static link order).
  if (!ensureInitialized())
    return; // disabled: ids stay 0 and the hooks return at once
  activateRuntime();
  char Path[4096];
  objectPathOf(Begin, Path, sizeof(Path));
  moduleRegistry().registerModule(Info, Begin, End, Path);
}

FRUGAL_API void __frugal_register_args(frugal_args_desc *Begin,
                                       frugal_args_desc *End) {
  if (!ensureInitialized())
    return; // disabled: no sampler, the hooks record nothing
  moduleRegistry().registerArgs(Begin, End);
}

FRUGAL_API void __frugal_unregister_module(const frugal_module_info *,
                                           frugal_func_record *Begin,
                                           frugal_func_record *) {
  if (!ensureInitialized())
    return;
  // The main program is unloaded only at exit, and first of all objects.
  // When the exit handler was armed inside ld.so's initialisation (an
  // instrumented shared library registered first), atexit runs it only
  // after every object's destructors: write the final profile here
  // instead, while every module is still loaded.
  if (!finalProfileWritten() && isInMainProgram(Begin))
    writeProfile(WriteReason::Exit);
  moduleRegistry().unregisterModule(Begin, !finalProfileWritten());
}

FRUGAL_API void __frugal_lto_deferred(const char *SourceFile) {
  if (LtoWarning.first())
    warning(SourceFile ? SourceFile : "a module",
            " was compiled with -flto but linked without the frugal plugin; "
            "its functions are not instrumented (link with -fuse-ld=lld "
            "-Wl,--load-pass-plugin=FrugalPass.so, or use frugal-clang)");
}

FRUGAL_API void frugal_region_begin(const char *Name) {
  if (!Name)
    return;
  ThreadState *TS = currentState();
  if (!acquireGuard(*TS, FRUGAL_HOOK_FRAME()))
    return;
  if (RegionInfo *R = lookupRegion(*TS, regionTable(), Name, /*Create=*/true))
    enterFrame</*IsRegion=*/true>(*TS, reinterpret_cast<uintptr_t>(R), R->Id,
                                  FRUGAL_OWN_RETURN_SLOT());
  releaseGuard(*TS);
}

FRUGAL_API void frugal_region_end(const char *Name) {
  uint64_t Now = exitTime();
  ThreadState *TS = CurrentThread;
  if (!Name || !TS || !acquireGuard(*TS, FRUGAL_HOOK_FRAME()))
    return;
  RegionInfo *R = lookupRegion(*TS, regionTable(), Name, /*Create=*/false);
  PopResult Result = R ? exitFrame(*TS, reinterpret_cast<uintptr_t>(R),
                                   FRUGAL_OWN_RETURN_SLOT(), Now)
                       : PopResult::NotFound;
  releaseGuard(*TS);
  if (Result == PopResult::Resynced && RegionMismatchWarning.first())
    warning("frugal_region_end(\"", Name,
            "\") closed calls or regions begun "
            "after it: regions must nest with each other and with calls");
  else if (Result == PopResult::NotFound && RegionUnknownWarning.first())
    warning("frugal_region_end(\"", Name,
            "\") without a matching "
            "frugal_region_begin on this thread; ignored");
}

// Needs no thread state and no initialisation: the table is constant-
// initialised. The runtime is then started, as any first use does, so that
// a program whose only call is this one still writes its profile; not from
// a signal handler that interrupted the initialisation on this thread (its
// state is the inert one meanwhile), which would wait for itself.
FRUGAL_API int frugal_metric(const char *Name, double Value) {
  int Result = programMetrics().record(Name, Value);
  if (CurrentThread != inertThreadState() && ensureInitialized())
    activateRuntime();
  return Result;
}

FRUGAL_API void frugal_region_items(const char *Name, unsigned long long Count,
                                    const char *Unit) {
  if (!Name)
    return;
  // Interned as frugal_region_begin does (the guard protects the thread's
  // region cache from a signal handler's region calls); the count is then
  // added without it.
  ThreadState *TS = currentState();
  if (!acquireGuard(*TS, FRUGAL_HOOK_FRAME()))
    return; // disabled, or inside a hook on this thread: not counted
  RegionInfo *R = lookupRegion(*TS, regionTable(), Name, /*Create=*/true);
  releaseGuard(*TS);
  if (R && addRegionItems(*R, Count, Unit) == ItemsResult::UnitCut &&
      ItemsUnitWarning.first())
    warning("frugal_region_items(\"", Name, "\", ..., \"", Unit,
            "\"): unit names are kept to ", RegionInfo::UnitCapacity - 1,
            " bytes; the profile shows \"", regionItemsUnit(*R), "\"");
}

// Polls, 1 ms at a time: called once, before a measured phase, never on a
// hot path.
FRUGAL_API int frugal_energy_wait(unsigned TimeoutMs) {
  if (CurrentThread == inertThreadState() || !ensureInitialized())
    return 1;
  activateRuntime();
  uint64_t Deadline = monotonicNs() + uint64_t(TimeoutMs) * 1000000u;
  for (;;) {
    switch (energy::energyReadiness()) {
    case energy::EnergyReadiness::Measuring:
      return 0;
    case energy::EnergyReadiness::Never:
      return 1;
    case energy::EnergyReadiness::Starting:
      break;
    }
    if (monotonicNs() >= Deadline)
      return -1;
    timespec Nap{0, 1000000};
    nanosleep(&Nap, nullptr);
  }
}

FRUGAL_API int frugal_flush(void) {
  if (!ensureInitialized())
    return -1;
  activateRuntime();
  return writeProfile(WriteReason::ExplicitFlush);
}

} // extern "C"

#ifndef FRUGAL_RT_NO_CONSTRUCTOR
// Early, so that the pthread key has a low index (glibc stores the first 32
// keys' values without allocating). The exit handler, the signal handlers
// and the threads wait for the first use (activateRuntime, Runtime.cpp):
// an instrumented program's registration, before its main.
__attribute__((constructor(101))) static void frugalRuntimeConstructor() {
  ensureInitialized();
}

// Runs after the exit handler (if any) wrote the profile.
__attribute__((destructor)) static void frugalRuntimeDestructor() {
  reportUnusedRuntime();
}
#endif
