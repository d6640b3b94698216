//===- Log.cpp - "frugal: " messages on stderr ----------------------------===//
#include "Log.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

namespace frugal::rt {

namespace {
constinit std::atomic<LogSink> TestSink{nullptr};
constinit std::atomic<bool> Verbose{false};
} // namespace

MessageBuilder &MessageBuilder::append(std::string_view S) {
  size_t N = S.size();
  if (N > Capacity - Len)
    N = Capacity - Len;
  memcpy(Buf + Len, S.data(), N);
  Len += N;
  return *this;
}

void emitLine(std::string_view Line) {
  if (LogSink Sink = TestSink.load(std::memory_order_acquire)) {
    Sink(Line);
    return;
  }
  static constexpr std::string_view Prefix = "frugal: ";
  char Buf[Prefix.size() + MessageBuilder::Capacity + 1];
  size_t N = Line.size() < MessageBuilder::Capacity ? Line.size()
                                                    : MessageBuilder::Capacity;
  memcpy(Buf, Prefix.data(), Prefix.size());
  memcpy(Buf + Prefix.size(), Line.data(), N);
  Buf[Prefix.size() + N] = '\n';
  // One write keeps the line whole; errno is the caller's, so keep it.
  int SavedErrno = errno;
  size_t Total = Prefix.size() + N + 1, Done = 0;
  while (Done < Total) {
    ssize_t W = write(STDERR_FILENO, Buf + Done, Total - Done);
    if (W < 0 && errno == EINTR)
      continue;
    if (W <= 0)
      break;
    Done += static_cast<size_t>(W);
  }
  errno = SavedErrno;
}

void setLogSinkForTesting(LogSink Sink) {
  TestSink.store(Sink, std::memory_order_release);
}

void setVerbose(bool On) { Verbose.store(On, std::memory_order_relaxed); }
bool isVerbose() { return Verbose.load(std::memory_order_relaxed); }

} // namespace frugal::rt
