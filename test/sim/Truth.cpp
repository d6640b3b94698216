//===- Truth.cpp - what the simulated hardware really consumed ------------===//
#include "Truth.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace frugal::sim {

namespace {

std::string quote(const std::string &S) {
  std::string Out = "\"";
  for (unsigned char C : S) {
    if (C == '"' || C == '\\') {
      Out += '\\';
      Out += (char)C;
    } else if (C == '\n') {
      Out += "\\n";
    } else if (C < 0x20) {
      char Buf[8];
      std::snprintf(Buf, sizeof(Buf), "\\u%04x", C);
      Out += Buf;
    } else {
      Out += (char)C;
    }
  }
  return Out + "\"";
}

std::string num(long double V) {
  char Buf[64];
  std::snprintf(Buf, sizeof(Buf), "%.17g", (double)V);
  return Buf;
}

std::string num(uint64_t V) { return std::to_string(V); }

} // namespace

bool writeTruth(const std::string &Path, const Options &O, const Truth &T,
                std::string &Error) {
  std::string J = "{\n";
  auto Field = [&](const char *Key, const std::string &Value) {
    J += "  \"" + std::string(Key) + "\": " + Value + ",\n";
  };
  Field("version", "1");
  Field("period_us", num(O.PeriodUs));
  Field("jitter_us", num(O.JitterUs));
  Field("quantum_uj", num((long double)O.QuantumUj));
  Field("max_range_uj", num(O.MaxRangeUj));
  Field("start_uj", num(O.StartUj));
  Field("baseline_w", num((long double)O.BaselineW));
  Field("start_ns", num(T.StartNs));
  Field("end_ns", num(T.EndNs));
  Field("duration_s", num((long double)(T.EndNs - T.StartNs) * 1e-9L));
  Field("updates", num(T.Updates));
  Field("max_late_us", num((long double)T.MaxLateUs));
  Field("mean_late_us", num((long double)T.MeanLateUs));
  Field("scheduling", quote(T.Scheduling));
  Field("wraps", num(T.Wraps));
  Field("core_wraps", num(T.CoreWraps));
  Field("total_j", num(T.TotalJ));
  Field("dynamic_j", num(T.DynamicJ));
  Field("final_uj", "{\"package\": " + num(T.FinalPackageUj) +
                        ", \"core\": " + num(T.FinalCoreUj) + "}");
  std::string Labels = "{";
  for (const auto &[Name, L] : T.Labels)
    Labels += std::string(Labels.size() > 1 ? ", " : "") + quote(Name) +
              ": {\"joules\": " + num(L.Joules) +
              ", \"seconds\": " + num(L.Seconds) + "}";
  Field("labels", Labels + "}");
  const PhaseBoard::Stats &B = T.Board;
  Field("slots_used", num(B.SlotsUsed));
  Field("processes", num(B.Processes));
  Field("late_events", num(B.LateEvents));
  Field("max_event_late_us", num((long double)B.MaxLateNs * 1e-3L));
  Field("publish_waits", num(B.PublishWaits));
  Field("publish_timeouts", num(B.PublishTimeouts));
  Field("auto_ended", num(B.AutoEnded));
  Field("invalid_watts", num(B.InvalidWatts));
  Field("dropped_events", num(B.DroppedEvents));
  std::string Inj = "[";
  for (const Injection &I : T.Injected) {
    Inj += std::string(Inj.size() > 1 ? ",\n    " : "\n    ") +
           "{\"kind\": " + quote(I.Kind) + ", \"update\": " + num(I.Update) +
           ", \"t_ns\": " + num(I.TimeNs) +
           ", \"written\": " + quote(I.Written);
    for (const auto &[K, V] : I.Fields)
      Inj += ", " + quote(K) + ": " + num(V);
    Inj += "}";
  }
  Field("injected", Inj + (T.Injected.empty() ? "]" : "\n  ]"));
  J += "  \"exit\": {\"code\": " + std::to_string(T.ExitCode) +
       ", \"signal\": " + std::to_string(T.Signal) + "}\n}\n";

  std::FILE *F = std::fopen(Path.c_str(), "w");
  bool Ok = F && std::fwrite(J.data(), 1, J.size(), F) == J.size();
  Ok = F && std::fclose(F) == 0 && Ok;
  if (!Ok)
    Error = "cannot write " + Path + ": " + std::strerror(errno);
  return Ok;
}

} // namespace frugal::sim
