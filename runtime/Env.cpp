//===- Env.cpp - FRUGAL_* environment variables ---------------------------===//
//
// Variable                    Accepted values            Default / fallback
// --------------------------  -------------------------  ------------------
// FRUGAL_DISABLE              bool                       0
// FRUGAL_VERBOSE              bool                       0
// FRUGAL_OUTPUT               path template, %p %h %e    frugal-%e-%p.json
//                             %r %% (see OutputPath.h)   (also when empty or
//                                                        longer than 4095)
// FRUGAL_MAX_NODES            integer in [1, 2^30]       1048576
// FRUGAL_OVERHEAD_CORRECTION  bool                       1
// FRUGAL_FLUSH_S              integer seconds in         0 (no periodic
//                             [0, 31536000]              flush)
// FRUGAL_CRASH_PROFILE        bool                       1 (write the
//                                                        profile when the
//                                                        program crashes)
// FRUGAL_TIMER                auto, tsc, monotonic       auto
// FRUGAL_TIMING               exact, sampled             exact
// FRUGAL_SAMPLE_US            integer microseconds in    1000 (the sampled
//                             [100, 10000]               timing's tick)
// TMPDIR (not ours, read      absolute path              /tmp (silently)
//   for the write fallback)
//
// bool = 1/0, true/false, yes/no, on/off, case-insensitive. An unset
// variable takes the default silently; a set but unparsable one takes it
// with one warning. secure_getenv is used so that a set-uid program cannot
// be made to write files by its caller's environment.
//
//===----------------------------------------------------------------------===//
#include "Env.h"

#include "Log.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

namespace frugal::rt {

namespace {

const char *defaultLookup(const char *Name) { return secure_getenv(Name); }
void defaultWarn(std::string_view Message) { warning(Message); }

struct Parser : EnvReader {
  using EnvReader::EnvReader;

  void readOutput(char (&Field)[PathCapacity], bool &Given) {
    strcpy(Field, DefaultOutputTemplate);
    const char *V = get("FRUGAL_OUTPUT");
    if (!V)
      return;
    size_t N = strlen(V);
    if (N == 0 || N >= PathCapacity) {
      complain("FRUGAL_OUTPUT", N ? "..." : "",
               "a non-empty path template shorter than 4096 bytes",
               DefaultOutputTemplate);
      return;
    }
    memcpy(Field, V, N + 1);
    Given = true;
  }

  void readTmpDir(char (&Field)[PathCapacity]) {
    strcpy(Field, "/tmp");
    const char *V = get("TMPDIR");
    // Not one of ours: a relative or oversized TMPDIR is ignored silently.
    if (V && V[0] == '/' && strlen(V) < PathCapacity)
      strcpy(Field, V);
  }
};

} // namespace

bool parseBool(const char *Text, bool &Out) {
  static constexpr const char *Truthy[] = {"1", "true", "yes", "on"};
  static constexpr const char *Falsy[] = {"0", "false", "no", "off"};
  for (const char *T : Truthy)
    if (!strcasecmp(Text, T)) {
      Out = true;
      return true;
    }
  for (const char *F : Falsy)
    if (!strcasecmp(Text, F)) {
      Out = false;
      return true;
    }
  return false;
}

bool parseUnsigned(const char *Text, uint64_t Min, uint64_t Max,
                   uint64_t &Out) {
  size_t N = strlen(Text);
  uint64_t V = 0;
  auto R = std::from_chars(Text, Text + N, V, 10);
  if (N == 0 || R.ec != std::errc() || R.ptr != Text + N || V < Min || V > Max)
    return false;
  Out = V;
  return true;
}

EnvReader::EnvReader(EnvLookup Lookup, WarnSink Warn)
    : Lookup(Lookup ? Lookup : defaultLookup), Warn(Warn ? Warn : defaultWarn) {
}

void EnvReader::complain(const char *Name, const char *Value,
                         const char *Expected, const char *Fallback) const {
  MessageBuilder B;
  B.append(Name).append("='").append(Value).append("' is not ");
  B.append(Expected).append("; using ").append(Fallback);
  Warn(B.view());
}

void EnvReader::readBool(const char *Name, bool &Field) const {
  const char *V = Lookup(Name);
  if (!V)
    return;
  if (!parseBool(V, Field))
    complain(Name, V, "a boolean (1/0, true/false, yes/no, on/off)",
             Field ? "1" : "0");
}

void EnvReader::readUnsigned(const char *Name, uint64_t Min, uint64_t Max,
                             const char *Expected, uint64_t &Field) const {
  const char *V = Lookup(Name);
  if (!V)
    return;
  if (!parseUnsigned(V, Min, Max, Field)) {
    char Tmp[24];
    auto R = std::to_chars(Tmp, Tmp + sizeof(Tmp) - 1, Field);
    *R.ptr = '\0';
    complain(Name, V, Expected, Tmp);
  }
}

void parseConfig(Config &Out, EnvLookup Lookup, WarnSink Warn) {
  Parser P(Lookup, Warn);
  P.readBool("FRUGAL_DISABLE", Out.Disable);
  P.readBool("FRUGAL_VERBOSE", Out.Verbose);
  P.readBool("FRUGAL_OVERHEAD_CORRECTION", Out.OverheadCorrection);
  P.readUnsigned("FRUGAL_MAX_NODES", 1, MaxMaxNodes,
                 "an integer in [1, 1073741824]", Out.MaxNodes);
  P.readUnsigned("FRUGAL_FLUSH_S", 0, MaxFlushSeconds,
                 "a whole number of seconds in [0, 31536000]",
                 Out.FlushSeconds);
  P.readBool("FRUGAL_CRASH_PROFILE", Out.CrashProfile);
  static constexpr NamedValue<TimerChoice> Timers[] = {
      {"auto", TimerChoice::Auto},
      {"tsc", TimerChoice::Tsc},
      {"monotonic", TimerChoice::Monotonic}};
  P.readNamed("FRUGAL_TIMER", Timers, Out.Timer, TimerChoice::Auto, "auto");
  static constexpr NamedValue<bool> Timings[] = {{"exact", false},
                                                 {"sampled", true}};
  P.readNamed("FRUGAL_TIMING", Timings, Out.SampledTiming, false, "exact");
  P.readUnsigned("FRUGAL_SAMPLE_US", MinSamplePeriodUs, MaxSamplePeriodUs,
                 "an integer number of microseconds in [100, 10000]",
                 Out.SamplePeriodUs);
  if (!Out.SampledTiming && P.get("FRUGAL_SAMPLE_US"))
    P.warn("FRUGAL_SAMPLE_US is set but timing is exact (FRUGAL_TIMING is not "
           "sampled); it is ignored");
  P.readOutput(Out.OutputTemplate, Out.OutputGiven);
  P.readTmpDir(Out.TmpDir);
}

} // namespace frugal::rt
