//===- EventNames.h - Rules for hardware/software event names ---*- C++ -*-===//
//
// The pure rules behind `frugal events` and the event options of `frugal
// summary`: the canonical form of a libpfm4 name, close matches for a
// mistyped name, and what a perf_event_open errno means for the user. The
// runtime applies the same rules (docs/counters.md, "Event names and
// `frugal events`"), so keep them simple and keep the two in step.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_EVENTNAMES_H
#define FRUGAL_TOOLS_FRUGAL_EVENTNAMES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace frugal {

/// perf's generic event names, as `perf list` spells them, in perf's order.
llvm::ArrayRef<llvm::StringRef> genericEventNames();

/// The canonical name of an event from libpfm4's fully qualified string
/// \p Fstr ("perf::PERF_COUNT_HW_CACHE_L1D:READ:MISS:u=1:k=0:precise=0"):
/// PMU::EVENT[:UMASK...], every KEY=VALUE modifier dropped. When no event
/// name is left (libpfm4 writes raw events as "perf_raw:::u=1..."), returns
/// \p Given, the name as the user wrote it.
std::string canonicalEventName(llvm::StringRef Fstr, llvm::StringRef Given);

/// The part of an event name that close matching compares: without a
/// "PMU::" prefix and without ":UMASK" or ":modifier" suffixes.
/// "perf::cycles:u" -> "cycles".
llvm::StringRef eventStem(llvm::StringRef Name);

/// The largest edit distance at which a candidate is a close match for a
/// stem of \p Length characters: a third of it, at least 1 and at most 3.
unsigned maxMatchDistance(size_t Length);

/// At most \p Limit of \p Candidates whose stem is within maxMatchDistance of
/// \p Query's stem (Levenshtein distance, ignoring case), closest first; ties
/// keep the candidates' order, and of candidates with the same stem (ignoring
/// case) only the first counts. A candidate whose stem equals the query's is
/// no suggestion.
std::vector<std::string> closeMatches(llvm::StringRef Query,
                                      llvm::ArrayRef<std::string> Candidates,
                                      size_t Limit = 3);

/// " (did you mean 'a' or 'b'?)", or "" without matches.
std::string didYouMean(llvm::ArrayRef<std::string> Matches);

/// "ns" for the clock events (their counts are nanoseconds), else "count";
/// \p Canonical as canonicalEventName returns it.
llvm::StringRef eventUnit(llvm::StringRef Canonical);

/// "ENOENT", "EACCES", ...; "errno N" for one without a name here.
std::string errnoName(int Errno);

/// Why perf_event_open failed with \p Errno, and what to do about it, in
/// one line. \p Paranoid is kernel.perf_event_paranoid, None when unknown.
std::string perfOpenFailureReason(int Errno, std::optional<int> Paranoid);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_EVENTNAMES_H
