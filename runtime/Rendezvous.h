//===- Rendezvous.h - Finding the other copies of the runtime in a process ===//
//
// A plugin or a ctypes-loaded library linked with the static archive brings
// its own copy of the runtime: own books, own sampler, own profile. Copies
// in modules loaded RTLD_LOCAL cannot see each other's symbols, and the
// process offers no slot of its own to meet in (the environment is not
// thread-safe to write; files and sockets are system calls the program
// would see, shared across processes). So every copy carries an ELF note
// (section .note.frugal.rt, name "frugal") whose descriptor is the
// link-time offset from itself to the copy's RendezvousBlock: notes are in
// every loaded module's program headers whatever its symbol scope,
// visibility, version script or stripping, and the offset needs no dynamic
// relocation. At its first use a copy walks the loaded modules
// (dl_iterate_phdr), and elects a primary with one compare-and-swap on the
// ballot of the first copy in load order (the executable's, when it has
// one). Every access to another copy's block happens inside the walk's
// callback, while the dynamic linker's lock keeps that module mapped.
//
// The primary behaves as a lone runtime. A later copy (a secondary) writes
// its profile to a path of its own, installs no signal handler, and enlists
// in the primary's block, whose SIGINT/SIGTERM handler then writes the
// secondary's profile too before the process dies. A copy that joined is
// never unloaded (ModulePin.h), so the blocks enlisted stay valid. Nothing
// here runs on the hot path; nothing allocates.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_RENDEZVOUS_H
#define FRUGAL_RUNTIME_RENDEZVOUS_H

#include "Env.h"

#include <atomic>
#include <stddef.h>
#include <stdint.h>

namespace frugal::rt {

// The note's type: the layout version of RendezvousBlock. Copies of
// another layout ignore each other.
inline constexpr uint32_t RendezvousNoteType = 0x46520001;
inline constexpr unsigned MaxSecondaries = 32;

using CopySignalWriter = void (*)(int Signal);

// One per copy, constant-initialised in the copy's own module. Shared with
// every other copy of this layout version: append-only.
struct RendezvousBlock {
  // Meaningful in the first copy in load order: the elected primary.
  std::atomic<RendezvousBlock *> Ballot{nullptr};
  // A secondary's: writes its profile from the primary's signal handler.
  std::atomic<CopySignalWriter> WriteOnSignal{nullptr};
  // The primary's: the secondaries it forwards SIGINT/SIGTERM to.
  std::atomic<RendezvousBlock *> Secondaries[MaxSecondaries] = {};
};

// The election, fed the copies in load order (one walk of the modules).
// Separate from the walk for the unit tests.
class Election {
public:
  // Stale: a ballot value that a previous walk found to name no loaded copy
  // (a module unloaded before the pin of ModulePin.h took): taken over.
  // The primary's and this copy's module paths are copied to PrimaryModule
  // and OwnModule (PathCapacity bytes each, kept off the stack).
  Election(RendezvousBlock &Self, CopySignalWriter OwnWriter,
           RendezvousBlock *Stale, char *PrimaryModule, char *OwnModule)
      : Self(Self), OwnWriter(OwnWriter), Stale(Stale),
        PrimaryModule(PrimaryModule), OwnModule(OwnModule) {
    PrimaryModule[0] = OwnModule[0] = '\0';
  }

  // One copy, in load order. Module: its module's path.
  void visit(RendezvousBlock &Copy, const char *Module);

  RendezvousBlock *primary() const { return Primary; }
  bool isPrimary() const { return Primary == &Self; }
  // The primary was seen in the walk (false: a stale ballot; walk again).
  bool primaryFound() const { return PrimaryFound; }
  // A secondary's slot in the primary's block (false: every slot taken).
  bool enlisted() const { return Enlisted; }
  unsigned copies() const { return Copies; }

private:
  RendezvousBlock &Self;
  CopySignalWriter OwnWriter;
  RendezvousBlock *Stale;
  RendezvousBlock *Primary = nullptr;
  bool SeenFirst = false;
  bool PrimaryFound = false;
  bool Enlisted = false;
  unsigned Copies = 0;
  char *PrimaryModule;
  char *OwnModule;
};

struct RendezvousResult {
  bool Primary = true;
  bool Enlisted = false;
  unsigned Copies = 1; // copies of the runtime seen in the process
  char PrimaryModule[PathCapacity] = {};
  char OwnModule[PathCapacity] = {};
};

// Joins the process's copies of the runtime: elects or finds the primary
// and, for a secondary, enlists OwnWriter for the primary's signal handler.
// MainProgram names the executable (dl_iterate_phdr calls it ""). Out is
// large: keep it in static storage.
void joinRendezvous(CopySignalWriter OwnWriter, const char *MainProgram,
                    RendezvousResult &Out);

// The primary's signal handler: every enlisted secondary writes its
// profile. Async-signal-safe (atomic loads and calls).
void forwardSignalToSecondaries(int Signal);

// Forwarding through a block, for the unit tests.
void forwardSignal(RendezvousBlock &Primary, int Signal);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_RENDEZVOUS_H
