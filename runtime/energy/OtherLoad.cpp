//===- OtherLoad.cpp - CPU time of other processes ------------------------===//
#include "energy/OtherLoad.h"

#include "energy/Source.h"

#include <fcntl.h>
#include <time.h>
#include <unistd.h>

namespace frugal::rt::energy {

namespace {
uint64_t processCpuNs() {
  timespec Ts;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &Ts) != 0)
    return 0;
  return uint64_t(Ts.tv_sec) * 1000000000u + uint64_t(Ts.tv_nsec);
}
} // namespace

bool OtherLoad::open(const char *ProcStat) {
  Fd = moveFdHigh(::open(ProcStat, O_RDONLY | O_CLOEXEC));
  long Hz = sysconf(_SC_CLK_TCK);
  if (Hz > 0)
    UnitsPerSecond = Hz;
  Started = false;
  return Fd >= 0;
}

void OtherLoad::close() {
  if (Fd >= 0)
    ::close(Fd);
  Fd = -1;
}

bool OtherLoad::readBusy(uint64_t &Busy) {
  char Buf[512];
  ssize_t N = pread(Fd, Buf, sizeof(Buf) - 1, 0);
  if (N <= 4 || Buf[0] != 'c' || Buf[1] != 'p' || Buf[2] != 'u' ||
      Buf[3] != ' ')
    return false;
  Buf[N] = '\0';
  // "cpu  user nice system idle iowait irq softirq steal guest guest_nice":
  // busy = all but idle (3) and iowait (4); guest time is already in user.
  uint64_t Fields[8] = {};
  const char *P = Buf + 4;
  for (int F = 0; F < 8; ++F) {
    while (*P == ' ')
      ++P;
    if (*P < '0' || *P > '9') {
      if (F < 7)
        return false;
      break; // old kernels lack steal
    }
    uint64_t V = 0;
    while (*P >= '0' && *P <= '9')
      V = V * 10 + uint64_t(*P++ - '0');
    Fields[F] = V;
  }
  Busy = Fields[0] + Fields[1] + Fields[2] + Fields[5] + Fields[6] + Fields[7];
  return true;
}

double OtherLoad::sample() {
  if (Fd < 0)
    return 0;
  uint64_t Busy;
  if (!readBusy(Busy))
    return 0;
  uint64_t Own = processCpuNs();
  if (!Started) {
    Started = true;
    FirstBusy = LastBusy = Busy;
    FirstOwnNs = LastOwnNs = Own;
    Reported = 0;
    return 0;
  }
  if (Busy < LastBusy || Own < LastOwnNs)
    return 0; // a counter went backwards (CPU hot-unplug): skip the sample
  // Cumulative: /proc/stat counts in 10 ms units while our own time is in
  // ns, so a window's difference is off by up to a unit either way. Only
  // the running total of others' time is clipped at 0, so those errors
  // cancel instead of adding up to a phantom load.
  double AllS = double(Busy - FirstBusy) / double(UnitsPerSecond);
  double OwnS = double(Own - FirstOwnNs) * 1e-9;
  double Total = AllS - OwnS;
  if (Total < Reported)
    Total = Reported;
  double Others = Total - Reported;
  Reported = Total;
  LastBusy = Busy;
  LastOwnNs = Own;
  return Others;
}

} // namespace frugal::rt::energy
