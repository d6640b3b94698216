//===- Source.cpp - Domain names, the base source, EnergyCounter ----------===//
//
// Also the small text and file helpers the sources share: sysfs files are
// read with plain system calls into fixed buffers, and numbers parsed by
// hand, because strtod follows the host program's locale (a decimal comma
// would misread "2.3283064365386962890625e-10").
//
//===----------------------------------------------------------------------===//
#include "energy/Source.h"

#include "Clock.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

namespace frugal::rt::energy {

const char *domainName(Domain D) {
  switch (D) {
  case Domain::Package:
    return "package";
  case Domain::Core:
    return "core";
  case Domain::Uncore:
    return "uncore";
  case Domain::Dram:
    return "dram";
  case Domain::Psys:
    return "psys";
  case Domain::Gpu:
    return "gpu";
  }
  return "unknown";
}

const char *sourceName(SourceKind K) {
  switch (K) {
  case SourceKind::None:
    return "none";
  case SourceKind::Perf:
    return "perf";
  case SourceKind::Powercap:
    return "powercap";
  case SourceKind::Msr:
    return "msr";
  case SourceKind::Model:
    return "model";
  case SourceKind::Nvml:
    return "nvml";
  }
  return "unknown";
}

ReadStatus Source::read(uint64_t *Raw, bool *Valid) {
  for (unsigned I = 0; I < NumChannels; ++I) {
    Raw[I] = 0;
    Valid[I] = false;
  }
  return ReadStatus::Failed;
}

void Source::close() {}

//===----------------------------------------------------------------------===//
// EnergyCounter
//===----------------------------------------------------------------------===//

void EnergyCounter::reset(const Channel &C, uint64_t FirstRaw, uint64_t NowNs) {
  JoulesPerCount = C.JoulesPerCount;
  Modulus = C.Modulus;
  LimitWatts = C.MaxWatts > 0 ? C.MaxWatts : MaxPlausibleWatts;
  // A first value outside the modulus cannot be a counter value; starting
  // from its residue keeps the later arithmetic in range.
  LastRaw = Modulus ? FirstRaw % Modulus : FirstRaw;
  LastNs = NowNs;
  Joules = 0;
  Wraps = Glitches = Resyncs = 0;
  RunLength = 0;
}

bool EnergyCounter::countsBetween(uint64_t From, uint64_t To, uint64_t &Delta,
                                  bool &Wrapped) const {
  Wrapped = false;
  if (Modulus && To >= Modulus)
    return false;
  if (To >= From) {
    Delta = To - From;
    return true;
  }
  if (!Modulus)
    return false;
  Delta = Modulus - From + To;
  Wrapped = true;
  return true;
}

bool EnergyCounter::plausible(uint64_t Delta, uint64_t FromNs,
                              uint64_t ToNs) const {
  double Seconds = ToNs > FromNs ? double(ToNs - FromNs) * 1e-9 : 0.0;
  return double(Delta) * JoulesPerCount <= LimitWatts * Seconds + SlackJoules;
}

bool EnergyCounter::update(uint64_t Raw, uint64_t NowNs) {
  uint64_t Delta;
  bool Wrapped;
  if (!countsBetween(LastRaw, Raw, Delta, Wrapped) ||
      !plausible(Delta, LastNs, NowNs))
    return reject(Raw, NowNs);
  Joules += double(Delta) * JoulesPerCount;
  Wraps += Wrapped;
  LastRaw = Raw;
  if (NowNs > LastNs)
    LastNs = NowNs;
  RunLength = 0;
  return true;
}

bool EnergyCounter::reject(uint64_t Raw, uint64_t NowNs) {
  ++Glitches;
  // Keep the last accepted value: a torn or backwards sample is usually
  // followed by good ones, which are then measured from it.
  uint64_t Delta;
  bool Wrapped;
  if (RunLength && countsBetween(RunRaw, Raw, Delta, Wrapped) &&
      plausible(Delta, RunNs, NowNs)) {
    ++RunLength;
  } else {
    RunLength = 1;
    RunStartNs = NowNs;
  }
  RunRaw = Raw;
  RunNs = NowNs;
  // The rejected samples agree with each other and have for long: the
  // counter itself jumped (reset, reload). Continue from there rather than
  // rejecting everything that follows.
  if (RunLength >= ResyncSamples && NowNs >= RunStartNs + ResyncNs &&
      (!Modulus || Raw < Modulus)) {
    LastRaw = Raw;
    LastNs = NowNs;
    ++Resyncs;
    RunLength = 0;
  }
  return false;
}

//===----------------------------------------------------------------------===//
// Helpers for the sources
//===----------------------------------------------------------------------===//

bool counterAdvances(Source &Src, unsigned Ms, Reason &Why) {
  unsigned N = Src.numChannels();
  if (N == 0) {
    Why.append("no channels");
    return false;
  }
  ScratchArray<uint64_t> First(N), Now(N);
  ScratchArray<bool> FirstValid(N), NowValid(N);
  for (unsigned I = 0; I < N; ++I) {
    First.push();
    Now.push();
    FirstValid.push();
    NowValid.push();
  }
  if (!First.ok() || !Now.ok() || !FirstValid.ok() || !NowValid.ok())
    return true; // cannot check: do not reject a source for that
  Src.read(&First[0], &FirstValid[0]);
  for (unsigned Waited = 0; Waited < Ms; ++Waited) {
    timespec OneMs{0, 1000000};
    nanosleep(&OneMs, nullptr);
    Src.read(&Now[0], &NowValid[0]);
    for (unsigned I = 0; I < N; ++I) {
      if (!FirstValid[I]) {
        // A channel that failed the first read counts from its first
        // good one.
        First[I] = Now[I];
        FirstValid[I] = NowValid[I];
      } else if (NowValid[I] && Now[I] != First[I]) {
        return true;
      }
    }
  }
  Why.append("no energy counter advanced in ").append(Ms);
  Why.append(" ms (a virtual machine that exposes RAPL counters reading 0, "
             "or frozen counters): measured energy needs bare metal");
  return false;
}

PathBuilder &PathBuilder::append(const char *S) {
  size_t N = strlen(S);
  if (Overflow || N >= Capacity - Len) {
    Overflow = true;
    return *this;
  }
  memcpy(Buf + Len, S, N + 1);
  Len += N;
  return *this;
}

PathBuilder &PathBuilder::append(uint64_t V) {
  char Tmp[24];
  auto R = std::to_chars(Tmp, Tmp + sizeof(Tmp) - 1, V);
  *R.ptr = '\0';
  return append(Tmp);
}

int moveFdHigh(int Fd) {
  if (Fd < 0 || Fd >= HighFdBase)
    return Fd;
  int High = fcntl(Fd, F_DUPFD_CLOEXEC, HighFdBase);
  if (High < 0)
    return Fd; // keep the low one: still correct, only less sheltered
  ::close(Fd);
  return High;
}

int openReadOnly(const char *Path) {
  int Fd;
  do
    Fd = open(Path, O_RDONLY | O_CLOEXEC);
  while (Fd < 0 && errno == EINTR);
  return moveFdHigh(Fd);
}

bool readText(const char *Path, char *Buf, size_t Cap) {
  if (Cap == 0) {
    errno = EINVAL;
    return false;
  }
  Buf[0] = '\0';
  int Fd = openReadOnly(Path);
  if (Fd < 0)
    return false;
  size_t Len = 0;
  while (Len < Cap - 1) {
    ssize_t R = ::read(Fd, Buf + Len, Cap - 1 - Len);
    if (R < 0 && errno == EINTR)
      continue;
    if (R < 0) {
      int Saved = errno;
      ::close(Fd);
      errno = Saved;
      Buf[0] = '\0';
      return false;
    }
    if (R == 0)
      break;
    Len += size_t(R);
  }
  ::close(Fd);
  while (Len && (Buf[Len - 1] == '\n' || Buf[Len - 1] == ' ' ||
                 Buf[Len - 1] == '\t' || Buf[Len - 1] == '\r'))
    --Len;
  Buf[Len] = '\0';
  return true;
}

bool preadExact(int Fd, void *Buf, size_t Len, uint64_t Offset) {
  ssize_t R;
  do
    R = pread(Fd, Buf, Len, off_t(Offset));
  while (R < 0 && errno == EINTR);
  if (R >= 0 && R != ssize_t(Len))
    errno = EIO; // short read: the offset is past the end
  return R == ssize_t(Len);
}

bool parseU64(const char *Text, uint64_t &Out) {
  size_t N = strlen(Text);
  uint64_t V = 0;
  auto R = std::from_chars(Text, Text + N, V, 10);
  if (N == 0 || R.ec != std::errc() || R.ptr != Text + N)
    return false;
  Out = V;
  return true;
}

namespace {

bool isDigit(char C) { return C >= '0' && C <= '9'; }

// 10^E for 0 <= E: exact up to 10^22, then rounded per step (enough for
// sysfs scales and environment values).
double powerOfTen(unsigned E) {
  double R = 1.0;
  double Base = 10.0;
  while (E) {
    if (E & 1)
      R *= Base;
    Base *= Base;
    E >>= 1;
  }
  return R;
}

} // namespace

bool parseNumber(const char *Text, bool AllowExponent, double &Out) {
  const char *P = Text;
  uint64_t Mantissa = 0;
  int Exponent = 0; // value = Mantissa * 10^Exponent
  unsigned Digits = 0;
  // Digits beyond the 19 a uint64 holds only move the exponent.
  auto Take = [&](char C, bool Fraction) {
    if (Mantissa < 1000000000000000000ull) {
      Mantissa = Mantissa * 10 + unsigned(C - '0');
      Exponent -= Fraction;
    } else {
      Exponent += !Fraction;
    }
    ++Digits;
  };
  while (isDigit(*P))
    Take(*P++, false);
  if (*P == '.') {
    ++P;
    while (isDigit(*P))
      Take(*P++, true);
  }
  if (Digits == 0)
    return false;
  if (AllowExponent && (*P == 'e' || *P == 'E')) {
    ++P;
    bool Negative = false;
    if (*P == '+' || *P == '-')
      Negative = *P++ == '-';
    if (!isDigit(*P))
      return false;
    int E = 0;
    while (isDigit(*P)) {
      if (E < 10000)
        E = E * 10 + (*P - '0');
      ++P;
    }
    Exponent += Negative ? -E : E;
  }
  if (*P != '\0')
    return false;
  double V = double(Mantissa);
  if (Mantissa == 0)
    V = 0;
  else if (Exponent < -330 || Exponent > 330)
    return false; // beyond double's range: not a value anyone meant
  else if (Exponent < 0)
    V /= powerOfTen(unsigned(-Exponent));
  else
    V *= powerOfTen(unsigned(Exponent));
  Out = V;
  return true;
}

bool parseCounterText(const char *Text, size_t Len, uint64_t &Out) {
  size_t I = 0;
  uint64_t V = 0;
  while (I < Len && isDigit(Text[I])) {
    uint64_t D = uint64_t(Text[I] - '0');
    if (V > (UINT64_MAX - D) / 10)
      return false;
    V = V * 10 + D;
    ++I;
  }
  if (I == 0)
    return false;
  for (; I < Len && Text[I]; ++I)
    if (Text[I] != '\n' && Text[I] != ' ')
      return false;
  Out = V;
  return true;
}

bool parseCpuList(const char *Text, uint32_t *Out, unsigned Cap,
                  unsigned &Count) {
  // CPU numbers are bounded by the kernel's NR_CPUS (8192 on most
  // distributions); the bound keeps a corrupt file from looping for long.
  constexpr uint64_t MaxCpu = 1u << 20;
  Count = 0;
  const char *P = Text;
  if (*P == '\0')
    return true; // an empty list: no CPUs
  while (true) {
    uint64_t First = 0, Last = 0;
    const char *Start = P;
    // Checked per digit: a longer number would wrap uint64 into range.
    while (isDigit(*P) && First <= MaxCpu)
      First = First * 10 + uint64_t(*P++ - '0');
    if (P == Start || First > MaxCpu)
      return false;
    Last = First;
    if (*P == '-') {
      Start = ++P;
      Last = 0;
      while (isDigit(*P) && Last <= MaxCpu)
        Last = Last * 10 + uint64_t(*P++ - '0');
      if (P == Start || Last > MaxCpu || Last < First)
        return false;
    }
    for (uint64_t C = First; C <= Last; ++C) {
      if (Count < Cap)
        Out[Count] = uint32_t(C);
      ++Count;
    }
    if (*P == '\0' || *P == '\n')
      return true;
    if (*P++ != ',')
      return false;
  }
}

const char *errnoText(int Errno) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
  if (const char *D = strerrordesc_np(Errno))
    return D;
#endif
  return Errno ? "system error" : "unknown error";
}

void appendNumber(MessageBuilder &B, double V, unsigned Decimals) {
  if (V < 0) {
    B.append('-');
    V = -V;
  }
  if (Decimals > 9)
    Decimals = 9;
  uint64_t Scale = 1;
  for (unsigned I = 0; I < Decimals; ++I)
    Scale *= 10;
  if (V > 1e15) { // no fraction worth printing; avoids overflow below
    B.append(uint64_t(V));
    return;
  }
  uint64_t Scaled = uint64_t(V * double(Scale) + 0.5);
  B.append(Scaled / Scale);
  uint64_t Fraction = Scaled % Scale;
  if (!Fraction)
    return;
  char Digits[10];
  unsigned N = Decimals;
  for (unsigned I = N; I-- > 0;) {
    Digits[I] = char('0' + Fraction % 10);
    Fraction /= 10;
  }
  while (N && Digits[N - 1] == '0')
    --N;
  B.append('.').append(std::string_view(Digits, N));
}

void copyText(char *Out, size_t Cap, std::string_view S) {
  if (Cap == 0)
    return;
  size_t N = S.size() < Cap - 1 ? S.size() : Cap - 1;
  memcpy(Out, S.data(), N);
  Out[N] = '\0';
}

void setLabel(Channel &C, const char *A, const char *B) {
  MessageBuilder M;
  M.append(A);
  if (B)
    M.append(' ').append(B);
  copyText(C.Label, sizeof(C.Label), M.view());
}

ReadStatus summarize(const bool *Valid, unsigned N) {
  unsigned Good = 0;
  for (unsigned I = 0; I < N; ++I)
    Good += Valid[I];
  if (Good == N && N)
    return ReadStatus::Ok;
  return Good ? ReadStatus::Partial : ReadStatus::Failed;
}

void appendDomainSummary(MessageBuilder &B, const Channel *Channels,
                         unsigned N) {
  bool Seen[NumDomains] = {};
  bool First = true;
  for (unsigned I = 0; I < N; ++I) {
    unsigned D = unsigned(Channels[I].Dom);
    if (D >= NumDomains || Seen[D])
      continue;
    Seen[D] = true;
    if (!First)
      B.append(", ");
    B.append(domainName(Channels[I].Dom));
    First = false;
  }
  // Units are small integers (sockets, GPUs): count the distinct ones.
  unsigned Units = 0;
  for (unsigned I = 0; I < N; ++I) {
    bool Earlier = false;
    for (unsigned J = 0; J < I && !Earlier; ++J)
      Earlier = Channels[J].Unit == Channels[I].Unit;
    Units += !Earlier;
  }
  B.append(" on ").append(Units).append(Units == 1 ? " unit" : " units");
}

} // namespace frugal::rt::energy
