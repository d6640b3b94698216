//===- Source.h - Energy counters: domains, channels, sources -------------===//
//
// A source reads a set of raw hardware counters (channels). Each channel
// belongs to a domain (package, core, ...) on one unit (socket or GPU) and
// has its own scale and wrap modulus. Sources only read; turning raw values
// into monotonic joules (wraps, glitches) is EnergyCounter's job, and the
// sampler (TickSampler) decides when to read.
//
// Runtime rules apply: no exceptions, no new/delete, no C++ library calls,
// no pure virtuals or virtual destructors (they would pull in libstdc++).
// Memory comes from mapPages/permanentAllocate.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ENERGY_SOURCE_H
#define FRUGAL_RUNTIME_ENERGY_SOURCE_H

#include "Log.h"
#include "Memory.h"

#include <new>
#include <stddef.h>
#include <stdint.h>
#include <string_view>

namespace frugal::rt::energy {

enum class Domain : uint8_t { Package, Core, Uncore, Dram, Psys, Gpu };
inline constexpr unsigned NumDomains = 6;
// "package", "core", "uncore", "dram", "psys", "gpu"
const char *domainName(Domain D);

enum class SourceKind : uint8_t { None, Perf, Powercap, Msr, Model, Nvml };
// "none", "perf", "powercap", "msr", "model", "nvml"
const char *sourceName(SourceKind K);

inline constexpr unsigned MaxChannels = 1024;
inline constexpr size_t ChannelLabelCapacity = 48;

// One raw counter.
struct Channel {
  Domain Dom = Domain::Package;
  uint16_t Unit = 0;         // socket (package id) or GPU index
  double JoulesPerCount = 0; // scale of the raw value
  uint64_t Modulus = 0;      // raw value wraps modulo this; 0: never wraps
  double MaxWatts = 0;       // above this a sample is a glitch; 0: the default
  char Label[ChannelLabelCapacity] = {}; // "intel-rapl:0 package-0", "GPU 0"
};

// Outcome of one read of all channels.
enum class ReadStatus : uint8_t {
  Ok,      // every channel read
  Partial, // some channels failed (Valid says which)
  Failed,  // nothing could be read
};

class Source {
public:
  SourceKind kind() const { return Kind; }
  // False for the model: its figures are estimates, never measurements.
  bool measured() const { return Measured; }
  unsigned numChannels() const { return NumChannels; }
  const Channel &channel(unsigned I) const { return Channels[I]; }
  // One line for the profile's note (e.g. "10 W per busy core (default)").
  const char *note() const { return Note; }

  // Reads every channel into Raw[i] and sets Valid[i]; both have
  // numChannels() entries. Called by the sampler thread only. No allocation;
  // system calls (pread, read) are fine.
  virtual ReadStatus read(uint64_t *Raw, bool *Valid);
  // Releases descriptors and handles. Idempotent.
  virtual void close();

protected:
  SourceKind Kind = SourceKind::None;
  bool Measured = false;
  unsigned NumChannels = 0;
  Channel *Channels = nullptr; // NumChannels entries, owned by the source
  char Note[160] = {};
};

// Turns one channel's raw readings into monotonic joules: wraps are
// unwrapped with the channel's modulus; a value that would mean an
// implausible power (a non-monotonic or torn sample) is rejected, counted,
// and the previous value kept.
class EnergyCounter {
public:
  // Above this, a delta is a glitch rather than energy (per channel).
  static constexpr double MaxPlausibleWatts = 5000.0;

  void reset(const Channel &C, uint64_t FirstRaw, uint64_t NowNs);
  // Accepts Raw read at NowNs; returns false (and counts) when rejected.
  bool update(uint64_t Raw, uint64_t NowNs);
  double joules() const { return Joules; } // since reset
  uint64_t wraps() const { return Wraps; }
  uint64_t glitches() const { return Glitches; }
  // Times the counter was re-based after a persistent jump (a counter reset
  // such as a GPU driver reload); the energy of the rejected span is lost.
  uint64_t resyncs() const { return Resyncs; }

  // Allowance on top of MaxPlausibleWatts x elapsed, so that one update
  // quantum read over a very short interval is not taken for a glitch.
  static constexpr double SlackJoules = 1.0;
  // A run of rejected samples that agree with each other (each plausible
  // from the previous one) becomes the new baseline once it has lasted this
  // long over at least ResyncSamples samples: a genuine forward burst (a
  // counter updated in steps) is accepted well before that, since a
  // rejection keeps the last accepted value and time keeps growing.
  static constexpr uint64_t ResyncNs = 1000000000;
  static constexpr unsigned ResyncSamples = 3;
  // The bound in force (the channel's MaxWatts, else MaxPlausibleWatts).
  double maxWatts() const { return LimitWatts; }

private:
  double LimitWatts = MaxPlausibleWatts;
  // Counts from From to To, across a wrap when there is a modulus; false
  // for a backwards step of a counter that never wraps, or a value outside
  // the modulus.
  bool countsBetween(uint64_t From, uint64_t To, uint64_t &Delta,
                     bool &Wrapped) const;
  bool plausible(uint64_t Delta, uint64_t FromNs, uint64_t ToNs) const;
  bool reject(uint64_t Raw, uint64_t NowNs);

  double JoulesPerCount = 0;
  uint64_t Modulus = 0;
  uint64_t LastRaw = 0;
  uint64_t LastNs = 0;
  double Joules = 0;
  uint64_t Wraps = 0;
  uint64_t Glitches = 0;
  uint64_t Resyncs = 0;
  // The current run of mutually consistent rejected samples.
  uint64_t RunRaw = 0;
  uint64_t RunNs = 0;
  uint64_t RunStartNs = 0;
  unsigned RunLength = 0;
};

enum class EnergyChoice : uint8_t { Auto, Perf, Powercap, Msr, Model, None };

struct EnergyConfig {
  EnergyChoice Choice = EnergyChoice::Auto; // FRUGAL_ENERGY
  bool Gpu = true;                          // FRUGAL_GPU
  double CpuWatts = 0;   // FRUGAL_CPU_WATTS; 0: the documented default
  double IdleWatts = -1; // FRUGAL_IDLE_WATTS; < 0: estimate or 0
  // Paths (copies; the environment may change after initialisation).
  char PowercapRoot[512] = "/sys/class/powercap";       // FRUGAL_POWERCAP_ROOT
  char MsrPath[512] = "/dev/cpu/%d/msr";                // FRUGAL_MSR_PATH
  char PerfRoot[512] = "/sys/bus/event_source/devices"; // FRUGAL_PERF_ROOT
  char CpuRoot[512] = "/sys/devices/system/cpu";        // FRUGAL_CPU_ROOT
  char NvmlLibrary[512] = "libnvidia-ml.so.1";          // FRUGAL_NVML_LIBRARY
  // A measured CPU source is kept only if one of its counters moves within
  // this many milliseconds (virtual machines expose RAPL events that read
  // 0 forever). Not an environment variable; 0 disables it (unit tests).
  unsigned LivenessProbeMs = 20;
  // FRUGAL_EVENTS counts some event (counters::needsSampler): the sampler
  // runs even with FRUGAL_ENERGY=none, and ticks at least every millisecond.
  bool CountersNeedTicks = false;
  // FRUGAL_TIMING=sampled: the sampler runs whatever the energy settings and
  // ticks at least this often, charging each thread's time between ticks to
  // the stack it sees (energy/StackSampling.h). 0: exact timing.
  uint64_t TimingTickNs = 0;

  // Whether the sampler must tick even without an energy source.
  bool needsTicks() const { return CountersNeedTicks || TimingTickNs != 0; }
};

// What selectSources found: the CPU source (perf, powercap, msr, model or
// none) and, alongside, the GPU source (nvml) when there is one.
struct SourceSet {
  Source *Cpu = nullptr; // nullptr only for FRUGAL_ENERGY=none
  Source *Gpu = nullptr; // nullptr when no NVML / FRUGAL_GPU=0
};

// Tries the CPU sources in order perf, powercap, msr, model (or only the one
// forced by Cfg.Choice; a forced source that cannot be used falls back to
// the model with a warning). Each source that cannot be used gives one line
// with the reason and the fix: as a warning when it was forced, through
// verbose() otherwise. Never fails the host program.
SourceSet selectSources(const EnergyConfig &Cfg);

//===----------------------------------------------------------------------===//
// Helpers shared by the source implementations (Source.cpp); the sampler
// needs none of them.
//===----------------------------------------------------------------------===//

// Reason a source cannot be used, with its fix; selectSources prints it.
using Reason = MessageBuilder;

// Whether one of Src's valid counters moves within Ms milliseconds (polled
// every millisecond). Reason says why not.
bool counterAdvances(Source &Src, unsigned Ms, Reason &Why);

// Fixed-capacity NUL-terminated path or text; a part that does not fit
// sets overflow() and is dropped.
class PathBuilder {
public:
  static constexpr size_t Capacity = 1024;
  PathBuilder() = default;
  explicit PathBuilder(const char *S) { append(S); }
  PathBuilder &append(const char *S);
  PathBuilder &append(uint64_t V);
  const char *c_str() const { return Buf; }
  bool overflow() const { return Overflow; }

private:
  char Buf[Capacity] = {};
  size_t Len = 0;
  bool Overflow = false;
};

// Reads a small text file (sysfs, procfs) into Buf, NUL-terminated, without
// trailing white space. False with errno set on failure.
bool readText(const char *Path, char *Buf, size_t Cap);
// open(O_RDONLY | O_CLOEXEC), retried on EINTR; -1 with errno on failure.
int openReadOnly(const char *Path);
// Descriptors the sampler keeps live above this number: a host program
// that closes or dup2()s its low descriptors (daemons, shells) then does
// not hand the sampler its own pipes and files, whose data a read() (perf
// counters cannot be pread) would consume.
inline constexpr int HighFdBase = 512;
// Fd, moved to HighFdBase or above when possible (close-on-exec).
int moveFdHigh(int Fd);
// One pread of exactly Len bytes at Offset (EINTR retried).
bool preadExact(int Fd, void *Buf, size_t Len, uint64_t Offset);

// Whole-string parsers (no sign, no white space, no trailing junk).
// Decimal unsigned integer.
bool parseU64(const char *Text, uint64_t &Out);
// Decimal number with an optional fraction ("2.5", "10", ".5", "3.") and,
// when AllowExponent, an exponent ("2.3283064365386962890625e-10").
// Locale-independent, unlike strtod.
bool parseNumber(const char *Text, bool AllowExponent, double &Out);
// Leading decimal digits of Text[0, Len) up to white space or NUL; false
// when there are none or other characters follow (a torn read).
bool parseCounterText(const char *Text, size_t Len, uint64_t &Out);
// A kernel CPU list ("0", "0,18", "0-3,8-11"): appends the CPUs in order
// to Out (at most Cap; the rest are counted in Count but not stored).
bool parseCpuList(const char *Text, uint32_t *Out, unsigned Cap,
                  unsigned &Count);

// Untranslated errno text (strerror may translate and allocate).
const char *errnoText(int Errno);
// Appends V rounded to Decimals places, trailing zeros dropped.
void appendNumber(MessageBuilder &B, double V, unsigned Decimals = 3);
// Label = A, or "A B" when B is given; truncated to fit.
void setLabel(Channel &C, const char *A, const char *B = nullptr);
void copyText(char *Out, size_t Cap, std::string_view S);
// Ok when every channel was read, Failed when none was, else Partial.
ReadStatus summarize(const bool *Valid, unsigned N);
// Appends "package, core, dram on 2 units" for a source's note.
void appendDomainSummary(MessageBuilder &B, const Channel *Channels,
                         unsigned N);

// Fixed-capacity array in mapped pages, released on scope exit: sources
// gather their channels here while probing, and copy them into permanent
// memory (PermanentArray) only once they are known to be usable, so a
// source that is tried and rejected leaves nothing behind.
template <class T> class ScratchArray {
public:
  explicit ScratchArray(unsigned Cap)
      : Data(static_cast<T *>(mapPages(sizeof(T) * size_t(Cap)))),
        Cap(Data ? Cap : 0) {}
  ~ScratchArray() { unmapPages(Data, sizeof(T) * size_t(Cap)); }
  ScratchArray(const ScratchArray &) = delete;
  ScratchArray &operator=(const ScratchArray &) = delete;

  bool ok() const { return Data != nullptr; }
  // A default-constructed element, or nullptr when full.
  T *push() { return Size < Cap ? new (&Data[Size++]) T() : nullptr; }
  // Default-constructs elements up to N; false when N exceeds the capacity.
  bool resize(unsigned N) {
    if (N > Cap)
      return false;
    while (Size < N)
      push();
    return true;
  }
  unsigned size() const { return Size; }
  unsigned capacity() const { return Cap; }
  bool full() const { return Size == Cap; }
  T *data() { return Data; }
  T &operator[](unsigned I) { return Data[I]; }
  const T &operator[](unsigned I) const { return Data[I]; }

private:
  T *Data;
  unsigned Cap;
  unsigned Size = 0;
};

// N default-constructed elements in the permanent arena (never freed).
template <class T> T *permanentArray(unsigned N) {
  void *P = permanentAllocate(sizeof(T) * size_t(N ? N : 1), alignof(T));
  if (!P)
    return nullptr;
  T *A = static_cast<T *>(P);
  for (unsigned I = 0; I < N; ++I)
    new (&A[I]) T();
  return A;
}

template <class T> T *permanentObject() {
  void *P = permanentAllocate(sizeof(T), alignof(T));
  return P ? new (P) T() : nullptr;
}

} // namespace frugal::rt::energy

#endif // FRUGAL_RUNTIME_ENERGY_SOURCE_H
