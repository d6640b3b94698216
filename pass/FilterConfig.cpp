//===- FilterConfig.cpp - Parse the filter options ------------------------===//

#include "FilterConfig.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"

using namespace llvm;

namespace frugal {

namespace {

enum class Option {
  Threshold,
  Include,
  Exclude,
  IncludeFile,
  ExcludeFile,
  SystemHeaders,
  RecordArgs
};

struct OptionSpec {
  Option Opt;
  StringRef Key;    ///< key in the config file and in describe()
  StringRef EnvVar; ///< overriding environment variable
};

constexpr OptionSpec Options[] = {
    {Option::Threshold, "threshold", "FRUGAL_INSTRUMENT_THRESHOLD"},
    {Option::Include, "include", "FRUGAL_INSTRUMENT_INCLUDE"},
    {Option::Exclude, "exclude", "FRUGAL_INSTRUMENT_EXCLUDE"},
    {Option::IncludeFile, "include_file", "FRUGAL_INSTRUMENT_INCLUDE_FILE"},
    {Option::ExcludeFile, "exclude_file", "FRUGAL_INSTRUMENT_EXCLUDE_FILE"},
    {Option::SystemHeaders, "system_headers",
     "FRUGAL_INSTRUMENT_SYSTEM_HEADERS"},
    {Option::RecordArgs, "record_args", "FRUGAL_RECORD_ARGS"},
};

constexpr StringRef ConfigVar = "FRUGAL_INSTRUMENT_CONFIG";

raw_ostream &warning(raw_ostream &Warn) { return Warn << "frugal: warning: "; }

/// The string field behind a regex option (const or not, as C is).
template <typename ConfigT>
auto regexField(ConfigT &C, Option Opt) -> decltype(&C.Include) {
  switch (Opt) {
  case Option::Include:
    return &C.Include;
  case Option::Exclude:
    return &C.Exclude;
  case Option::IncludeFile:
    return &C.IncludeFile;
  case Option::ExcludeFile:
    return &C.ExcludeFile;
  case Option::Threshold:
  case Option::SystemHeaders:
  case Option::RecordArgs:
    break;
  }
  return nullptr;
}

/// The bool field behind a 0/1 option, or nullptr.
bool *flagField(FilterConfig &C, Option Opt) {
  if (Opt == Option::SystemHeaders)
    return &C.SystemHeaders;
  if (Opt == Option::RecordArgs)
    return &C.RecordArgs;
  return nullptr;
}

/// Sets one option. Origin names where Value came from (a variable, or a
/// file and line) so that the warning for a bad value points at it.
void applyValue(FilterConfig &C, const OptionSpec &Spec, StringRef Value,
                const Twine &Origin, raw_ostream &Warn) {
  Value = Value.trim();
  if (Spec.Opt == Option::Threshold) {
    unsigned Threshold;
    if (Value.getAsInteger(10, Threshold)) {
      warning(Warn) << Origin << "='" << Value
                    << "' is not a non-negative integer; using the default "
                    << Spec.Key << "=" << FilterConfig::DefaultThreshold
                    << "\n";
      Threshold = FilterConfig::DefaultThreshold;
    }
    C.Threshold = Threshold;
    return;
  }
  if (bool *Flag = flagField(C, Spec.Opt)) {
    if (Value != "0" && Value != "1")
      warning(Warn) << Origin << "='" << Value
                    << "' is not 0 or 1; using the default " << Spec.Key
                    << "=0\n";
    *Flag = Value == "1";
    return;
  }
  std::string *Field = regexField(C, Spec.Opt);
  std::string Error;
  if (!Value.empty() && !Regex(Value).isValid(Error)) {
    warning(Warn) << Origin << "='" << Value
                  << "' is not a valid regular expression (" << Error
                  << "); using the default (no " << Spec.Key << " regex)\n";
    Field->clear();
    return;
  }
  *Field = Value.str();
}

const OptionSpec *findKey(StringRef Key) {
  for (const OptionSpec &Spec : Options)
    if (Spec.Key == Key)
      return &Spec;
  return nullptr;
}

/// Applies a config file of `key = value` lines. Only whole lines starting
/// with '#' are comments: a '#' later in a line is part of the value, since
/// regexes may contain it.
void applyFile(FilterConfig &C, StringRef Path, raw_ostream &Warn) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(Path);
  if (!Buf) {
    warning(Warn) << ConfigVar << "='" << Path
                  << "' cannot be read: " << Buf.getError().message()
                  << "; using the defaults\n";
    return;
  }
  SmallVector<StringRef, 16> Lines;
  (*Buf)->getBuffer().split(Lines, '\n');
  for (auto [Index, RawLine] : enumerate(Lines)) {
    StringRef Line = RawLine.trim();
    if (Line.empty() || Line.starts_with("#"))
      continue;
    std::string Where = (Path + ":" + Twine(Index + 1) + ": ").str();
    auto [Key, Value] = Line.split('=');
    Key = Key.trim();
    if (Key.size() == Line.size()) {
      warning(Warn) << Where << "expected 'key = value' in " << ConfigVar
                    << "; line ignored\n";
      continue;
    }
    const OptionSpec *Spec = findKey(Key);
    if (!Spec) {
      warning(Warn)
          << Where << "unknown key '" << Key << "' in " << ConfigVar
          << " (known: threshold, include, exclude, include_file, "
             "exclude_file, system_headers, record_args); line ignored\n";
      continue;
    }
    applyValue(C, *Spec, Value, Where + Spec->Key, Warn);
  }
}

} // namespace

std::string FilterConfig::describe() const {
  std::string Text;
  raw_string_ostream OS(Text);
  OS << "threshold=" << Threshold;
  for (const OptionSpec &Spec : Options)
    if (const std::string *Field = regexField(*this, Spec.Opt);
        Field && !Field->empty())
      OS << " " << Spec.Key << "=" << *Field;
  if (SystemHeaders)
    OS << " system_headers=1";
  if (RecordArgs)
    OS << " record_args=1";
  return Text;
}

FilterConfig FilterConfig::load(const EnvLookup &Env, raw_ostream &Warn) {
  FilterConfig C;
  // An empty variable counts as unset, so a wrapper may export it blank.
  auto Lookup = [&](StringRef Var) -> std::optional<std::string> {
    std::optional<std::string> Value = Env(Var);
    if (Value && Value->empty())
      return std::nullopt;
    return Value;
  };
  if (std::optional<std::string> Path = Lookup(ConfigVar))
    applyFile(C, *Path, Warn);
  for (const OptionSpec &Spec : Options)
    if (std::optional<std::string> Value = Lookup(Spec.EnvVar))
      applyValue(C, Spec, *Value, Spec.EnvVar, Warn);
  return C;
}

const FilterConfig &FilterConfig::fromEnvironment() {
  static const FilterConfig Config =
      load([](StringRef Var) { return sys::Process::GetEnv(Var); }, errs());
  return Config;
}

} // namespace frugal
