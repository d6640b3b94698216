//===- ArgSampler.cpp - Sampled parameter values of one function ----------===//
#include "ArgSampler.h"

#include "Memory.h"

#include <string.h>

namespace frugal::rt {

namespace {

// A reader gives up on a row still being written after this many reads
// (microseconds; an insert takes tens of nanoseconds): the writer is then
// the thread it interrupted (a signal handler writing the profile), which
// cannot finish first.
constexpr unsigned ReadAttempts = 1000;

bool tryLock(ArgSampler &S) {
  return loadRelaxed(S.Lock) == 0 &&
         __atomic_exchange_n(&S.Lock, 1u, __ATOMIC_ACQUIRE) == 0;
}
void unlock(ArgSampler &S) { __atomic_store_n(&S.Lock, 0u, __ATOMIC_RELEASE); }

void writeRow(ArgSampler &S, uint32_t I, uint64_t Key, const int64_t *Values) {
  uint64_t *R = S.row(I);
  uint64_t Seq = loadRelaxed(R[0]);
  storeRelaxed(R[0], Seq + 1);
  __atomic_thread_fence(__ATOMIC_RELEASE); // odd before the contents
  storeRelaxed(R[1], Key);
  for (uint32_t A = 0; A < S.NumArgs; ++A)
    storeRelaxed(R[2 + A], static_cast<uint64_t>(Values[A]));
  storeRelease(R[0], Seq + 2);
}

// The row holding the largest key of a full sample.
uint32_t largestKeyRow(const ArgSampler &S) {
  uint32_t Max = 0;
  for (uint32_t I = 1; I < ArgSampler::Capacity; ++I)
    if (loadRelaxed(S.row(I)[1]) > loadRelaxed(S.row(Max)[1]))
      Max = I;
  return Max;
}

} // namespace

ArgSampler *createArgSampler(const frugal_args_desc &D) {
  uint32_t NumArgs = D.num_args > FRUGAL_ARGS_MAX ? 0 : D.num_args;
  // No rows when there is nothing to record: its hook is the plain one.
  size_t Bytes = sizeof(ArgSampler);
  if (NumArgs)
    Bytes += sizeof(uint64_t) * ArgSampler::Capacity * (2 + NumArgs);
  // A line of its own: hooks on every thread read Threshold.
  auto *S = static_cast<ArgSampler *>(permanentAllocate(Bytes, 64));
  if (!S)
    return nullptr;
  S->Threshold = UINT64_MAX;
  S->NumArgs = NumArgs;
  S->Names = NumArgs ? D.names : nullptr;
  S->Note = D.note ? D.note : "";
  return S;
}

void insertCall(ArgSampler &S, uint64_t Key, const int64_t *Values) {
  if (!tryLock(S))
    return; // another thread is inserting: this call is not kept
  uint32_t Rows = loadRelaxed(S.Rows);
  if (Rows < ArgSampler::Capacity) {
    writeRow(S, Rows, Key, Values);
    storeRelease(S.Rows, Rows + 1);
  } else {
    uint32_t Max = largestKeyRow(S);
    // The threshold was read before the lock: another insert may have
    // lowered it since.
    if (Key < loadRelaxed(S.row(Max)[1]))
      writeRow(S, Max, Key, Values);
  }
  if (loadRelaxed(S.Rows) == ArgSampler::Capacity)
    storeRelaxed(S.Threshold, loadRelaxed(S.row(largestKeyRow(S))[1]));
  unlock(S);
}

bool readRow(const ArgSampler &S, uint32_t I, int64_t *Out) {
  const uint64_t *R = S.row(I);
  for (unsigned Attempt = 0; Attempt < ReadAttempts; ++Attempt) {
    uint64_t Before = loadAcquire(R[0]);
    if (Before & 1)
      continue;
    for (uint32_t A = 0; A < S.NumArgs; ++A)
      Out[A] = static_cast<int64_t>(loadRelaxed(R[2 + A]));
    __atomic_thread_fence(__ATOMIC_ACQUIRE); // the contents before the check
    if (loadRelaxed(R[0]) == Before)
      return true;
  }
  return false;
}

void resetSamples(ArgSampler &S) {
  // The child has one thread: a lock or row that a thread of the parent
  // held mid-insert is simply taken back.
  storeRelaxed(S.Rows, 0u);
  if (S.NumArgs)
    for (uint32_t I = 0; I < ArgSampler::Capacity; ++I)
      storeRelaxed(S.row(I)[0], uint64_t(0));
  storeRelaxed(S.Threshold, UINT64_MAX);
  unlock(S);
}

void keepStrings(ArgSampler &S) {
  const char *Note = permanentCopyString(S.Note);
  S.Note = Note ? Note : "";
  if (!S.Names)
    return;
  auto *Names = static_cast<const char **>(
      permanentAllocate(sizeof(const char *) * S.NumArgs, alignof(void *)));
  if (!Names) {
    // Out of memory, and the object's names are about to go: samples
    // without names are useless, so both go.
    S.Names = nullptr;
    storeRelaxed(S.Rows, 0u);
    return;
  }
  for (uint32_t A = 0; A < S.NumArgs; ++A) {
    const char *Copy = permanentCopyString(S.Names[A] ? S.Names[A] : "");
    Names[A] = Copy ? Copy : "";
  }
  S.Names = Names;
}

} // namespace frugal::rt
