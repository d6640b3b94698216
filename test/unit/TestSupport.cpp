//===- TestSupport.cpp - Shared helpers for the runtime unit tests --------===//
#include "TestSupport.h"

#include <fstream>
#include <mutex>
#include <sstream>
#include <stdlib.h>
#include <string.h>

namespace frugal::test {

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
  rt::pushFrame<FakeClock, true>(*TS, reinterpret_cast<uintptr_t>(Key), Id,
                                 FA);
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

namespace {

class JsonValidator {
public:
  explicit JsonValidator(std::string_view T) : T(T) {}

  std::string run() {
    ws();
    if (!value())
      return Error;
    ws();
    if (P != T.size()) {
      fail("trailing characters");
      return Error;
    }
    return "";
  }

private:
  bool fail(const char *Why) {
    if (Error.empty())
      Error = std::string(Why) + " at offset " + std::to_string(P);
    return false;
  }
  void ws() {
    while (P < T.size() &&
           (T[P] == ' ' || T[P] == '\n' || T[P] == '\r' || T[P] == '\t'))
      ++P;
  }
  bool literal(const char *L) {
    size_t N = strlen(L);
    if (T.substr(P, N) != L)
      return fail("bad literal");
    P += N;
    return true;
  }
  bool value() {
    if (++Depth > 256)
      return fail("too deep");
    bool Ok;
    if (P >= T.size())
      Ok = fail("unexpected end");
    else if (T[P] == '{')
      Ok = object();
    else if (T[P] == '[')
      Ok = array();
    else if (T[P] == '"')
      Ok = string();
    else if (T[P] == 't')
      Ok = literal("true");
    else if (T[P] == 'f')
      Ok = literal("false");
    else if (T[P] == 'n')
      Ok = literal("null");
    else
      Ok = number();
    --Depth;
    return Ok;
  }
  bool object() {
    ++P;
    ws();
    if (P < T.size() && T[P] == '}')
      return ++P, true;
    for (;;) {
      ws();
      if (P >= T.size() || T[P] != '"' || !string())
        return fail("expected key");
      ws();
      if (P >= T.size() || T[P] != ':')
        return fail("expected ':'");
      ++P;
      ws();
      if (!value())
        return false;
      ws();
      if (P < T.size() && T[P] == ',') {
        ++P;
        continue;
      }
      if (P < T.size() && T[P] == '}')
        return ++P, true;
      return fail("expected ',' or '}'");
    }
  }
  bool array() {
    ++P;
    ws();
    if (P < T.size() && T[P] == ']')
      return ++P, true;
    for (;;) {
      ws();
      if (!value())
        return false;
      ws();
      if (P < T.size() && T[P] == ',') {
        ++P;
        continue;
      }
      if (P < T.size() && T[P] == ']')
        return ++P, true;
      return fail("expected ',' or ']'");
    }
  }
  bool string() {
    ++P;
    while (P < T.size()) {
      unsigned char C = static_cast<unsigned char>(T[P]);
      if (C == '"')
        return ++P, true;
      if (C < 0x20)
        return fail("control character in string");
      if (C == '\\') {
        if (++P >= T.size())
          return fail("bad escape");
        char E = T[P];
        if (E == 'u') {
          for (int I = 1; I <= 4; ++I)
            if (P + I >= T.size() || !isxdigit(static_cast<unsigned char>(T[P + I])))
              return fail("bad \\u escape");
          P += 5;
          continue;
        }
        if (!strchr("\"\\/bfnrt", E))
          return fail("bad escape");
        ++P;
        continue;
      }
      if (C >= 0x80) {
        size_t L = C >= 0xF0 ? 4 : C >= 0xE0 ? 3 : C >= 0xC2 ? 2 : 0;
        if (!L || C > 0xF4 || P + L > T.size())
          return fail("invalid UTF-8");
        for (size_t I = 1; I < L; ++I)
          if ((static_cast<unsigned char>(T[P + I]) & 0xC0) != 0x80)
            return fail("invalid UTF-8");
        P += L;
        continue;
      }
      ++P;
    }
    return fail("unterminated string");
  }
  bool number() {
    size_t Start = P;
    if (P < T.size() && T[P] == '-')
      ++P;
    if (P >= T.size() || !isdigit(static_cast<unsigned char>(T[P])))
      return fail("bad value");
    if (T[P] == '0')
      ++P;
    else
      while (P < T.size() && isdigit(static_cast<unsigned char>(T[P])))
        ++P;
    if (P < T.size() && T[P] == '.') {
      ++P;
      if (P >= T.size() || !isdigit(static_cast<unsigned char>(T[P])))
        return fail("bad fraction");
      while (P < T.size() && isdigit(static_cast<unsigned char>(T[P])))
        ++P;
    }
    if (P < T.size() && (T[P] == 'e' || T[P] == 'E')) {
      ++P;
      if (P < T.size() && (T[P] == '+' || T[P] == '-'))
        ++P;
      if (P >= T.size() || !isdigit(static_cast<unsigned char>(T[P])))
        return fail("bad exponent");
      while (P < T.size() && isdigit(static_cast<unsigned char>(T[P])))
        ++P;
    }
    return P > Start;
  }

  std::string_view T;
  size_t P = 0;
  int Depth = 0;
  std::string Error;
};

} // namespace

std::string validateJson(std::string_view Text) {
  return JsonValidator(Text).run();
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
    Rec.linkage_name = strdup((std::string(Prefix) + std::to_string(I)).c_str());
    Rec.name = Rec.linkage_name;
    Rec.file = "test.c";
    Rec.resolved_file = "/src/test.c";
    Rec.line = static_cast<uint32_t>(10 + I);
  }
  return R;
}

} // namespace frugal::test
