//===- IdSpace.h - Ids shared by functions and regions --------------------===//
#ifndef FRUGAL_RUNTIME_IDSPACE_H
#define FRUGAL_RUNTIME_IDSPACE_H

#include <atomic>
#include <stdint.h>

namespace frugal::rt {

// Ids start at 1 (0 means "unregistered" in a record) and are never reused,
// so a tree node's id stays meaningful after its module is unloaded.
class IdSpace {
public:
  constexpr IdSpace() = default;
  uint32_t allocate() { return Next.fetch_add(1, std::memory_order_relaxed); }
  // Highest id handed out so far (0 when none).
  uint32_t maxId() const { return Next.load(std::memory_order_acquire) - 1; }

private:
  std::atomic<uint32_t> Next{1};
};

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_IDSPACE_H
