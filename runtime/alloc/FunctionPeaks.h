//===- FunctionPeaks.h - Live and peak bytes per function id --------------===//
//
// A function's peak_live_bytes is the highest total of its live blocks, all
// threads and calling contexts together. Per-node peaks cannot give it (two
// contexts may peak at different times, or at the same time), so every
// allocation and free also moves one live counter per id, shared by all
// threads (atomic add; the peak is raised with a CAS loop).
//
// Ids are small integers from 1 (functions and regions share them), up to
// millions: a two-level table whose chunks of 4096 ids are mapped on first
// use, so a program pays for the ids that allocate only.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ALLOC_FUNCTIONPEAKS_H
#define FRUGAL_RUNTIME_ALLOC_FUNCTIONPEAKS_H

#include <stdint.h>

namespace frugal::rt::alloc {

class FunctionPeaks {
public:
  static constexpr unsigned ChunkBits = 12;
  static constexpr unsigned TopBits = 14;
  // Ids at or above this are not followed (their peak falls back to the
  // highest of their nodes'): 2^26, far more than any program registers.
  static constexpr uint64_t MaxIds = uint64_t(1) << (ChunkBits + TopBits);

  constexpr FunctionPeaks() = default;
  FunctionPeaks(const FunctionPeaks &) = delete;
  FunctionPeaks &operator=(const FunctionPeaks &) = delete;

  // Id's live bytes grow by Bytes (maps its chunk on first use; when that
  // fails the id is not followed).
  void add(uint32_t Id, uint64_t Bytes);
  // Id's live bytes shrink by Bytes (a block add()ed before).
  void sub(uint32_t Id, uint64_t Bytes);
  // The highest live bytes Id reached; false when Id was never followed
  // (no allocation, or beyond MaxIds, or out of memory).
  bool peak(uint32_t Id, uint64_t &Out) const;
  // Forgets everything and unmaps the chunks; not thread-safe (tests, a
  // forked child starting afresh).
  void reset();

private:
  struct Counter {
    uint64_t Live;
    uint64_t Peak;
  };
  static constexpr uint64_t ChunkIds = uint64_t(1) << ChunkBits;
  Counter *counter(uint32_t Id) const;
  Counter *counterOrMap(uint32_t Id);

  Counter *Chunks[uint64_t(1) << TopBits] = {};
};

} // namespace frugal::rt::alloc

#endif // FRUGAL_RUNTIME_ALLOC_FUNCTIONPEAKS_H
