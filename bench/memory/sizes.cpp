// Prints, as JSON, the sizes of the runtime's per-thread and per-context
// structures, from the runtime's own headers (nothing is linked): what the
// memory benchmark's expectations are computed from (bench/memory/run.sh).
#include "ContextTree.h"
#include "ShadowStack.h"
#include "ThreadState.h"
#include "energy/Attribution.h"
#include "frugal/abi.h"

#include <stdio.h>
#include <unistd.h>

using namespace frugal::rt;

int main() {
  printf("{\"ThreadState\": %zu, \"Frame\": %zu, \"DefaultMaxDepth\": %u, "
         "\"TouchedEntry\": %zu, \"TouchedCapacity\": %u, \"Node\": %zu, "
         "\"ChunkBytes\": %zu, \"NodeEnergy\": %zu, \"func_record\": %zu, "
         "\"page\": %ld}\n",
         sizeof(ThreadState), sizeof(Frame), DefaultMaxDepth,
         sizeof(TouchedEntry), ThreadState::TouchedCapacity, sizeof(Node),
         ContextTree::ChunkBytes, sizeof(energy::NodeEnergy),
         sizeof(frugal_func_record), sysconf(_SC_PAGESIZE));
}
