/* sim_phase.h - tell frugal-rapl-sim what power this thread draws.
 *
 * Header-only C API (C99/C++ with the GNU extensions clang and gcc have) for
 * programs run under the RAPL simulator (test/sim/RaplSim.cpp). The
 * simulator integrates the reported power into fake powercap energy
 * counters and knows the exact truth, so tests can compare what a reader of
 * the counters saw against what was drawn.
 *
 *   frugal_sim_phase("hot", 40.0);   // from now on this thread draws 40 W
 *   ...
 *   frugal_sim_phase("cold", 10.0);  // ... and now 10 W
 *   frugal_sim_thread_end();         // 0 W; frees the thread's slot
 *
 * Also: frugal_sim_active() (running under the simulator?),
 * frugal_sim_sync() (wait until the counters hold every phase reported so
 * far) and frugal_sim_update_seq() (which update a value read came from).
 *
 * Every call does nothing when FRUGAL_SIM_BOARD is unset (no simulator), so
 * the same program also runs on its own. A phase call costs a clock read and
 * a few stores to shared memory (60-150 ns here); it takes no lock and makes
 * no system call after the first one in a thread (which maps the board and
 * claims a slot). A forked child gets slots of its own.
 *
 * The board is a file mapped MAP_SHARED by the simulator and by every
 * process that reports: a label table and up to FRUGAL_SIM_MAX_SLOTS slots,
 * one per reporting thread, each a single-producer ring of events. The
 * simulator also publishes its update sequence there.
 *
 * Limits, on purpose for a test tool: a phase call made while the same
 * thread is inside one already (a signal handler interrupting it) is
 * dropped and counted in the truth's dropped_events, as are calls when all
 * slots are taken; a thread that exits without frugal_sim_thread_end()
 * keeps its last power until the simulator sees it gone (at its next
 * update), and one that exec()s keeps it until it exits.
 */
#ifndef FRUGAL_SIM_PHASE_H
#define FRUGAL_SIM_PHASE_H

/* clock_gettime, syscall and MADV_WIPEONFORK under -std=c11 as well: takes
   effect when this header comes before any system header (or build with the
   default gnu dialect). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define FRUGAL_SIM_MAGIC 0x314d495347555246ull /* "FRUGSIM1" */
#define FRUGAL_SIM_VERSION 1u
#define FRUGAL_SIM_MAX_SLOTS 64
#define FRUGAL_SIM_RING 2048 /* events per slot, a power of two */
#define FRUGAL_SIM_MAX_LABELS 256
#define FRUGAL_SIM_LABEL_LEN 56

/* Slot states: producers claim FREE slots; the simulator frees them. */
#define FRUGAL_SIM_SLOT_FREE 0u
#define FRUGAL_SIM_SLOT_CLAIMED 1u
#define FRUGAL_SIM_SLOT_ACTIVE 2u
/* Label entry states. */
#define FRUGAL_SIM_LABEL_FREE 0u
#define FRUGAL_SIM_LABEL_WRITING 1u
#define FRUGAL_SIM_LABEL_READY 2u
/* Label ids that are not table entries. */
#define FRUGAL_SIM_NO_LABEL 0xffffffffu       /* thread end: 0 W, no label */
#define FRUGAL_SIM_LABEL_OVERFLOW 0xfffffffeu /* table full */
/* Event flags. */
#define FRUGAL_SIM_EVENT_END 1u

/* The API's functions: never instrumented by frugal's pass (a test's
   profile should hold the program's functions, not the simulator's). */
#if defined(__clang__)
#define FRUGAL_SIM_FN                                                          \
  static inline __attribute__((unused, xray_never_instrument,                  \
                               annotate("frugal.never_instrument")))
#else
#define FRUGAL_SIM_FN static inline __attribute__((unused))
#endif

#ifdef __cplusplus
extern "C" {
#endif

struct frugal_sim_event {
  uint64_t t_ns; /* CLOCK_MONOTONIC */
  double watts;
  uint32_t label;
  uint32_t flags;
};

struct frugal_sim_label {
  uint32_t state;
  char name[FRUGAL_SIM_LABEL_LEN];
  uint32_t reserved;
};

struct frugal_sim_slot {
  uint32_t state;
  int32_t pid;
  int32_t tid;
  /* 1 while the producer is between its clock read and publishing the
     event: the simulator waits for it rather than integrating past an event
     it cannot see yet. */
  uint32_t publishing;
  uint64_t head; /* events written (producer) */
  char pad0[40];
  uint64_t tail; /* events consumed (simulator): free space for the ring */
  char pad1[56];
  struct frugal_sim_event events[FRUGAL_SIM_RING];
};

struct frugal_sim_board {
  uint64_t magic;
  uint32_t version;
  uint32_t size;
  /* Odd while the simulator is updating the counters (from before it reads
     the update's time until the files are written), even otherwise: the
     value read between two equal even readings belongs to update seq / 2. */
  uint64_t update_seq;
  uint64_t last_update_ns;
  uint64_t dropped_events; /* no free slot, reentrant call, or ring stuck */
  uint64_t reserved[3];
  struct frugal_sim_label labels[FRUGAL_SIM_MAX_LABELS];
  struct frugal_sim_slot slots[FRUGAL_SIM_MAX_SLOTS];
};

/* Per-process and per-thread state. Weak definitions, so every translation
   unit (and a shared library, through interposition) that includes this
   header uses one copy: a thread must own one slot, not one per file. */
struct frugal_sim_tls_state {
  int32_t slot1; /* slot index + 1; 0: none */
  int32_t pid;   /* process that owns slot1 (a forked child must not) */
  int32_t busy;  /* inside a call: a nested call (signal handler) drops */
  int32_t gave_up;
  const char *cache_ptr[8];
  uint32_t cache_id[8];
};
__attribute__((weak)) __thread struct frugal_sim_tls_state frugal_sim_tls_;
__attribute__((weak)) struct frugal_sim_board *frugal_sim_board_;
/* 0: not tried, 1: mapped, 2: being mapped, -1: no simulator. */
__attribute__((weak)) int frugal_sim_board_state_;
/* One anonymous page per process holding the pid, wiped to 0 in a forked
   child (MADV_WIPEONFORK): a cheap "am I a forked child" test without a
   getpid() system call per event. */
__attribute__((weak)) int32_t *frugal_sim_proc_pid_;
__attribute__((weak)) int frugal_sim_wipe_ok_;

FRUGAL_SIM_FN uint64_t frugal_sim_now_ns_(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

FRUGAL_SIM_FN struct frugal_sim_board *frugal_sim_map_board_(void) {
  const char *path = getenv("FRUGAL_SIM_BOARD");
  struct frugal_sim_board *b = 0;
  int fd = path && *path ? open(path, O_RDWR | O_CLOEXEC) : -1;
  struct stat st;
  if (fd >= 0 && fstat(fd, &st) == 0 &&
      (uint64_t)st.st_size >= sizeof(struct frugal_sim_board)) {
    void *m = mmap(0, sizeof(struct frugal_sim_board), PROT_READ | PROT_WRITE,
                   MAP_SHARED, fd, 0);
    if (m != MAP_FAILED) {
      b = (struct frugal_sim_board *)m;
      if (b->magic != FRUGAL_SIM_MAGIC || b->version != FRUGAL_SIM_VERSION ||
          b->size != (uint32_t)sizeof(struct frugal_sim_board)) {
        munmap(m, sizeof(struct frugal_sim_board));
        b = 0;
      }
    }
  }
  if (fd >= 0)
    close(fd);
  if (!b)
    return 0;
  void *page =
      mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (page == MAP_FAILED) {
    munmap(b, sizeof(struct frugal_sim_board));
    return 0;
  }
#ifdef MADV_WIPEONFORK
  frugal_sim_wipe_ok_ = madvise(page, 4096, MADV_WIPEONFORK) == 0;
#endif
  *(int32_t *)page = (int32_t)getpid();
  frugal_sim_proc_pid_ = (int32_t *)page;
  return b;
}

/* The board, mapped on first use; 0 without a simulator. */
FRUGAL_SIM_FN struct frugal_sim_board *frugal_sim_get_board_(void) {
  int st = __atomic_load_n(&frugal_sim_board_state_, __ATOMIC_ACQUIRE);
  if (st == 1)
    return frugal_sim_board_;
  if (st < 0)
    return 0;
  int expected = 0;
  if (__atomic_compare_exchange_n(&frugal_sim_board_state_, &expected, 2, 0,
                                  __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    frugal_sim_tls_.busy = 1;
    struct frugal_sim_board *b = frugal_sim_map_board_();
    frugal_sim_board_ = b;
    __atomic_store_n(&frugal_sim_board_state_, b ? 1 : -1, __ATOMIC_RELEASE);
    frugal_sim_tls_.busy = 0;
    return b;
  }
  /* Another thread is mapping it: wait, unless that is this thread (a
     signal handler interrupted the mapping), which would never finish. */
  if (frugal_sim_tls_.busy)
    return 0;
  while ((st = __atomic_load_n(&frugal_sim_board_state_, __ATOMIC_ACQUIRE)) ==
         2)
    sched_yield();
  return st == 1 ? frugal_sim_board_ : 0;
}

/* 1 when running under frugal-rapl-sim. */
FRUGAL_SIM_FN int frugal_sim_active(void) {
  return frugal_sim_get_board_() != 0;
}

FRUGAL_SIM_FN int32_t frugal_sim_current_pid_(void) {
  if (!frugal_sim_wipe_ok_)
    return (int32_t)getpid();
  int32_t pid = __atomic_load_n(frugal_sim_proc_pid_, __ATOMIC_RELAXED);
  if (pid == 0) { /* wiped: first call in a forked child */
    pid = (int32_t)getpid();
    __atomic_store_n(frugal_sim_proc_pid_, pid, __ATOMIC_RELAXED);
  }
  return pid;
}

/* This thread's slot, claimed on first use; -1 when all are taken. */
FRUGAL_SIM_FN int frugal_sim_slot_(struct frugal_sim_board *b) {
  struct frugal_sim_tls_state *t = &frugal_sim_tls_;
  int32_t pid = frugal_sim_current_pid_();
  if (t->slot1 != 0 && t->pid == pid)
    return t->slot1 - 1;
  t->slot1 = 0;
  t->gave_up = 0;
  int32_t tid = (int32_t)syscall(SYS_gettid);
  for (int i = 0; i < FRUGAL_SIM_MAX_SLOTS; ++i) {
    struct frugal_sim_slot *s = &b->slots[i];
    uint32_t expected = FRUGAL_SIM_SLOT_FREE;
    if (__atomic_load_n(&s->state, __ATOMIC_RELAXED) != expected ||
        !__atomic_compare_exchange_n(&s->state, &expected,
                                     FRUGAL_SIM_SLOT_CLAIMED, 0,
                                     __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
      continue;
    s->pid = pid;
    s->tid = tid;
    __atomic_store_n(&s->state, FRUGAL_SIM_SLOT_ACTIVE, __ATOMIC_RELEASE);
    t->slot1 = i + 1;
    t->pid = pid;
    return i;
  }
  return -1;
}

FRUGAL_SIM_FN int frugal_sim_label_matches_(const struct frugal_sim_label *l,
                                            const char *label) {
  return strncmp(l->name, label, FRUGAL_SIM_LABEL_LEN - 1) == 0;
}

/* The label's id in the board's table, registering it the first time. Two
   threads registering one name at once get one entry: entries are claimed
   in order and a scan waits for an entry being written before passing it.
   (The simulator merges by name anyway, should that wait give up.) */
FRUGAL_SIM_FN uint32_t frugal_sim_label_id_(struct frugal_sim_board *b,
                                            const char *label) {
  struct frugal_sim_tls_state *t = &frugal_sim_tls_;
  unsigned k = (unsigned)(((uintptr_t)label >> 3) & 7);
  if (t->cache_ptr[k] == label &&
      frugal_sim_label_matches_(&b->labels[t->cache_id[k]], label))
    return t->cache_id[k];
  for (uint32_t i = 0; i < FRUGAL_SIM_MAX_LABELS; ++i) {
    struct frugal_sim_label *l = &b->labels[i];
    uint32_t st = __atomic_load_n(&l->state, __ATOMIC_ACQUIRE);
    if (st == FRUGAL_SIM_LABEL_FREE) {
      if (__atomic_compare_exchange_n(&l->state, &st, FRUGAL_SIM_LABEL_WRITING,
                                      0, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)) {
        size_t n = strlen(label);
        if (n > FRUGAL_SIM_LABEL_LEN - 1)
          n = FRUGAL_SIM_LABEL_LEN - 1;
        memcpy(l->name, label, n);
        l->name[n] = 0;
        __atomic_store_n(&l->state, FRUGAL_SIM_LABEL_READY, __ATOMIC_RELEASE);
        st = FRUGAL_SIM_LABEL_READY;
      }
    }
    for (long spins = 0; st == FRUGAL_SIM_LABEL_WRITING && spins < 100000;
         ++spins) {
      sched_yield();
      st = __atomic_load_n(&l->state, __ATOMIC_ACQUIRE);
    }
    if (st == FRUGAL_SIM_LABEL_READY && frugal_sim_label_matches_(l, label)) {
      t->cache_ptr[k] = label;
      t->cache_id[k] = i;
      return i;
    }
  }
  return FRUGAL_SIM_LABEL_OVERFLOW;
}

FRUGAL_SIM_FN void frugal_sim_push_(struct frugal_sim_board *b, int slot,
                                    double watts, uint32_t label,
                                    uint32_t flags) {
  struct frugal_sim_tls_state *t = &frugal_sim_tls_;
  struct frugal_sim_slot *s = &b->slots[slot];
  uint64_t head = s->head;
  /* Ring full: wait for the simulator (it drains every update) rather than
     lose an event and make the truth differ from what the program meant. */
  if (head - __atomic_load_n(&s->tail, __ATOMIC_ACQUIRE) >= FRUGAL_SIM_RING) {
    uint64_t deadline = frugal_sim_now_ns_() + 1000000000ull;
    while (head - __atomic_load_n(&s->tail, __ATOMIC_ACQUIRE) >=
           FRUGAL_SIM_RING) {
      if (t->gave_up || frugal_sim_now_ns_() > deadline) {
        t->gave_up = 1; /* the simulator is gone: stop waiting */
        __atomic_fetch_add(&b->dropped_events, 1, __ATOMIC_RELAXED);
        return;
      }
      sched_yield();
    }
  }
  __atomic_store_n(&s->publishing, 1, __ATOMIC_SEQ_CST);
  struct frugal_sim_event *e = &s->events[head & (FRUGAL_SIM_RING - 1)];
  e->t_ns = frugal_sim_now_ns_();
  e->watts = watts;
  e->label = label;
  e->flags = flags;
  __atomic_store_n(&s->head, head + 1, __ATOMIC_RELEASE);
  __atomic_store_n(&s->publishing, 0, __ATOMIC_RELEASE);
}

/* From now on this thread draws `watts` (0 before its first call), charged
   to `label` (NULL: "(unlabeled)"). */
FRUGAL_SIM_FN void frugal_sim_phase(const char *label, double watts) {
  struct frugal_sim_board *b = frugal_sim_get_board_();
  if (!b)
    return;
  struct frugal_sim_tls_state *t = &frugal_sim_tls_;
  if (t->busy) {
    __atomic_fetch_add(&b->dropped_events, 1, __ATOMIC_RELAXED);
    return;
  }
  t->busy = 1;
  int slot = frugal_sim_slot_(b);
  if (slot < 0) {
    __atomic_fetch_add(&b->dropped_events, 1, __ATOMIC_RELAXED);
  } else {
    uint32_t id = frugal_sim_label_id_(b, label ? label : "(unlabeled)");
    frugal_sim_push_(b, slot, watts, id, 0);
  }
  t->busy = 0;
}

/* This thread draws 0 W from now on and gives its slot back. A thread that
   exits without calling it keeps its last power until the simulator notices
   the thread is gone (at its next update). */
FRUGAL_SIM_FN void frugal_sim_thread_end(void) {
  struct frugal_sim_board *b = frugal_sim_get_board_();
  struct frugal_sim_tls_state *t = &frugal_sim_tls_;
  if (!b || t->slot1 == 0 || t->pid != frugal_sim_current_pid_())
    return;
  if (t->busy) {
    __atomic_fetch_add(&b->dropped_events, 1, __ATOMIC_RELAXED);
    return;
  }
  t->busy = 1;
  frugal_sim_push_(b, t->slot1 - 1, 0.0, FRUGAL_SIM_NO_LABEL,
                   FRUGAL_SIM_EVENT_END);
  t->slot1 = 0;
  t->busy = 0;
}

/* The simulator's update sequence: even and unchanged around a read of
   energy_uj means the value came from update seq / 2. 0 without simulator. */
FRUGAL_SIM_FN uint64_t frugal_sim_update_seq(void) {
  struct frugal_sim_board *b = frugal_sim_get_board_();
  return b ? __atomic_load_n(&b->update_seq, __ATOMIC_ACQUIRE) : 0;
}

/* Waits until an update that began after this call has been written, so
   every phase reported before the call is in the counters. Gives up after
   a second (no simulator running). */
FRUGAL_SIM_FN void frugal_sim_sync(void) {
  struct frugal_sim_board *b = frugal_sim_get_board_();
  if (!b)
    return;
  uint64_t s0 = __atomic_load_n(&b->update_seq, __ATOMIC_SEQ_CST);
  uint64_t target = (s0 & 1) ? s0 + 3 : s0 + 2;
  uint64_t deadline = frugal_sim_now_ns_() + 1000000000ull;
  struct timespec nap = {0, 50000};
  while (__atomic_load_n(&b->update_seq, __ATOMIC_ACQUIRE) < target &&
         frugal_sim_now_ns_() < deadline)
    nanosleep(&nap, 0);
}

#ifdef __cplusplus
}
#endif

#endif /* FRUGAL_SIM_PHASE_H */
