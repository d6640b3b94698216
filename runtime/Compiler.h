//===- Compiler.h - Attributes and atomic helpers used by the runtime ----===//
//
// The runtime is C++ without exceptions, RTTI or the C++ library's
// allocation; these helpers keep the hot path explicit about what it does.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_COMPILER_H
#define FRUGAL_RUNTIME_COMPILER_H

#include <atomic>
#include <stdint.h>

#define FRUGAL_API __attribute__((visibility("default")))
// A call that must compile to a jump (clang): the callee reuses the
// caller's frame.
#if defined(__has_cpp_attribute) && __has_cpp_attribute(clang::musttail)
#define FRUGAL_MUSTTAIL [[clang::musttail]]
#else
#define FRUGAL_MUSTTAIL
#endif
#define FRUGAL_LIKELY(X) __builtin_expect(!!(X), 1)
#define FRUGAL_UNLIKELY(X) __builtin_expect(!!(X), 0)
#define FRUGAL_ALWAYS_INLINE inline __attribute__((always_inline))
#define FRUGAL_NOINLINE __attribute__((noinline))

namespace frugal::rt {

// Fields written by their owning thread and read concurrently by the profile
// writer go through these: same machine code as plain accesses on x86-64 and
// AArch64, but no torn values and no data race in the C++ sense.
template <class T> FRUGAL_ALWAYS_INLINE T loadRelaxed(const T &X) {
  return __atomic_load_n(&X, __ATOMIC_RELAXED);
}
template <class T> FRUGAL_ALWAYS_INLINE void storeRelaxed(T &X, T V) {
  __atomic_store_n(&X, V, __ATOMIC_RELAXED);
}
template <class T> FRUGAL_ALWAYS_INLINE T loadAcquire(const T &X) {
  return __atomic_load_n(&X, __ATOMIC_ACQUIRE);
}
template <class T> FRUGAL_ALWAYS_INLINE void storeRelease(T &X, T V) {
  __atomic_store_n(&X, V, __ATOMIC_RELEASE);
}
// Owner-only increment of a counter that another thread may read.
template <class T> FRUGAL_ALWAYS_INLINE void bumpRelaxed(T &X, T By = 1) {
  storeRelaxed(X, static_cast<T>(X + By));
}

// Orders the reentrancy flag against the hook body for a signal handler that
// runs on the same thread; emits no instruction.
FRUGAL_ALWAYS_INLINE void signalFence() {
  std::atomic_signal_fence(std::memory_order_seq_cst);
}

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_COMPILER_H
