//===- EventNames.cpp - Rules for hardware/software event names -----------===//

#include "EventNames.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

using namespace llvm;

namespace frugal {

ArrayRef<StringRef> genericEventNames() {
  static const StringRef Names[] = {
      // Hardware events.
      "cycles", "instructions", "cache-references", "cache-misses", "branches",
      "branch-instructions", "branch-misses", "bus-cycles", "ref-cycles",
      "stalled-cycles-frontend", "stalled-cycles-backend",
      // Software events.
      "cpu-clock", "task-clock", "page-faults", "faults", "minor-faults",
      "major-faults", "context-switches", "cs", "cpu-migrations", "migrations",
      "alignment-faults", "emulation-faults",
      // Hardware cache events.
      "L1-dcache-loads", "L1-dcache-load-misses", "L1-icache-load-misses",
      "LLC-loads", "LLC-load-misses", "LLC-stores", "LLC-store-misses",
      "dTLB-load-misses", "iTLB-load-misses", "branch-loads",
      "branch-load-misses"};
  return Names;
}

std::string canonicalEventName(StringRef Fstr, StringRef Given) {
  StringRef Pmu, Rest = Fstr;
  size_t Sep = Fstr.find("::");
  if (Sep != StringRef::npos) {
    Pmu = Fstr.take_front(Sep);
    Rest = Fstr.drop_front(Sep + 2);
  }
  SmallVector<StringRef, 8> Parts;
  Rest.split(Parts, ':');
  SmallVector<StringRef, 8> Kept;
  for (StringRef Part : Parts)
    if (!Part.empty() && !Part.contains('='))
      Kept.push_back(Part);
  if (Kept.empty())
    return Given.str();
  std::string Name = join(Kept, ":");
  return Pmu.empty() ? Name : (Pmu + "::" + Name).str();
}

StringRef eventStem(StringRef Name) {
  size_t Sep = Name.find("::");
  if (Sep != StringRef::npos)
    Name = Name.drop_front(Sep + 2);
  return Name.take_until([](char C) { return C == ':'; });
}

unsigned maxMatchDistance(size_t Length) {
  return static_cast<unsigned>(std::clamp<size_t>(Length / 3, 1, 3));
}

std::vector<std::string>
closeMatches(StringRef Query, ArrayRef<std::string> Candidates, size_t Limit) {
  StringRef Stem = eventStem(Query);
  unsigned MaxDistance = maxMatchDistance(Stem.size());
  struct Match {
    unsigned Distance;
    size_t Order;
  };
  std::vector<Match> Matches;
  StringSet<> SeenStems;
  for (size_t I = 0; I < Candidates.size(); ++I) {
    StringRef CandidateStem = eventStem(Candidates[I]);
    if (!SeenStems.insert(CandidateStem.lower()).second)
      continue;
    unsigned Distance = Stem.edit_distance_insensitive(
        CandidateStem, /*AllowReplacements=*/true, MaxDistance);
    if (Distance == 0 || Distance > MaxDistance)
      continue;
    Matches.push_back({Distance, I});
  }
  std::sort(Matches.begin(), Matches.end(), [](const Match &A, const Match &B) {
    return A.Distance != B.Distance ? A.Distance < B.Distance
                                    : A.Order < B.Order;
  });
  std::vector<std::string> Names;
  for (const Match &M : Matches) {
    if (Names.size() == Limit)
      break;
    Names.push_back(Candidates[M.Order]);
  }
  return Names;
}

std::string didYouMean(ArrayRef<std::string> Matches) {
  if (Matches.empty())
    return "";
  std::string Text = " (did you mean ";
  for (size_t I = 0; I < Matches.size(); ++I) {
    if (I)
      Text += I + 1 == Matches.size() ? " or " : ", ";
    Text += "'" + Matches[I] + "'";
  }
  return Text + "?)";
}

StringRef eventUnit(StringRef Canonical) {
  if (Canonical == "perf::PERF_COUNT_SW_TASK_CLOCK" ||
      Canonical == "perf::PERF_COUNT_SW_CPU_CLOCK")
    return "ns";
  return "count";
}

std::string errnoName(int Errno) {
  static const struct {
    int Value;
    const char *Name;
  } Names[] = {{ENOENT, "ENOENT"}, {EOPNOTSUPP, "EOPNOTSUPP"},
               {ENODEV, "ENODEV"}, {EACCES, "EACCES"},
               {EPERM, "EPERM"},   {EINVAL, "EINVAL"},
               {EMFILE, "EMFILE"}, {ENFILE, "ENFILE"},
               {ENOSPC, "ENOSPC"}, {EBUSY, "EBUSY"},
               {ENOSYS, "ENOSYS"}, {E2BIG, "E2BIG"},
               {EFAULT, "EFAULT"}, {ESRCH, "ESRCH"}};
  for (const auto &N : Names)
    if (N.Value == Errno)
      return N.Name;
  return "errno " + std::to_string(Errno);
}

std::string perfOpenFailureReason(int Errno, std::optional<int> Paranoid) {
  std::string Code = "(" + errnoName(Errno) + ")";
  switch (Errno) {
  case ENOENT:
  case EOPNOTSUPP:
  case ENODEV:
    return "this machine or VM has no PMU for it " + Code +
           "; count it on bare metal or in a VM with a virtual PMU";
  case EACCES:
  case EPERM: {
    std::string Level =
        Paranoid ? "perf_event_paranoid is " + std::to_string(*Paranoid)
                 : std::string("perf_event_paranoid is unknown");
    return "not permitted " + Code + ": " + Level +
           "; lower it (sysctl kernel.perf_event_paranoid=1) or grant "
           "CAP_PERFMON";
  }
  case EINVAL:
    return "the kernel rejects its encoding " + Code +
           ": a unit mask or modifier this PMU or kernel does not support; "
           "try it without modifiers";
  case EMFILE:
  case ENFILE:
    return "out of file descriptors " + Code + "; raise the limit (ulimit -n)";
  case ENOSPC:
    return "no hardware counter is free for it " + Code +
           "; the NMI watchdog or another tool may hold them (sysctl "
           "kernel.nmi_watchdog=0)";
  case EBUSY:
    return "the PMU is in exclusive use by another tool " + Code +
           "; stop the other profiler";
  case ENOSYS:
    return "this kernel has no perf_event_open " + Code +
           "; use a kernel built with CONFIG_PERF_EVENTS";
  case E2BIG:
    return "the kernel does not know part of the encoding " + Code +
           "; a newer kernel, or a libpfm4 as old as it, is needed";
  default:
    return "perf_event_open failed: " + std::string(std::strerror(Errno)) +
           " " + Code;
  }
}

} // namespace frugal
