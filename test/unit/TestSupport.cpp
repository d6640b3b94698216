//===- TestSupport.cpp - Shared helpers for the runtime unit tests --------===//
#include "TestSupport.h"

#include "Memory.h"
#include "NodeMetrics.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <mutex>
#include <sstream>
#include <stdlib.h>
#include <string.h>

namespace frugal::test {

const char *FakeEnv::lookup(const char *Name) {
  auto It = Vars.find(Name);
  return It == Vars.end() ? nullptr : It->second.c_str();
}

void FakeEnv::warn(std::string_view Message) { Warnings.emplace_back(Message); }

void FakeEnv::reset(std::map<std::string, std::string> V) {
  Vars = std::move(V);
  Warnings.clear();
}

bool snapshotOf(rt::Arena &A, rt::ThreadState *Threads, uint32_t MaxId,
                uint64_t Now, rt::ProfileSnapshot &Out) {
  rt::SnapshotRequest R;
  R.Threads = Threads;
  R.Now = Now;
  R.MaxId = MaxId;
  R.MetricSlots = rt::NodeMetricLayout.Slots;
  R.MaxSlot = rt::maxMetricSlot();
  return rt::buildSnapshot(A, R, Out);
}

size_t FakeEnv::warningsAbout(const char *Name) {
  size_t N = 0;
  for (const std::string &W : Warnings)
    N += W.find(Name) != std::string::npos;
  return N;
}

TracedThread::TracedThread(uint32_t MaxDepth, uint64_t MaxNodes,
                           rt::HookCost Cost) {
  rt::ThreadLimits Limits;
  Limits.MaxDepth = MaxDepth;
  Limits.MaxNodes = MaxNodes;
  TS = rt::ThreadState::create(Limits, Cost);
}

TracedThread::~TracedThread() { rt::ThreadState::destroy(TS); }

void TracedThread::enter(const void *Key, uint32_t Id, uintptr_t FA,
                         uint64_t At) {
  FakeClock::Value = At;
  rt::pushFrame<FakeClock>(*TS, reinterpret_cast<uintptr_t>(Key), Id, FA);
}

void TracedThread::enterRegion(const void *Key, uint32_t Id, uintptr_t FA,
                               uint64_t At) {
  FakeClock::Value = At;
  rt::pushFrame<FakeClock, true>(*TS, reinterpret_cast<uintptr_t>(Key), Id, FA);
}

rt::PopResult TracedThread::exit(const void *Key, uintptr_t FA, uint64_t At) {
  return rt::popFrame(*TS, reinterpret_cast<uintptr_t>(Key), FA, At);
}

rt::ThreadState *linkThreads(std::vector<rt::ThreadState *> States) {
  for (size_t I = 0; I < States.size(); ++I) {
    States[I]->Index = static_cast<uint32_t>(I);
    States[I]->Next = I + 1 < States.size() ? States[I + 1] : nullptr;
  }
  return States.empty() ? nullptr : States[0];
}

const rt::MergedNode *findPath(const rt::ProfileSnapshot &S,
                               std::vector<uint32_t> Refs) {
  uint32_t Current = 0;
  for (uint32_t Ref : Refs) {
    uint32_t Found = rt::NoParent;
    for (uint32_t I = 1; I < S.NumNodes; ++I)
      if (S.Nodes[I].Parent == Current && S.Nodes[I].Ref == Ref)
        Found = I;
    if (Found == rt::NoParent)
      return nullptr;
    Current = Found;
  }
  return &S.Nodes[Current];
}

namespace {
std::mutex CaptureMutex;
std::vector<std::string> Captured;
void captureSink(std::string_view Line) {
  std::lock_guard<std::mutex> L(CaptureMutex);
  Captured.emplace_back(Line);
}
} // namespace

LogCapture::LogCapture() {
  Captured.clear();
  rt::setLogSinkForTesting(captureSink);
}
LogCapture::~LogCapture() { rt::setLogSinkForTesting(nullptr); }
const std::vector<std::string> &LogCapture::lines() const { return Captured; }
size_t LogCapture::count(std::string_view Substring) const {
  size_t N = 0;
  for (const std::string &L : Captured)
    N += L.find(Substring) != std::string::npos;
  return N;
}

std::string validateJson(std::string_view Text) {
  // nlohmann's parser is strict RFC 8259 and rejects ill-formed UTF-8, which
  // is what the runtime's hand-rolled writer must never produce.
  try {
    (void)nlohmann::json::parse(Text);
    return "";
  } catch (const nlohmann::json::parse_error &E) {
    return E.what();
  }
}

std::string readFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

std::string scratchDir() {
  const char *D = getenv("FRUGAL_UNIT_SCRATCH");
  return D ? D : "/tmp";
}

std::vector<frugal_func_record> makeRecords(size_t N, const char *Prefix) {
  std::vector<frugal_func_record> R(N);
  for (size_t I = 0; I < N; ++I) {
    frugal_func_record &Rec = R[I];
    Rec.abi_version = FRUGAL_ABI_VERSION;
    // Leaked on purpose: registered records may be read until exit.
    Rec.linkage_name =
        strdup((std::string(Prefix) + std::to_string(I)).c_str());
    Rec.name = Rec.linkage_name;
    Rec.file = "test.c";
    Rec.resolved_file = "/src/test.c";
    Rec.line = static_cast<uint32_t>(10 + I);
  }
  return R;
}

} // namespace frugal::test
