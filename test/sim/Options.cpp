//===- Options.cpp - frugal-rapl-sim command line -------------------------===//
#include "Options.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace frugal::sim {

const char *usage() {
  return "usage: frugal-rapl-sim [options] [--] PROGRAM [ARGS...]\n"
         "Runs PROGRAM against a simulated RAPL powercap tree whose energy\n"
         "counters integrate the power the program reports through\n"
         "sim_phase.h, and writes the exact energy as JSON.\n"
         "  --root DIR           powercap tree to create (default: a\n"
         "                       temporary directory, removed at the end)\n"
         "  --truth FILE         write the truth (JSON) there\n"
         "  --log FILE           write one line per counter update there\n"
         "  --period-us N        update period (default 1000)\n"
         "  --jitter-us N        update time jitter, +/- (default 2)\n"
         "  --quantum-uj X       energy unit (default 15.2587890625)\n"
         "  --max-range-uj N     counters wrap modulo N + 1 (default "
         "262143328850)\n"
         "  --start-uj N         initial counter value (default 0)\n"
         "  --baseline-w X       package power besides the phases (default 0)\n"
         "  --seed N             jitter random seed (default 1)\n"
         "  --glitch-at LIST     these updates write a value below the "
         "previous\n"
         "  --garbage-at LIST    these updates write non-numeric text\n"
         "  --unreadable-at LIST these updates empty energy_uj (reads get 0 "
         "bytes)\n"
         "                       LIST: N, A-B or A-B/STEP, comma-separated\n"
         "  --verbose            say what happens on stderr\n"
         "Updates count from 1; the fault options may be repeated. PROGRAM\n"
         "gets FRUGAL_POWERCAP_ROOT and FRUGAL_SIM_BOARD; the simulator exits\n"
         "with its status (128 + signal if it was killed).\n";
}

namespace {

bool parseUnsigned(const std::string &Text, uint64_t &Out) {
  if (Text.empty() || Text[0] < '0' || Text[0] > '9')
    return false;
  errno = 0;
  char *End = nullptr;
  unsigned long long V = std::strtoull(Text.c_str(), &End, 10);
  if (errno != 0 || *End != '\0')
    return false;
  Out = V;
  return true;
}

bool parseDouble(const std::string &Text, double &Out) {
  if (Text.empty())
    return false;
  errno = 0;
  char *End = nullptr;
  double V = std::strtod(Text.c_str(), &End);
  if (errno != 0 || *End != '\0' || !std::isfinite(V))
    return false;
  Out = V;
  return true;
}

/// Update numbers: comma-separated N, A-B (every update from A to B) or
/// A-B/S (every S-th).
bool parseUpdateList(const std::string &Value, std::set<uint64_t> &Set) {
  size_t Pos = 0;
  while (Pos <= Value.size()) {
    size_t Comma = Value.find(',', Pos);
    if (Comma == std::string::npos)
      Comma = Value.size();
    std::string Item = Value.substr(Pos, Comma - Pos);
    Pos = Comma + 1;
    uint64_t From = 0, To = 0, Step = 1;
    size_t Dash = Item.find('-');
    if (Dash == std::string::npos) {
      if (!parseUnsigned(Item, From))
        return false;
      To = From;
    } else {
      std::string Rest = Item.substr(Dash + 1);
      size_t Slash = Rest.find('/');
      if (!parseUnsigned(Item.substr(0, Dash), From) ||
          !parseUnsigned(Rest.substr(0, Slash), To) ||
          (Slash != std::string::npos &&
           !parseUnsigned(Rest.substr(Slash + 1), Step)))
        return false;
    }
    if (From == 0 || To < From || Step == 0 || To - From > 10000000)
      return false;
    for (uint64_t N = From; N <= To; N += Step)
      Set.insert(N);
  }
  return true;
}

} // namespace

std::optional<Options> parseOptions(int Argc, char **Argv, std::string &Error,
                                    bool &WantHelp) {
  Options O;
  WantHelp = false;
  int I = 1;
  for (; I < Argc; ++I) {
    std::string Arg = Argv[I];
    if (Arg == "--") {
      ++I;
      break;
    }
    if (Arg.empty() || Arg[0] != '-')
      break; // The program starts here.
    if (Arg == "--help" || Arg == "-h") {
      WantHelp = true;
      return std::nullopt;
    }
    if (Arg == "--verbose" || Arg == "-v") {
      O.Verbose = true;
      continue;
    }
    // Every other option takes a value: --name VALUE or --name=VALUE.
    std::string Name = Arg, Value;
    size_t Eq = Arg.find('=');
    if (Eq != std::string::npos) {
      Name = Arg.substr(0, Eq);
      Value = Arg.substr(Eq + 1);
    }
    static const char *const Known[] = {
        "--root",         "--truth",      "--log",          "--period-us",
        "--jitter-us",    "--quantum-uj", "--max-range-uj", "--start-uj",
        "--baseline-w",   "--seed",       "--glitch-at",    "--garbage-at",
        "--unreadable-at"};
    bool IsKnown = false;
    for (const char *K : Known)
      IsKnown |= Name == K;
    if (!IsKnown) {
      Error = "unknown option '" + Arg + "' (see --help)";
      return std::nullopt;
    }
    if (Eq == std::string::npos) {
      if (I + 1 >= Argc) {
        Error = "option '" + Name + "' needs a value";
        return std::nullopt;
      }
      Value = Argv[++I];
    }
    auto Bad = [&](const char *What) {
      Error = "option '" + Name + "': '";
      Error += Value;
      Error += "' is not ";
      Error += What;
      return std::nullopt;
    };
    uint64_t U = 0;
    double D = 0;
    if (Name == "--glitch-at" || Name == "--garbage-at" ||
        Name == "--unreadable-at") {
      // A list, so that a test can inject a fault often enough for a reader
      // that is sometimes preempted to see it.
      std::set<uint64_t> &Set = Name == "--glitch-at"    ? O.GlitchAt
                                : Name == "--garbage-at" ? O.GarbageAt
                                                         : O.UnreadableAt;
      if (!parseUpdateList(Value, Set))
        return Bad("a list of update numbers >= 1 (N, A-B or A-B/STEP)");
    } else if (Name == "--root" || Name == "--truth" || Name == "--log") {
      if (Value.empty())
        return Bad("a path");
      (Name == "--root" ? O.Root : Name == "--truth" ? O.Truth : O.Log) = Value;
    } else if (Name == "--quantum-uj" || Name == "--baseline-w") {
      if (!parseDouble(Value, D) || D < 0 || (Name == "--quantum-uj" && D == 0))
        return Bad(Name == "--quantum-uj" ? "a positive number"
                                          : "a number >= 0");
      (Name == "--quantum-uj" ? O.QuantumUj : O.BaselineW) = D;
    } else {
      if (!parseUnsigned(Value, U))
        return Bad("an unsigned integer");
      if (Name == "--period-us") {
        if (U == 0 || U > 10000000)
          return Bad("a period in 1..10000000");
        O.PeriodUs = U;
      } else if (Name == "--jitter-us") {
        O.JitterUs = U;
      } else if (Name == "--max-range-uj") {
        if (U == 0 || U == UINT64_MAX)
          return Bad("a range in 1..2^64-2");
        O.MaxRangeUj = U;
      } else if (Name == "--start-uj") {
        O.StartUj = U;
      } else if (Name == "--seed") {
        O.Seed = U;
      } else {
        return Bad("an unsigned integer");
      }
    }
  }
  if (O.JitterUs >= O.PeriodUs) {
    Error = "--jitter-us must be smaller than --period-us";
    return std::nullopt;
  }
  for (uint64_t N : O.GlitchAt)
    if (O.GarbageAt.count(N) || O.UnreadableAt.count(N)) {
      Error = "two faults at update " + std::to_string(N);
      return std::nullopt;
    }
  for (uint64_t N : O.GarbageAt)
    if (O.UnreadableAt.count(N)) {
      Error = "two faults at update " + std::to_string(N);
      return std::nullopt;
    }
  if (O.StartUj > O.MaxRangeUj) {
    Error = "--start-uj must not exceed --max-range-uj";
    return std::nullopt;
  }
  for (; I < Argc; ++I)
    O.Command.emplace_back(Argv[I]);
  if (O.Command.empty()) {
    Error = "no program to run (usage: frugal-rapl-sim [options] -- PROGRAM "
            "[ARGS...])";
    return std::nullopt;
  }
  return O;
}

} // namespace frugal::sim
