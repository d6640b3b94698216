//===- ArgSampler.h - Sampled parameter values of one function ------------===//
//
// A bounded sample of a function's calls with the values of its recorded
// integer parameters (abi.h: frugal_args_desc, __frugal_enter_args), so that
// static formulas over parameter names can be evaluated with real values.
//
// Bottom-k sampling: every call gets a pseudo-random 64-bit key, and the
// sample keeps the Capacity calls with the smallest keys. That is a uniform
// sample, without replacement, of all the function's calls on all threads,
// from the first to the last (periodic patterns such as layer 1, 2, 3, 1,
// 2, 3... included), whatever the run's length, and it needs no shared call
// counter. A call whose key is not below the largest kept key (Threshold, a
// relaxed load of a line that is rarely written) costs one comparison. Calls
// below it, all of the first Capacity and then about
// Capacity * ln(calls / Capacity) of them in all, take a try-lock (a hook
// never waits: a busy lock drops the call) and write a row under a per-row
// sequence counter, so the profile writer reads whole rows without the lock,
// also from a signal handler.
//
// Storage is allocated when the module registers; no allocation, lock or
// system call on the hooks' path.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ARGSAMPLER_H
#define FRUGAL_RUNTIME_ARGSAMPLER_H

#include "Compiler.h"

#include "frugal/abi.h"

#include <stdint.h>

namespace frugal::rt {

struct ArgSampler {
  // Calls kept per function.
  static constexpr uint32_t Capacity = 16;

  // The largest key kept once the sample is full; UINT64_MAX until then.
  uint64_t Threshold;
  uint32_t Lock; // 0 free, 1 held; only ever tried
  uint32_t Rows; // rows in use, [0, Capacity]; release
  uint32_t NumArgs;
  uint32_t Reserved;
  // The parameters' names (nullptr when none) and the pass's note: the
  // object's strings while it is loaded, runtime copies after (keepStrings).
  const char *const *Names;
  const char *Note;
  // Followed by Capacity rows of rowWords() words: sequence (odd while the
  // row is written), key, then NumArgs values.

  uint32_t rowWords() const { return 2 + NumArgs; }
  uint64_t *row(uint32_t I) {
    return reinterpret_cast<uint64_t *>(this + 1) + size_t(I) * rowWords();
  }
  const uint64_t *row(uint32_t I) const {
    return const_cast<ArgSampler *>(this)->row(I);
  }
};

// A sampler for D's parameters in permanent memory; nullptr when out of it.
ArgSampler *createArgSampler(const frugal_args_desc &D);

// The call's key: SplitMix64's finaliser of the thread's call counter
// (distinct for each call of a thread) offset by a per-thread salt.
FRUGAL_ALWAYS_INLINE uint64_t callKey(uintptr_t ThreadSalt,
                                      uint64_t CallIndex) {
  uint64_t Z = CallIndex + uint64_t(ThreadSalt) * 0x9e3779b97f4a7c15u;
  Z = (Z ^ (Z >> 30)) * 0xbf58476d1ce4e5b9u;
  Z = (Z ^ (Z >> 27)) * 0x94d049bb133111ebu;
  return Z ^ (Z >> 31);
}

void insertCall(ArgSampler &S, uint64_t Key, const int64_t *Values);

// One call of the function: kept if its key is among the smallest.
FRUGAL_ALWAYS_INLINE void offerCall(ArgSampler &S, uint64_t Key,
                                    const int64_t *Values) {
  if (FRUGAL_UNLIKELY(Key < loadRelaxed(S.Threshold)))
    insertCall(S, Key, Values);
}

// Copies row I's values into Out (NumArgs of them) if the row is complete
// and not being rewritten; false otherwise (the row is then left out).
bool readRow(const ArgSampler &S, uint32_t I, int64_t *Out);

// Empties the sample: a forked child's profile covers the child only.
void resetSamples(ArgSampler &S);

// Replaces the names and note with runtime copies before their object is
// unloaded. Under the registry's lock.
void keepStrings(ArgSampler &S);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_ARGSAMPLER_H
