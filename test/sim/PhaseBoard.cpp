//===- PhaseBoard.cpp - the simulator's side of sim_phase.h ---------------===//
//
// Late events. A producer reads the clock and then publishes its event, so
// at an update at time T an event stamped before T may not be visible yet.
// The producer raises `publishing` before its clock read; after reading T
// the simulator waits (200 us at most, spinning, then sleeping so that a
// producer it preempted can finish) for any slot still publishing, which
// makes events stamped before T visible in practice. If a producer stays
// preempted longer, the simulator integrates on with the old power and, when
// the event shows up, re-charges the interval from the event's time to where
// it had integrated (the old power's energy comes off, the new one's goes
// on, both for the totals and the labels). The truth is therefore exact; the
// counters only show the correction at the next update (never going back),
// and the truth reports how many events were late and by how much.
//
//===----------------------------------------------------------------------===//
#include "PhaseBoard.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace frugal::sim {

namespace {

uint64_t nowNs() {
  timespec Ts;
  clock_gettime(CLOCK_MONOTONIC, &Ts);
  return (uint64_t)Ts.tv_sec * 1000000000ULL + (uint64_t)Ts.tv_nsec;
}

} // namespace

std::unique_ptr<PhaseBoard> PhaseBoard::create(const std::string &Path,
                                               uint64_t StartNs,
                                               std::string &Error) {
  int Fd = open(Path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (Fd < 0 || ftruncate(Fd, sizeof(frugal_sim_board)) != 0) {
    Error =
        "cannot create the phase board " + Path + ": " + std::strerror(errno);
    if (Fd >= 0)
      close(Fd);
    return nullptr;
  }
  void *M = mmap(nullptr, sizeof(frugal_sim_board), PROT_READ | PROT_WRITE,
                 MAP_SHARED, Fd, 0);
  close(Fd);
  if (M == MAP_FAILED) {
    Error = "cannot map the phase board " + Path + ": " + std::strerror(errno);
    return nullptr;
  }
  std::unique_ptr<PhaseBoard> P(new PhaseBoard());
  P->Board = static_cast<frugal_sim_board *>(M);
  P->StartNs = P->LastNs = StartNs;
  // The file is fresh (truncated), so all zero: free slots and labels. The
  // header goes last: producers check it before using anything else.
  P->Board->version = FRUGAL_SIM_VERSION;
  P->Board->size = sizeof(frugal_sim_board);
  __atomic_store_n(&P->Board->magic, FRUGAL_SIM_MAGIC, __ATOMIC_RELEASE);
  return P;
}

PhaseBoard::~PhaseBoard() {
  if (Board)
    munmap(Board, sizeof(frugal_sim_board));
}

void PhaseBoard::beginUpdate() {
  __atomic_fetch_add(&Board->update_seq, 1, __ATOMIC_SEQ_CST);
}

void PhaseBoard::endUpdate(uint64_t TimeNs) {
  __atomic_store_n(&Board->last_update_ns, TimeNs, __ATOMIC_RELAXED);
  __atomic_fetch_add(&Board->update_seq, 1, __ATOMIC_SEQ_CST);
}

void PhaseBoard::charge(uint32_t Label, double Watts, int64_t Ns) {
  if (Ns == 0)
    return;
  long double J = (long double)Watts * (long double)Ns * 1e-9L;
  DynamicJ += J;
  if (Label == FRUGAL_SIM_NO_LABEL)
    return;
  LabelTotal &L =
      ByLabel[Label < FRUGAL_SIM_MAX_LABELS ? Label : FRUGAL_SIM_MAX_LABELS];
  L.Joules += J;
  L.Seconds += (long double)Ns * 1e-9L;
}

void PhaseBoard::apply(SlotView &S, const frugal_sim_event &E) {
  // Events stamped before the simulator started count from its start.
  uint64_t T = E.t_ns < StartNs ? StartNs : E.t_ns;
  double W = E.watts;
  if (!std::isfinite(W) || W < 0) {
    ++Counts.InvalidWatts;
    W = 0;
  }
  uint32_t Label = E.label;
  if (E.flags & FRUGAL_SIM_EVENT_END) {
    W = 0;
    Label = FRUGAL_SIM_NO_LABEL;
    S.Ended = true;
  }
  if (T >= S.UptoNs) {
    charge(S.Label, S.Watts, (int64_t)(T - S.UptoNs));
    S.UptoNs = T;
  } else {
    // Late: [T, UptoNs) was charged at the old power; move it to the new.
    auto Late = (int64_t)(S.UptoNs - T);
    ++Counts.LateEvents;
    if ((uint64_t)Late > Counts.MaxLateNs)
      Counts.MaxLateNs = (uint64_t)Late;
    charge(S.Label, S.Watts, -Late);
    charge(Label, W, Late);
  }
  S.Watts = W;
  S.Label = Label;
}

void PhaseBoard::waitForPublisher(frugal_sim_slot &Slot, uint64_t DeadlineNs) {
  if (!__atomic_load_n(&Slot.publishing, __ATOMIC_SEQ_CST))
    return;
  ++Counts.PublishWaits;
  // The event in flight is published once the head moves. A producer in a
  // tight loop raises the flag again at once for its next event, but that
  // one read the clock after this update's time: no need to wait for it.
  uint64_t Head = __atomic_load_n(&Slot.head, __ATOMIC_ACQUIRE);
  uint64_t Start = nowNs();
  while (__atomic_load_n(&Slot.publishing, __ATOMIC_ACQUIRE) &&
         __atomic_load_n(&Slot.head, __ATOMIC_ACQUIRE) == Head) {
    uint64_t Now = nowNs();
    if (Now > DeadlineNs) {
      ++Counts.PublishTimeouts;
      return;
    }
    // Spin briefly for a producer on another CPU; then sleep, since the
    // producer may be the task this (real-time) simulator preempted.
    if (Now - Start > 5000) {
      timespec Nap{0, 10000};
      nanosleep(&Nap, nullptr);
    }
  }
}

bool PhaseBoard::threadGone(const frugal_sim_slot &Slot) {
  // A zombie (exited, not yet reaped) still answers; the simulator reaps its
  // own child before the final update, and a shell reaps its jobs.
  return syscall(SYS_tgkill, Slot.pid, Slot.tid, 0) != 0 && errno == ESRCH;
}

void PhaseBoard::freeSlot(frugal_sim_slot &Slot, SlotView &S) {
  Slot.head = 0;
  Slot.tail = 0;
  Slot.publishing = 0;
  Slot.pid = 0;
  Slot.tid = 0;
  __atomic_store_n(&Slot.state, FRUGAL_SIM_SLOT_FREE, __ATOMIC_RELEASE);
  S = SlotView();
}

void PhaseBoard::advance(uint64_t NowNs) {
  // Pairs with the producers' store to `publishing` before their clock read.
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  // 200 us for all the slots together, so that an update is never much late.
  uint64_t WaitDeadline = nowNs() + 200000;
  for (int I = 0; I < FRUGAL_SIM_MAX_SLOTS; ++I) {
    frugal_sim_slot &Slot = Board->slots[I];
    SlotView &S = Views[I];
    if (__atomic_load_n(&Slot.state, __ATOMIC_ACQUIRE) !=
        FRUGAL_SIM_SLOT_ACTIVE)
      continue;
    if (!S.Known) {
      // Its events, if any, are no older than the last update (see the
      // file comment for the exceptions).
      S = SlotView();
      S.Known = true;
      S.UptoNs = LastNs;
      ++Counts.SlotsUsed;
      Pids.insert(Slot.pid);
    }
    waitForPublisher(Slot, WaitDeadline);
    uint64_t Head = __atomic_load_n(&Slot.head, __ATOMIC_ACQUIRE);
    while (S.Tail < Head && !S.Ended) {
      frugal_sim_event E = Slot.events[S.Tail & (FRUGAL_SIM_RING - 1)];
      if (E.t_ns > NowNs)
        break; // After this update: the next one takes it.
      apply(S, E);
      ++S.Tail;
    }
    __atomic_store_n(&Slot.tail, S.Tail, __ATOMIC_RELEASE);
    if (NowNs > S.UptoNs) {
      charge(S.Label, S.Watts, (int64_t)(NowNs - S.UptoNs));
      S.UptoNs = NowNs;
    }
    if (S.Ended) {
      freeSlot(Slot, S);
    } else if (S.Tail == Head && threadGone(Slot) &&
               __atomic_load_n(&Slot.head, __ATOMIC_ACQUIRE) == Head) {
      // Died without frugal_sim_thread_end(): it drew its last power until
      // now, the first moment the simulator can know. (The head is read
      // again: the thread may have published just before it died.)
      ++Counts.AutoEnded;
      freeSlot(Slot, S);
    }
  }
  LastNs = NowNs;
}

std::map<std::string, PhaseBoard::LabelTotal> PhaseBoard::labelTotals() const {
  std::map<std::string, LabelTotal> Out;
  auto Add = [&](const std::string &Name, const LabelTotal &T) {
    LabelTotal &O = Out[Name];
    O.Joules += T.Joules;
    O.Seconds += T.Seconds;
  };
  for (uint32_t I = 0; I < FRUGAL_SIM_MAX_LABELS; ++I) {
    const frugal_sim_label &L = Board->labels[I];
    if (__atomic_load_n(&L.state, __ATOMIC_ACQUIRE) != FRUGAL_SIM_LABEL_READY)
      continue;
    Add(std::string(L.name, strnlen(L.name, FRUGAL_SIM_LABEL_LEN)), ByLabel[I]);
  }
  if (ByLabel[FRUGAL_SIM_MAX_LABELS].Seconds != 0)
    Add("(overflow)", ByLabel[FRUGAL_SIM_MAX_LABELS]);
  return Out;
}

PhaseBoard::Stats PhaseBoard::stats() const {
  Stats S = Counts;
  S.Processes = Pids.size();
  S.DroppedEvents = __atomic_load_n(&Board->dropped_events, __ATOMIC_RELAXED);
  return S;
}

} // namespace frugal::sim
