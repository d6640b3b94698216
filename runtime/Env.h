//===- Env.h - FRUGAL_* environment variables -----------------------------===//
//
// Parsed once, at initialisation; see the table in Env.cpp and
// docs/runtime.md. A bad value gives one warning and the documented default.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ENV_H
#define FRUGAL_RUNTIME_ENV_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <string_view>
#include <strings.h>

namespace frugal::rt {

inline constexpr size_t PathCapacity = 4096;
inline constexpr const char *DefaultOutputTemplate = "frugal-%e-%p.json";
inline constexpr uint64_t DefaultMaxNodes = uint64_t(1) << 20;
inline constexpr uint64_t MaxMaxNodes = uint64_t(1) << 30;
inline constexpr uint64_t MaxFlushSeconds = 365ull * 24 * 3600;
inline constexpr uint64_t DefaultSamplePeriodUs = 1000;
inline constexpr uint64_t MinSamplePeriodUs = 100;
inline constexpr uint64_t MaxSamplePeriodUs = 10000;

enum class TimerChoice : uint8_t { Auto, Tsc, Monotonic };

struct Config {
  bool Disable = false;
  bool Verbose = false;
  bool OverheadCorrection = true;
  TimerChoice Timer = TimerChoice::Auto;
  bool SampledTiming = false;                      // FRUGAL_TIMING=sampled
  uint64_t SamplePeriodUs = DefaultSamplePeriodUs; // FRUGAL_SAMPLE_US
  uint64_t MaxNodes = DefaultMaxNodes;
  uint64_t FlushSeconds = 0; // 0: no periodic flush
  // Write the profile on SIGSEGV, SIGBUS, SIGILL, SIGFPE and abort().
  bool CrashProfile = true;
  // Copies: the environment may change after initialisation.
  char OutputTemplate[PathCapacity] = {};
  bool OutputGiven = false; // FRUGAL_OUTPUT was set (and valid)
  // Fallback directory when the target directory is not writable.
  char TmpDir[PathCapacity] = {};
};

// One accepted value of a variable with named choices (EnvReader::readNamed).
template <class T> struct NamedValue {
  const char *Name;
  T Value;
};

using EnvLookup = const char *(*)(const char *Name);
using WarnSink = void (*)(std::string_view Message);

// Fills Out from Lookup (secure_getenv by default); every bad value reports
// exactly one message to Warn (warning() by default).
void parseConfig(Config &Out, EnvLookup Lookup = nullptr,
                 WarnSink Warn = nullptr);

// Reads FRUGAL_* variables the same way for every part of the runtime
// (Env.cpp, energy/EnergyEnv.cpp): an unset variable leaves the field as is,
// a bad one leaves it with exactly one warning naming the fallback.
class EnvReader {
public:
  // nullptr: secure_getenv, and warning().
  EnvReader(EnvLookup Lookup, WarnSink Warn);

  const char *get(const char *Name) const { return Lookup(Name); }
  void warn(std::string_view Message) const { Warn(Message); }
  void complain(const char *Name, const char *Value, const char *Expected,
                const char *Fallback) const;
  void readBool(const char *Name, bool &Field) const;
  // One of Values' names, any case. Anything else: Field = Fallback, and a
  // warning that lists the names and says FallbackText.
  template <class T, size_t N>
  void readNamed(const char *Name, const NamedValue<T> (&Values)[N], T &Field,
                 T Fallback, const char *FallbackText) const {
    const char *V = get(Name);
    if (!V)
      return;
    for (const NamedValue<T> &C : Values)
      if (!strcasecmp(V, C.Name)) {
        Field = C.Value;
        return;
      }
    Field = Fallback;
    char Expected[160] = "one of ";
    for (size_t I = 0; I < N; ++I) {
      if (I)
        strncat(Expected, ", ", sizeof(Expected) - strlen(Expected) - 1);
      strncat(Expected, Values[I].Name,
              sizeof(Expected) - strlen(Expected) - 1);
    }
    complain(Name, V, Expected, FallbackText);
  }
  void readUnsigned(const char *Name, uint64_t Min, uint64_t Max,
                    const char *Expected, uint64_t &Field) const;
  // A copy of a path or library name that fits Field (and passes Check).
  template <size_t N>
  void readPath(const char *Name, char (&Field)[N], const char *Expected,
                bool (*Check)(const char *) = nullptr) const {
    const char *V = get(Name);
    if (!V)
      return;
    size_t Len = strlen(V);
    if (Len == 0 || Len >= N || (Check && !Check(V))) {
      // An oversized value is not echoed whole: the message would be all
      // path.
      complain(Name, Len >= N ? "..." : V, Expected, Field);
      return;
    }
    memcpy(Field, V, Len + 1);
  }

private:
  EnvLookup Lookup;
  WarnSink Warn;
};

// Building blocks, exposed for tests. Both reject empty strings.
// Booleans: 1/0, true/false, yes/no, on/off (case-insensitive).
bool parseBool(const char *Text, bool &Out);
// Decimal, no sign, no trailing junk, within [Min, Max].
bool parseUnsigned(const char *Text, uint64_t Min, uint64_t Max, uint64_t &Out);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_ENV_H
