//===- FilterConfig.h - Which functions to instrument: options --*- C++ -*-===//
//
// The filter options come from environment variables and an optional config
// file rather than -mllvm flags: clang does not know a plugin's cl::opts
// unless the plugin is also loaded with -Xclang -load, which breaks LTO links.
//
// Bad values never fail a build. Each one produces a single
// "frugal: warning:" line and the option falls back to its default.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_PASS_FILTERCONFIG_H
#define FRUGAL_PASS_FILTERCONFIG_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <optional>
#include <string>

namespace frugal {

struct FilterConfig {
  /// XRay's default: functions this large, or with a loop, are instrumented.
  static constexpr unsigned DefaultThreshold = 200;

  /// Minimum IR instruction count; 0 instruments everything.
  unsigned Threshold = DefaultThreshold;
  /// Regexes (llvm::Regex, unanchored search); empty means "not set".
  std::string Include;     ///< on the demangled name
  std::string Exclude;     ///< on the demangled name
  std::string IncludeFile; ///< on the absolute source path
  std::string ExcludeFile; ///< on the absolute source path
  /// Instrument functions defined in system headers (/usr/include, the
  /// compilers' own headers)? Off by default: libstdc++'s loops (random
  /// engines, algorithms) would otherwise be timed call by call, and they
  /// are the library's cost, not the model's.
  bool SystemHeaders = false;
  /// Record the values of integer parameters for a sample of calls
  /// (docs/instrumentation.md)? Off by default: it needs debug info (-g) for
  /// the parameters' names, and the entry hook then costs a little more.
  bool RecordArgs = false;

  /// One line for frugal_module_info::filter, e.g.
  /// "threshold=200 include=^solve exclude_file=/third_party/".
  std::string describe() const;

  /// Reads a variable from the environment; replaceable for unit tests.
  using EnvLookup = std::function<std::optional<std::string>(llvm::StringRef)>;

  /// Builds the configuration from FRUGAL_INSTRUMENT_CONFIG (a file of
  /// `key = value` lines) overridden by the FRUGAL_INSTRUMENT_* variables.
  /// Warnings go to Warn.
  static FilterConfig load(const EnvLookup &Env, llvm::raw_ostream &Warn);

  /// load() from the process environment, warnings to stderr. Computed once
  /// per process: ThinLTO backends run the pass on many threads, and the
  /// warnings should appear once, not once per module.
  static const FilterConfig &fromEnvironment();
};

} // namespace frugal

#endif // FRUGAL_PASS_FILTERCONFIG_H
