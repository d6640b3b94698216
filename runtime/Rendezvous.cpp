//===- Rendezvous.cpp - Finding the other copies of the runtime -----------===//
#include "Rendezvous.h"

#include <link.h>
#include <string.h>

// This copy's block, and the note that leads other copies to it: the
// descriptor holds the offset from itself to the block (resolved at link
// time: a PC-relative difference within one module needs no dynamic
// relocation, so the read-only note stays read-only). Both names are hidden:
// every copy has its own, and none is exported.
extern "C" {
__attribute__((visibility(
    "hidden"))) constinit frugal::rt::RendezvousBlock frugal_rt_rendezvous_v1;
__attribute__((visibility("hidden"))) extern const char frugal_rt_note_v1[];
}

__asm__(".pushsection .note.frugal.rt,\"a\",%note\n"
        ".balign 4\n"
        ".hidden frugal_rt_note_v1\n"
        ".globl frugal_rt_note_v1\n"
        "frugal_rt_note_v1:\n"
        ".long 7\n"          // name size: "frugal" and its NUL
        ".long 8\n"          // descriptor size
        ".long 0x46520001\n" // type: RendezvousNoteType
        ".asciz \"frugal\"\n"
        ".balign 4\n"
        "1: .quad frugal_rt_rendezvous_v1 - 1b\n"
        ".popsection\n");

namespace frugal::rt {

namespace {

constexpr char NoteName[] = "frugal";
constexpr unsigned MaxWalks = 4;

// This copy's primary once joined (its own block when it is the primary).
constinit RendezvousBlock *JoinedPrimary = nullptr;

void copyPath(char *Out, const char *Path) {
  size_t N = strnlen(Path, PathCapacity - 1);
  memcpy(Out, Path, N);
  Out[N] = '\0';
}

uint32_t read32(const char *P) {
  uint32_t V;
  memcpy(&V, P, sizeof(V));
  return V;
}

// Calls Visit(Block) for each of our notes in one module's PT_NOTE
// segments.
template <class Fn> void forEachNote(const dl_phdr_info &Info, Fn Visit) {
  for (unsigned I = 0; I < Info.dlpi_phnum; ++I) {
    const ElfW(Phdr) &Ph = Info.dlpi_phdr[I];
    if (Ph.p_type != PT_NOTE)
      continue;
    const char *P = reinterpret_cast<const char *>(Info.dlpi_addr + Ph.p_vaddr);
    const char *End = P + Ph.p_memsz;
    while (End - P >= 12) {
      uint32_t NameSize = read32(P), DescSize = read32(P + 4);
      uint32_t Type = read32(P + 8);
      const char *Name = P + 12;
      const char *Desc = Name + ((NameSize + 3) & ~3u);
      if (Desc > End || DescSize > size_t(End - Desc))
        break;
      if (Type == RendezvousNoteType && NameSize == sizeof(NoteName) &&
          !memcmp(Name, NoteName, sizeof(NoteName)) &&
          DescSize == sizeof(int64_t)) {
        int64_t Offset;
        memcpy(&Offset, Desc, sizeof(Offset));
        Visit(*reinterpret_cast<RendezvousBlock *>(const_cast<char *>(Desc) +
                                                   Offset));
      }
      P = Desc + ((DescSize + 3) & ~3u);
    }
  }
}

const char *moduleName(const dl_phdr_info &Info, const char *MainProgram) {
  return Info.dlpi_name && *Info.dlpi_name ? Info.dlpi_name : MainProgram;
}

struct ElectionWalk {
  Election *E;
  const char *MainProgram;
};

int visitForElection(dl_phdr_info *Info, size_t, void *Data) {
  auto *W = static_cast<ElectionWalk *>(Data);
  forEachNote(*Info, [&](RendezvousBlock &Block) {
    W->E->visit(Block, moduleName(*Info, W->MainProgram));
  });
  return 0;
}

} // namespace

void Election::visit(RendezvousBlock &Copy, const char *Module) {
  ++Copies;
  if (!SeenFirst) {
    // The first copy in load order holds the ballot: one CAS decides,
    // however many copies start at once.
    SeenFirst = true;
    RendezvousBlock *Expected = nullptr;
    bool Won = Copy.Ballot.compare_exchange_strong(Expected, &Self,
                                                   std::memory_order_acq_rel);
    if (!Won && Stale && Expected == Stale)
      Won = Copy.Ballot.compare_exchange_strong(Expected, &Self,
                                                std::memory_order_acq_rel);
    Primary = Won ? &Self : Expected;
  }
  if (&Copy == &Self)
    copyPath(OwnModule, Module);
  if (&Copy != Primary)
    return;
  PrimaryFound = true;
  copyPath(PrimaryModule, Module);
  if (Primary == &Self)
    return;
  Self.WriteOnSignal.store(OwnWriter, std::memory_order_release);
  for (auto &Slot : Copy.Secondaries) {
    RendezvousBlock *Free = nullptr;
    if (Slot.load(std::memory_order_acquire) == &Self ||
        Slot.compare_exchange_strong(Free, &Self, std::memory_order_acq_rel)) {
      Enlisted = true;
      return;
    }
  }
}

void forwardSignal(RendezvousBlock &Primary, int Signal) {
  for (auto &Slot : Primary.Secondaries)
    if (RendezvousBlock *S = Slot.load(std::memory_order_acquire))
      if (CopySignalWriter Write =
              S->WriteOnSignal.load(std::memory_order_acquire))
        Write(Signal);
}

void joinRendezvous(CopySignalWriter OwnWriter, const char *MainProgram,
                    RendezvousResult &Out) {
  // Referenced, so that --gc-sections keeps the note with this code.
  __asm__ volatile("" : : "r"(frugal_rt_note_v1));
  RendezvousBlock &Self = frugal_rt_rendezvous_v1;
  RendezvousBlock *Stale = nullptr;
  for (unsigned Walk = 0; Walk < MaxWalks; ++Walk) {
    Election E(Self, OwnWriter, Stale, Out.PrimaryModule, Out.OwnModule);
    ElectionWalk W{&E, MainProgram};
    dl_iterate_phdr(visitForElection, &W);
    Out.Copies = E.copies() ? E.copies() : 1;
    if (E.isPrimary() || E.primaryFound()) {
      Out.Primary = E.isPrimary();
      Out.Enlisted = E.enlisted();
      JoinedPrimary = E.primary();
      return;
    }
    // The ballot names a copy whose module is gone: take it over.
    Stale = E.primary();
  }
  // Still no live primary (modules coming and going): act alone.
  Out.Primary = true;
  Out.Enlisted = false;
  JoinedPrimary = &Self;
}

void forwardSignalToSecondaries(int Signal) {
  if (JoinedPrimary == &frugal_rt_rendezvous_v1)
    forwardSignal(frugal_rt_rendezvous_v1, Signal);
}

} // namespace frugal::rt
