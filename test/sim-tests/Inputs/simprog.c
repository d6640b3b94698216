/* A program to run under frugal-rapl-sim: reports phases through
 * sim_phase.h and reads the fake powercap counters the way the runtime does
 * (files opened once, pread at offset 0). Commands, run in order:
 *
 *   read NAME            package and core energy_uj, with the update they
 *                        came from: "read NAME pkg=V core=V seq=S"
 *   phase LABEL W MS     draw W watts under LABEL, spinning MS ms
 *   nap LABEL W MS       the same, sleeping
 *   end                  frugal_sim_thread_end()
 *   sync                 frugal_sim_sync(): the counters hold every phase
 *   poll MS NAP_US       read the package counter for MS ms, spinning until
 *                        it changes, then sleeping NAP_US: "poll reads=N
 *                        changes=N median_us=X ..." (see cmd_poll)
 *   pollfile MS NAP_US FILE
 *                        the same, listing every new reading in FILE
 *   threads N LABEL W MS end|noend
 *                        N threads, each napping under LABEL (and then
 *                        ending its slot, or just exiting)
 *   alternate L1 W1 L2 W2 PERIOD_US MS
 *                        switch between two phases every PERIOD_US for MS
 *                        ms (spinning), then "idle" at 0 W: prints the
 *                        energy expected from the program's own clock
 *                        (see cmd_alternate)
 *   fork LABEL W MS      a child process naps under LABEL, then exits
 *   touch PATH / waitfile PATH
 *                        create PATH / wait (up to 2 s) until it exists
 */
#include "sim_phase.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int PkgFd = -1, CoreFd = -1;
static unsigned long long MaxRange;

static uint64_t now_ns(void) { return frugal_sim_now_ns_(); }

static void spin_ms(double ms) {
  uint64_t end = now_ns() + (uint64_t)(ms * 1e6);
  while (now_ns() < end) {
  }
}

static void nap_ms(double ms) {
  uint64_t end = now_ns() + (uint64_t)(ms * 1e6);
  struct timespec ts = {(time_t)(end / 1000000000ull),
                        (long)(end % 1000000000ull)};
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, 0) == EINTR) {
  }
}

/* Reading kinds: a value, an empty read, text that is not a number, a
   number without its newline, a number followed by more bytes, a failure. */
enum { VALUE, EMPTY, GARBAGE, NO_NEWLINE, TRAILING, FAILED };

static int read_counter(int fd, unsigned long long *v) {
  char buf[64];
  ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
  if (n < 0)
    return FAILED;
  if (n == 0)
    return EMPTY;
  buf[n] = 0;
  ssize_t i = 0;
  while (i < n && buf[i] >= '0' && buf[i] <= '9')
    ++i;
  if (i == 0)
    return GARBAGE;
  *v = strtoull(buf, 0, 10);
  if (i == n)
    return NO_NEWLINE;
  if (buf[i] != '\n')
    return GARBAGE;
  return i + 1 == n ? VALUE : TRAILING;
}

static void open_counters(void) {
  const char *root = getenv("FRUGAL_POWERCAP_ROOT");
  if (!root)
    return;
  char path[4096];
  snprintf(path, sizeof(path), "%s/intel-rapl:0/energy_uj", root);
  PkgFd = open(path, O_RDONLY | O_CLOEXEC);
  snprintf(path, sizeof(path), "%s/intel-rapl:0/intel-rapl:0:0/energy_uj",
           root);
  CoreFd = open(path, O_RDONLY | O_CLOEXEC);
  snprintf(path, sizeof(path), "%s/intel-rapl:0/max_energy_range_uj", root);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd >= 0 && read_counter(fd, &MaxRange) != VALUE)
    MaxRange = 0;
  if (fd >= 0)
    close(fd);
  if (PkgFd < 0 || CoreFd < 0 || MaxRange == 0) {
    fprintf(stderr, "simprog: no counters under %s\n", root);
    exit(1);
  }
}

static void cmd_read(const char *name) {
  if (PkgFd < 0) {
    printf("read %s none\n", name);
    return;
  }
  for (int tries = 0; tries < 1000; ++tries) {
    uint64_t s1 = frugal_sim_update_seq();
    unsigned long long pkg = 0, core = 0;
    int kp = read_counter(PkgFd, &pkg), kc = read_counter(CoreFd, &core);
    uint64_t s2 = frugal_sim_update_seq();
    if (s1 != s2 || (s1 & 1))
      continue; /* an update in between: the pair may be mixed */
    printf("read %s pkg=%llu core=%llu seq=%llu kinds=%d,%d t=%llu\n", name,
           pkg, core, (unsigned long long)s1, kp, kc,
           (unsigned long long)now_ns());
    return;
  }
  printf("read %s unstable\n", name);
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Polls the package counter the way a reader synchronised with the
   hardware would (Hähnel et al.): spin until the content changes, note the
   time, sleep for most of a period (nap_us), spin again. A reader that uses
   little CPU is rarely preempted, so on a busy machine it still sees every
   update. An interval between two changes counts only if the reader was
   already spinning when the second one came (its first read after the nap
   showed the old content) and ran all through (no gap over 50 us between
   reads): a late reader sees changes late, not the simulator's period.
   With FILE, every reading that differs from the one before goes there as
   "SEQ_BEFORE SEQ_AFTER KIND VALUE" (KIND as in read_counter), so that a
   checker can match each one with the update it came from. */
static void cmd_poll(double ms, double nap_us, const char *file) {
  static uint64_t intervals[1 << 16];
  unsigned long long reads = 0, changes = 0, decreases = 0, wraps = 0;
  unsigned long long kinds[6] = {0};
  size_t n = 0;
  unsigned long long prev = 0, raw = ~0ull;
  int have_prev = 0, raw_kind = -1;
  uint64_t last_change = 0;
  uint64_t end = now_ns() + (uint64_t)(ms * 1e6);
  FILE *out = file ? fopen(file, "w") : 0;
  if (PkgFd < 0) {
    printf("poll none\n");
    return;
  }
  /* Where allowed, a real-time priority below the simulator's: woken on
     time even when the tests around keep both CPUs busy. The reader sleeps
     most of each period, so it never hogs a CPU (a real-time task that
     does gets preempted by the kernel's fair server, simulator and all). */
  struct sched_param sp = {1}, old_sp = {0};
  int old_policy = sched_getscheduler(0);
  sched_getparam(0, &old_sp);
  int rt = sched_setscheduler(0, SCHED_FIFO, &sp) == 0;
  while (now_ns() < end) {
    /* Spin until the content changes, for at most three naps (3 ms at
       least): a reader that never slept would hold a CPU at real-time
       priority. */
    int first = 1, clean = 1;
    uint64_t t = now_ns(), last_read = t;
    uint64_t give_up = t + (uint64_t)(nap_us > 1000 ? nap_us * 3e3 : 3e6);
    for (;; first = 0) {
      unsigned long long v = 0;
      uint64_t s1 = frugal_sim_update_seq();
      int kind = read_counter(PkgFd, &v);
      uint64_t s2 = frugal_sim_update_seq();
      t = now_ns();
      ++reads;
      ++kinds[kind];
      if (t - last_read > 50000)
        clean = 0;
      last_read = t;
      if (kind == raw_kind && v == raw) {
        if (t >= end || t >= give_up) {
          last_change = 0; /* an interval needs both ends seen */
          break;
        }
        continue;
      }
      if (out)
        fprintf(out, "%llu %llu %d %llu\n", (unsigned long long)s1,
                (unsigned long long)s2, kind, v);
      raw_kind = kind;
      raw = v;
      if (kind == NO_NEWLINE || kind == TRAILING)
        continue; /* caught mid-write: the update is still in progress */
      if (kind == VALUE) {
        if (have_prev && v != prev) {
          ++changes;
          if (v < prev) {
            /* A wrap drops by nearly the whole range; a glitch by little. */
            if (prev - v > MaxRange / 2)
              ++wraps;
            else
              ++decreases;
          }
        }
        prev = v;
        have_prev = 1;
      }
      if (!first && clean && last_change &&
          n < sizeof(intervals) / sizeof(intervals[0]))
        intervals[n++] = t - last_change;
      last_change = first ? 0 : t; /* seen late: no start of an interval */
      break;
    }
    if (t >= end)
      break;
    nap_ms(nap_us / 1e3);
  }
  if (rt)
    sched_setscheduler(0, old_policy, &old_sp);
  if (out)
    fclose(out);
  double median = 0, p10 = 0, p90 = 0;
  if (n) {
    qsort(intervals, n, sizeof(intervals[0]), cmp_u64);
    median = intervals[n / 2] / 1e3;
    p10 = intervals[n / 10] / 1e3;
    p90 = intervals[n * 9 / 10] / 1e3;
  }
  printf("poll reads=%llu changes=%llu intervals=%zu median_us=%.1f "
         "p10_us=%.1f p90_us=%.1f decreases=%llu wraps=%llu empty=%llu "
         "garbage=%llu no_newline=%llu trailing=%llu failed=%llu\n",
         reads, changes, n, median, p10, p90, decreases, wraps, kinds[EMPTY],
         kinds[GARBAGE], kinds[NO_NEWLINE], kinds[TRAILING], kinds[FAILED]);
}

/* Alternates two phases every PERIOD_US for MS ms, spinning, then goes
   "idle" at 0 W, and prints the energy it expects from its own clock:
   "alternate expected_j=X tolerance_j=Y events=N". Each phase call is
   bracketed by two clock reads: the simulator's timestamp lies between
   them, so each power change is placed at their midpoint and the tolerance
   adds |change in watts| x half their distance. */
static void cmd_alternate(const char *l1, double w1, const char *l2, double w2,
                          double period_us, double ms) {
  uint64_t start = now_ns(), end = start + (uint64_t)(ms * 1e6);
  uint64_t step = (uint64_t)(period_us * 1e3);
  double joules = 0, tolerance = 0, w = 0, t = 0; /* t: ns since start */
  unsigned long events = 0;
  for (int which = 0;; which ^= 1) {
    int last = now_ns() >= end;
    double next_w = last ? 0 : which ? w2 : w1;
    uint64_t before = now_ns();
    frugal_sim_phase(last ? "idle" : which ? l2 : l1, next_w);
    uint64_t after = now_ns();
    double mid = (double)(before - start) + (double)(after - before) / 2;
    joules += w * (mid - t) * 1e-9;
    tolerance += fabs(next_w - w) * (double)(after - before) / 2 * 1e-9;
    t = mid;
    w = next_w;
    ++events;
    if (last)
      break;
    uint64_t until = after + step < end ? after + step : end;
    while (now_ns() < until) {
    }
  }
  printf("alternate expected_j=%.9f tolerance_j=%.9f events=%lu\n", joules,
         tolerance, events);
}

struct thread_arg {
  const char *label;
  double watts, ms;
  int end;
};

static void *thread_main(void *p) {
  struct thread_arg *a = (struct thread_arg *)p;
  frugal_sim_phase(a->label, a->watts);
  nap_ms(a->ms);
  if (a->end)
    frugal_sim_thread_end();
  return 0;
}

static void cmd_threads(int n, const char *label, double watts, double ms,
                        int end) {
  pthread_t t[64];
  struct thread_arg a = {label, watts, ms, end};
  for (int i = 0; i < n && i < 64; ++i)
    pthread_create(&t[i], 0, thread_main, &a);
  for (int i = 0; i < n && i < 64; ++i)
    pthread_join(t[i], 0);
}

static void cmd_fork(const char *label, double watts, double ms) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    /* This thread's slot belongs to the parent: the child gets its own. */
    frugal_sim_phase(label, watts);
    nap_ms(ms);
    frugal_sim_thread_end();
    _exit(0);
  }
  waitpid(pid, 0, 0);
}

int main(int argc, char **argv) {
  setvbuf(stdout, 0, _IOLBF, 0);
  open_counters();
  for (int i = 1; i < argc; ++i) {
    const char *c = argv[i];
#define NEED(k)                                                                \
  if (i + (k) >= argc) {                                                       \
    fprintf(stderr, "simprog: %s needs %d arguments\n", c, k);                 \
    return 2;                                                                  \
  }
    if (!strcmp(c, "read")) {
      NEED(1);
      cmd_read(argv[++i]);
    } else if (!strcmp(c, "phase") || !strcmp(c, "nap")) {
      NEED(3);
      frugal_sim_phase(argv[i + 1], atof(argv[i + 2]));
      if (c[0] == 'p')
        spin_ms(atof(argv[i + 3]));
      else
        nap_ms(atof(argv[i + 3]));
      i += 3;
    } else if (!strcmp(c, "end")) {
      frugal_sim_thread_end();
    } else if (!strcmp(c, "sync")) {
      frugal_sim_sync();
    } else if (!strcmp(c, "poll")) {
      NEED(2);
      cmd_poll(atof(argv[i + 1]), atof(argv[i + 2]), 0);
      i += 2;
    } else if (!strcmp(c, "pollfile")) {
      NEED(3);
      cmd_poll(atof(argv[i + 1]), atof(argv[i + 2]), argv[i + 3]);
      i += 3;
    } else if (!strcmp(c, "threads")) {
      NEED(5);
      cmd_threads(atoi(argv[i + 1]), argv[i + 2], atof(argv[i + 3]),
                  atof(argv[i + 4]), !strcmp(argv[i + 5], "end"));
      i += 5;
    } else if (!strcmp(c, "alternate")) {
      NEED(6);
      cmd_alternate(argv[i + 1], atof(argv[i + 2]), argv[i + 3],
                    atof(argv[i + 4]), atof(argv[i + 5]), atof(argv[i + 6]));
      i += 6;
    } else if (!strcmp(c, "fork")) {
      NEED(3);
      cmd_fork(argv[i + 1], atof(argv[i + 2]), atof(argv[i + 3]));
      i += 3;
    } else if (!strcmp(c, "touch")) {
      NEED(1);
      close(open(argv[++i], O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
    } else if (!strcmp(c, "waitfile")) {
      NEED(1);
      uint64_t deadline = now_ns() + 2000000000ull;
      while (access(argv[i + 1], F_OK) != 0 && now_ns() < deadline)
        nap_ms(0.2);
      ++i;
    } else {
      fprintf(stderr, "simprog: unknown command '%s'\n", c);
      return 2;
    }
  }
  return 0;
}
