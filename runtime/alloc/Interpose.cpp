//===- Interpose.cpp - malloc, free and operator new/delete, interposed ---===//
//
// Shared runtime only (see Interposer.h). libfrugal_rt.so comes before libc
// (and, with frugal-clang++, before libstdc++) in symbol lookup order, so
// these definitions are the program's allocator. Each one forwards to the
// next definition in lookup order (dlsym RTLD_NEXT): libc's, or a tcmalloc
// or jemalloc linked after the runtime. When FRUGAL_TRACK_ALLOC is off, a
// call costs one test of Gate (Recorder.h) and the indirect call.
//
// Looking the next functions up: dlsym may allocate (its error message, and
// in older glibc its per-thread state), which lands back here. While this
// thread is resolving the C functions, such calls are served by glibc's own
// entry points (__libc_malloc, ...); the C++ operators, which may be missing
// (a C program has no libstdc++: an error, hence a malloc), are looked up
// once the C functions are in place, so that memory comes from the real
// allocator. Another thread waits for the lookups to finish.
//
// operator new takes its memory from the next malloc and records it; only
// when that fails does it call the real operator new, whose new_handler
// loop and std::bad_alloc are the C++ library's (the runtime cannot
// throw). The real operator new allocates through malloc, that is, here,
// which records the block if it succeeds. operator delete frees through
// the next free. All of it is malloc-compatible, as in libstdc++.
//
// Nothing here allocates, or calls an instrumented function: the recording
// side (Recorder.cpp) uses mmap only.
//
//===----------------------------------------------------------------------===//
#include "alloc/Interposer.h"

#include "alloc/Recorder.h"

#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <new>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// glibc's own entry points, exported for exactly this purpose.
extern "C" {
void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);
void __libc_free(void *);
void *__libc_memalign(size_t, size_t);
}

namespace frugal::rt::alloc {
namespace {

using std::align_val_t;
using std::nothrow_t;

// The next definitions in lookup order. The C ones are found in libc at
// worst; a missing C++ one (no libstdc++ in the process) gets a fallback
// below, so that after resolution no pointer is null.
struct NextAllocator {
  void *(*Malloc)(size_t);
  void (*Free)(void *);
  void *(*Calloc)(size_t, size_t);
  void *(*Realloc)(void *, size_t);
  void *(*Reallocarray)(void *, size_t, size_t);
  int (*PosixMemalign)(void **, size_t, size_t);
  void *(*AlignedAlloc)(size_t, size_t);
  void *(*Memalign)(size_t, size_t);
  void *(*Valloc)(size_t);
  void *(*Pvalloc)(size_t);
  // operator new / new[]: plain, nothrow, aligned, aligned nothrow.
  void *(*New)(size_t);
  void *(*NewArray)(size_t);
  void *(*NewNothrow)(size_t, const nothrow_t &);
  void *(*NewArrayNothrow)(size_t, const nothrow_t &);
  void *(*NewAligned)(size_t, align_val_t);
  void *(*NewArrayAligned)(size_t, align_val_t);
  void *(*NewAlignedNothrow)(size_t, align_val_t, const nothrow_t &);
  void *(*NewArrayAlignedNothrow)(size_t, align_val_t, const nothrow_t &);
  // operator delete / delete[]: plain, sized, nothrow, aligned, sized
  // aligned, aligned nothrow.
  void (*Delete)(void *);
  void (*DeleteArray)(void *);
  void (*DeleteSized)(void *, size_t);
  void (*DeleteArraySized)(void *, size_t);
  void (*DeleteNothrow)(void *, const nothrow_t &);
  void (*DeleteArrayNothrow)(void *, const nothrow_t &);
  void (*DeleteAligned)(void *, align_val_t);
  void (*DeleteArrayAligned)(void *, align_val_t);
  void (*DeleteSizedAligned)(void *, size_t, align_val_t);
  void (*DeleteArraySizedAligned)(void *, size_t, align_val_t);
  void (*DeleteAlignedNothrow)(void *, align_val_t, const nothrow_t &);
  void (*DeleteArrayAlignedNothrow)(void *, align_val_t, const nothrow_t &);
};

constinit NextAllocator Next = {};

// Resolution: Unresolved -> ResolvingC -> CReady (C++ being resolved) ->
// AllReady. Resolver is the thread doing it.
enum : int { Unresolved, ResolvingC, CReady, AllReady };
constinit int Resolution = Unresolved;
constinit pthread_t Resolver = {};

template <class Fn> void lookUp(Fn &Slot, const char *Name) {
  Slot = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, Name));
}
template <class Fn> void lookUp(Fn &Slot, const char *Name, Fn Fallback) {
  lookUp(Slot, Name);
  if (!Slot)
    Slot = Fallback;
}

void die(const char *Message) {
  // write(2) and abort: no stdio, which allocates.
  (void)!write(STDERR_FILENO, Message, strlen(Message));
  abort();
}

// Fallbacks for what the next allocator may lack: reallocarray (not every
// allocator has it), and the C++ operators in a process without a C++
// library, where operator new can only be reached by a library loaded
// later (dlopen). Those fail the way the C++ library would without a
// handler, by terminating.
void *plainNew(size_t N) {
  void *P = Next.Malloc(N ? N : 1);
  if (!P)
    die("frugal: operator new: out of memory\n");
  return P;
}
void *plainNewNothrow(size_t N, const nothrow_t &) {
  return Next.Malloc(N ? N : 1);
}
void *plainNewAligned(size_t N, align_val_t A) {
  void *P = nullptr;
  size_t Align = size_t(A) < sizeof(void *) ? sizeof(void *) : size_t(A);
  if (Next.PosixMemalign(&P, Align, N ? N : 1) != 0)
    die("frugal: operator new: out of memory\n");
  return P;
}
void *plainNewAlignedNothrow(size_t N, align_val_t A, const nothrow_t &) {
  void *P = nullptr;
  size_t Align = size_t(A) < sizeof(void *) ? sizeof(void *) : size_t(A);
  return Next.PosixMemalign(&P, Align, N ? N : 1) == 0 ? P : nullptr;
}
void *plainReallocarray(void *P, size_t N, size_t Size) {
  size_t Bytes;
  if (__builtin_mul_overflow(N, Size, &Bytes)) {
    errno = ENOMEM;
    return nullptr;
  }
  return Next.Realloc(P, Bytes);
}
void plainDelete(void *P) { Next.Free(P); }
void plainDeleteSized(void *P, size_t) { Next.Free(P); }
void plainDeleteNothrow(void *P, const nothrow_t &) { Next.Free(P); }
void plainDeleteAligned(void *P, align_val_t) { Next.Free(P); }
void plainDeleteSizedAligned(void *P, size_t, align_val_t) { Next.Free(P); }
void plainDeleteAlignedNothrow(void *P, align_val_t, const nothrow_t &) {
  Next.Free(P);
}

void resolveC() {
  NextAllocator &X = Next;
  lookUp(X.Malloc, "malloc");
  lookUp(X.Free, "free");
  lookUp(X.Calloc, "calloc");
  lookUp(X.Realloc, "realloc");
  lookUp(X.Reallocarray, "reallocarray", plainReallocarray);
  lookUp(X.PosixMemalign, "posix_memalign");
  lookUp(X.AlignedAlloc, "aligned_alloc");
  lookUp(X.Memalign, "memalign");
  lookUp(X.Valloc, "valloc");
  lookUp(X.Pvalloc, "pvalloc");
  if (!X.Malloc || !X.Free || !X.Calloc || !X.Realloc || !X.PosixMemalign ||
      !X.AlignedAlloc || !X.Memalign || !X.Valloc)
    die("frugal: cannot find the C library's malloc functions\n");
  if (!X.Pvalloc) // deprecated, may go
    X.Pvalloc = X.Valloc;
}

void resolveCxx() {
  NextAllocator &X = Next;
  lookUp(X.New, "_Znwm", plainNew);
  lookUp(X.NewArray, "_Znam", plainNew);
  lookUp(X.NewNothrow, "_ZnwmRKSt9nothrow_t", plainNewNothrow);
  lookUp(X.NewArrayNothrow, "_ZnamRKSt9nothrow_t", plainNewNothrow);
  lookUp(X.NewAligned, "_ZnwmSt11align_val_t", plainNewAligned);
  lookUp(X.NewArrayAligned, "_ZnamSt11align_val_t", plainNewAligned);
  lookUp(X.NewAlignedNothrow, "_ZnwmSt11align_val_tRKSt9nothrow_t",
         plainNewAlignedNothrow);
  lookUp(X.NewArrayAlignedNothrow, "_ZnamSt11align_val_tRKSt9nothrow_t",
         plainNewAlignedNothrow);
  lookUp(X.Delete, "_ZdlPv", plainDelete);
  lookUp(X.DeleteArray, "_ZdaPv", plainDelete);
  lookUp(X.DeleteSized, "_ZdlPvm", plainDeleteSized);
  lookUp(X.DeleteArraySized, "_ZdaPvm", plainDeleteSized);
  lookUp(X.DeleteNothrow, "_ZdlPvRKSt9nothrow_t", plainDeleteNothrow);
  lookUp(X.DeleteArrayNothrow, "_ZdaPvRKSt9nothrow_t", plainDeleteNothrow);
  lookUp(X.DeleteAligned, "_ZdlPvSt11align_val_t", plainDeleteAligned);
  lookUp(X.DeleteArrayAligned, "_ZdaPvSt11align_val_t", plainDeleteAligned);
  lookUp(X.DeleteSizedAligned, "_ZdlPvmSt11align_val_t",
         plainDeleteSizedAligned);
  lookUp(X.DeleteArraySizedAligned, "_ZdaPvmSt11align_val_t",
         plainDeleteSizedAligned);
  lookUp(X.DeleteAlignedNothrow, "_ZdlPvSt11align_val_tRKSt9nothrow_t",
         plainDeleteAlignedNothrow);
  lookUp(X.DeleteArrayAlignedNothrow, "_ZdaPvSt11align_val_tRKSt9nothrow_t",
         plainDeleteAlignedNothrow);
}

// Does the lookups, or waits for the thread doing them; false on that
// thread itself when dlsym re-enters before Needed is reached.
FRUGAL_NOINLINE bool resolveSlow(int Needed) {
  int Seen = Unresolved;
  if (__atomic_compare_exchange_n(&Resolution, &Seen, ResolvingC, false,
                                  __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    Resolver = pthread_self();
    resolveC();
    __atomic_store_n(&Resolution, CReady, __ATOMIC_RELEASE);
    resolveCxx();
    __atomic_store_n(&Resolution, AllReady, __ATOMIC_RELEASE);
    __atomic_fetch_and(&Gate, ~uint32_t(GateUnresolved), __ATOMIC_RELEASE);
    return true;
  }
  if (Seen >= Needed)
    return true;
  // Resolver is written right after the CAS: a thread that is not the
  // resolver may read it stale, but never equal to itself.
  if (pthread_equal(__atomic_load_n(&Resolver, __ATOMIC_RELAXED),
                    pthread_self()))
    return false;
  while (__atomic_load_n(&Resolution, __ATOMIC_ACQUIRE) < Needed)
    sched_yield();
  return true;
}

// True once at least Needed is reached (doing the lookups if nobody has);
// false only on the resolving thread itself, re-entered by dlsym before
// Needed: the caller then uses glibc's entry point.
FRUGAL_ALWAYS_INLINE bool resolved(int Needed) {
  return FRUGAL_LIKELY(__atomic_load_n(&Resolution, __ATOMIC_ACQUIRE) >=
                       Needed) ||
         resolveSlow(Needed);
}

// Before any constructor of the program: the first allocation usually
// comes earlier (libc's own), but this makes sure.
__attribute__((constructor(101))) void resolveEarly() { resolved(AllReady); }

// Acquire: a thread that sees the gate closed (0) sees the resolved Next.
FRUGAL_ALWAYS_INLINE bool gateOpen() {
  return FRUGAL_UNLIKELY(__atomic_load_n(&Gate, __ATOMIC_ACQUIRE) != 0);
}

void *keep(void *P, size_t N) {
  if (P && recording())
    recordAlloc(P, N);
  return P;
}

// --- Slow paths: resolution pending, or tracking on ----------------------

FRUGAL_NOINLINE void *slowMalloc(size_t N) {
  if (!resolved(CReady))
    return __libc_malloc(N);
  return keep(Next.Malloc(N), N);
}

FRUGAL_NOINLINE void *slowCalloc(size_t N, size_t Size) {
  if (!resolved(CReady))
    return __libc_calloc(N, Size);
  // Non-null means N * Size did not overflow.
  return keep(Next.Calloc(N, Size), N * Size);
}

FRUGAL_NOINLINE void slowFree(void *P) {
  if (!resolved(CReady))
    return __libc_free(P);
  // The record goes first: once freed, the address may be reused at once.
  if (recording())
    recordFreeOf(P);
  Next.Free(P);
}

// realloc and reallocarray: a free of the old block and an allocation of
// the new size. The old record is taken before the call (the block may be
// freed by it) and put back if the call fails.
template <class Call>
void *trackedResize(void *Old, size_t NewSize, Call Resize) {
  if (!recording())
    return Resize();
  LiveBlock Block;
  bool Tracked = Old && takeBlock(Old, Block);
  void *P = Resize();
  if (P || NewSize == 0) {
    // Success, or realloc(p, 0) returning NULL: glibc freed the block.
    if (Tracked)
      recordFree(Block);
    return keep(P, NewSize);
  }
  if (Tracked)
    restoreBlock(Old, Block); // failed: the old block is still live
  return P;
}

FRUGAL_NOINLINE void *slowRealloc(void *Old, size_t N) {
  if (!resolved(CReady))
    return __libc_realloc(Old, N);
  return trackedResize(Old, N, [=] { return Next.Realloc(Old, N); });
}

// glibc's reallocarray calls realloc through the symbol table, that is,
// here: tracked, it is done here instead (the overflow check, then the
// next realloc), or its block would be counted twice.
FRUGAL_NOINLINE void *slowReallocarray(void *Old, size_t N, size_t Size) {
  size_t Bytes;
  if (__builtin_mul_overflow(N, Size, &Bytes)) {
    errno = ENOMEM; // as reallocarray: the old block is untouched
    return nullptr;
  }
  return slowRealloc(Old, Bytes);
}

FRUGAL_NOINLINE int slowPosixMemalign(void **Out, size_t Align, size_t N) {
  if (!resolved(AllReady)) {
    void *P = __libc_memalign(Align, N);
    if (!P)
      return ENOMEM;
    *Out = P;
    return 0;
  }
  int Rc = Next.PosixMemalign(Out, Align, N);
  if (Rc == 0)
    keep(*Out, N);
  return Rc;
}

FRUGAL_NOINLINE void *slowAligned(bool Memalign, size_t Align, size_t N) {
  if (!resolved(AllReady))
    return __libc_memalign(Align, N);
  return keep(Memalign ? Next.Memalign(Align, N) : Next.AlignedAlloc(Align, N),
              N);
}

FRUGAL_NOINLINE void *slowValloc(bool PageRounded, size_t N) {
  if (!resolved(AllReady))
    return __libc_memalign(size_t(getpagesize()), N);
  return keep(PageRounded ? Next.Pvalloc(N) : Next.Valloc(N), N);
}

// operator new: from the next malloc when tracking; the real operator new
// (its new_handler and bad_alloc) when that fails or when not tracking.
template <class Real>
FRUGAL_ALWAYS_INLINE void *trackedNew(size_t N, Real CallReal) {
  if (gateOpen()) {
    if (!resolved(AllReady)) // only on the resolving thread, inside dlsym
      return __libc_malloc(N ? N : 1);
    if (recording())
      if (void *P = Next.Malloc(N ? N : 1))
        return keep(P, N);
  }
  return CallReal();
}

template <class Real>
FRUGAL_ALWAYS_INLINE void *trackedNewAligned(size_t N, align_val_t A,
                                             Real CallReal) {
  if (gateOpen()) {
    if (!resolved(AllReady))
      return __libc_memalign(size_t(A), N ? N : 1);
    size_t Align = size_t(A) < sizeof(void *) ? sizeof(void *) : size_t(A);
    void *P = nullptr;
    if (recording() && Next.PosixMemalign(&P, Align, N ? N : 1) == 0)
      return keep(P, N);
  }
  return CallReal();
}

// operator delete: when tracking, the record goes and the next free gets
// the block (every operator new above is malloc-compatible, and so is the
// C++ library's); when not, the real operator delete.
template <class Real>
FRUGAL_ALWAYS_INLINE void trackedDelete(void *P, Real CallReal) {
  if (gateOpen()) {
    if (!resolved(AllReady))
      return __libc_free(P);
    if (recording()) {
      recordFreeOf(P);
      Next.Free(P);
      return;
    }
  }
  CallReal();
}

} // namespace

} // namespace frugal::rt::alloc

using namespace frugal::rt::alloc;
using std::align_val_t;
using std::nothrow_t;

// --- The C allocator --------------------------------------------------------

extern "C" {

FRUGAL_API void *malloc(size_t N) noexcept {
  if (gateOpen())
    return slowMalloc(N);
  return Next.Malloc(N);
}

FRUGAL_API void free(void *P) noexcept {
  if (gateOpen())
    return slowFree(P);
  Next.Free(P);
}

FRUGAL_API void *calloc(size_t N, size_t Size) noexcept {
  if (gateOpen())
    return slowCalloc(N, Size);
  return Next.Calloc(N, Size);
}

FRUGAL_API void *realloc(void *P, size_t N) noexcept {
  if (gateOpen())
    return slowRealloc(P, N);
  return Next.Realloc(P, N);
}

FRUGAL_API void *reallocarray(void *P, size_t N, size_t Size) noexcept {
  if (gateOpen())
    return slowReallocarray(P, N, Size);
  return Next.Reallocarray(P, N, Size);
}

FRUGAL_API int posix_memalign(void **Out, size_t Align, size_t N) noexcept {
  if (gateOpen())
    return slowPosixMemalign(Out, Align, N);
  return Next.PosixMemalign(Out, Align, N);
}

FRUGAL_API void *aligned_alloc(size_t Align, size_t N) noexcept {
  if (gateOpen())
    return slowAligned(false, Align, N);
  return Next.AlignedAlloc(Align, N);
}

FRUGAL_API void *memalign(size_t Align, size_t N) noexcept {
  if (gateOpen())
    return slowAligned(true, Align, N);
  return Next.Memalign(Align, N);
}

FRUGAL_API void *valloc(size_t N) noexcept {
  if (gateOpen())
    return slowValloc(false, N);
  return Next.Valloc(N);
}

FRUGAL_API void *pvalloc(size_t N) noexcept {
  if (gateOpen())
    return slowValloc(true, N);
  return Next.Pvalloc(N);
}

// For interposerInUse: this library's own malloc, whatever the lookup
// order says (a hidden alias is bound locally).
void *frugalOwnMalloc(size_t)
    __attribute__((alias("malloc"), visibility("hidden")));

} // extern "C"

bool frugal::rt::alloc::interposerInUse(char *Owner, size_t Capacity) {
  // Looked up now, before recording starts: the lookups' own allocations
  // (dlsym's error messages for operators a C program lacks) are not the
  // program's.
  resolved(AllReady);
  void *Global = dlsym(RTLD_DEFAULT, "malloc");
  if (Global == reinterpret_cast<void *>(&frugalOwnMalloc))
    return true;
  const char *Name = "an unknown object";
  Dl_info Info;
  if (Global && dladdr(Global, &Info) && Info.dli_fname && *Info.dli_fname)
    Name = Info.dli_fname;
  size_t N = strlen(Name);
  if (N >= Capacity)
    N = Capacity - 1;
  memcpy(Owner, Name, N);
  Owner[N] = '\0';
  return false;
}

// --- The C++ operators
// --------------------------------------------------------

FRUGAL_API void *operator new(size_t N) {
  return trackedNew(N, [=] { return Next.New(N); });
}
FRUGAL_API void *operator new[](size_t N) {
  return trackedNew(N, [=] { return Next.NewArray(N); });
}
FRUGAL_API void *operator new(size_t N, const nothrow_t &T) noexcept {
  return trackedNew(N, [&] { return Next.NewNothrow(N, T); });
}
FRUGAL_API void *operator new[](size_t N, const nothrow_t &T) noexcept {
  return trackedNew(N, [&] { return Next.NewArrayNothrow(N, T); });
}
FRUGAL_API void *operator new(size_t N, align_val_t A) {
  return trackedNewAligned(N, A, [=] { return Next.NewAligned(N, A); });
}
FRUGAL_API void *operator new[](size_t N, align_val_t A) {
  return trackedNewAligned(N, A, [=] { return Next.NewArrayAligned(N, A); });
}
FRUGAL_API void *operator new(size_t N, align_val_t A,
                              const nothrow_t &T) noexcept {
  return trackedNewAligned(N, A,
                           [&] { return Next.NewAlignedNothrow(N, A, T); });
}
FRUGAL_API void *operator new[](size_t N, align_val_t A,
                                const nothrow_t &T) noexcept {
  return trackedNewAligned(
      N, A, [&] { return Next.NewArrayAlignedNothrow(N, A, T); });
}

FRUGAL_API void operator delete(void *P) noexcept {
  trackedDelete(P, [=] { Next.Delete(P); });
}
FRUGAL_API void operator delete[](void *P) noexcept {
  trackedDelete(P, [=] { Next.DeleteArray(P); });
}
FRUGAL_API void operator delete(void *P, size_t N) noexcept {
  trackedDelete(P, [=] { Next.DeleteSized(P, N); });
}
FRUGAL_API void operator delete[](void *P, size_t N) noexcept {
  trackedDelete(P, [=] { Next.DeleteArraySized(P, N); });
}
FRUGAL_API void operator delete(void *P, const nothrow_t &T) noexcept {
  trackedDelete(P, [&] { Next.DeleteNothrow(P, T); });
}
FRUGAL_API void operator delete[](void *P, const nothrow_t &T) noexcept {
  trackedDelete(P, [&] { Next.DeleteArrayNothrow(P, T); });
}
FRUGAL_API void operator delete(void *P, align_val_t A) noexcept {
  trackedDelete(P, [=] { Next.DeleteAligned(P, A); });
}
FRUGAL_API void operator delete[](void *P, align_val_t A) noexcept {
  trackedDelete(P, [=] { Next.DeleteArrayAligned(P, A); });
}
FRUGAL_API void operator delete(void *P, size_t N, align_val_t A) noexcept {
  trackedDelete(P, [=] { Next.DeleteSizedAligned(P, N, A); });
}
FRUGAL_API void operator delete[](void *P, size_t N, align_val_t A) noexcept {
  trackedDelete(P, [=] { Next.DeleteArraySizedAligned(P, N, A); });
}
FRUGAL_API void operator delete(void *P, align_val_t A,
                                const nothrow_t &T) noexcept {
  trackedDelete(P, [&] { Next.DeleteAlignedNothrow(P, A, T); });
}
FRUGAL_API void operator delete[](void *P, align_val_t A,
                                  const nothrow_t &T) noexcept {
  trackedDelete(P, [&] { Next.DeleteArrayAlignedNothrow(P, A, T); });
}
