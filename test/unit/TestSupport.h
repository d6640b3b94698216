//===- TestSupport.h - Shared helpers for the runtime unit tests ----------===//
#ifndef FRUGAL_TEST_UNIT_TESTSUPPORT_H
#define FRUGAL_TEST_UNIT_TESTSUPPORT_H

#include "Log.h"
#include "ProfileMerge.h"
#include "ThreadState.h"
#include "Tracer.h"

#include "frugal/abi.h"

#include <map>
#include <stdint.h>
#include <string>
#include <string_view>
#include <vector>

namespace frugal::test {

// Deterministic time for the tracer: tests set Value before each hook.
struct FakeClock {
  // Per thread: each thread sets it before its own hooks (tests with
  // several threads would race on a shared one).
  static inline thread_local uint64_t Value = 0;
  static uint64_t now() { return Value; }
};

// A thread state driven by hand, with a fake clock and no hook-cost
// correction, so that times are exact.
class TracedThread {
public:
  explicit TracedThread(uint32_t MaxDepth = rt::DefaultMaxDepth,
                        uint64_t MaxNodes = 1 << 20, rt::HookCost Cost = {});
  ~TracedThread();

  // Key = the record's address, as the hooks do; FA = "frame address".
  void enter(const void *Key, uint32_t Id, uintptr_t FA, uint64_t At);
  rt::PopResult exit(const void *Key, uintptr_t FA, uint64_t At);
  // As frugal_region_begin: FA is frugal_region_begin's own frame.
  void enterRegion(const void *Key, uint32_t Id, uintptr_t FA, uint64_t At);

  rt::ThreadState &state() { return *TS; }
  uint32_t depth() const { return TS->Depth - 1; }

private:
  rt::ThreadState *TS;
};

// Links states into a list for buildSnapshot (they are not on the global
// list).
rt::ThreadState *linkThreads(std::vector<rt::ThreadState *> States);

// The snapshot of these states (linked with linkThreads) as the profile
// writer takes it, with every node's metric slots (NodeMetricLayout).
bool snapshotOf(rt::Arena &A, rt::ThreadState *Threads, uint32_t MaxId,
                uint64_t Now, rt::ProfileSnapshot &Out);

// The merged node reached from the root by following Refs; nullptr if none.
const rt::MergedNode *findPath(const rt::ProfileSnapshot &S,
                               std::vector<uint32_t> Refs);

// A stand-in environment for the FRUGAL_* parsers (EnvLookup, WarnSink):
// lookup() finds Vars, warn() appends to Warnings.
struct FakeEnv {
  static inline std::map<std::string, std::string> Vars;
  static inline std::vector<std::string> Warnings;
  static const char *lookup(const char *Name);
  static void warn(std::string_view Message);
  // New variables, no warnings yet.
  static void reset(std::map<std::string, std::string> V);
  // Warnings that mention Name.
  static size_t warningsAbout(const char *Name);
};

// Records messages sent to the log while alive.
class LogCapture {
public:
  LogCapture();
  ~LogCapture();
  const std::vector<std::string> &lines() const;
  size_t count(std::string_view Substring) const;
};

// Strict JSON validation (RFC 8259, UTF-8 checked, by nlohmann-json):
// returns "" when valid, else the parser's description of the first error.
std::string validateJson(std::string_view Text);

std::string readFile(const std::string &Path);
// The directory main() created for files written by tests.
std::string scratchDir();

// A record array standing in for a module's section.
std::vector<frugal_func_record> makeRecords(size_t N,
                                            const char *Prefix = "fn");

} // namespace frugal::test

#endif // FRUGAL_TEST_UNIT_TESTSUPPORT_H
