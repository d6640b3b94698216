//===- Log.h - "frugal: " messages on stderr without allocating ---------===//
//
// Messages are assembled in a stack buffer and written with one write(2), so
// they can be issued from a signal handler, before main and after exit
// started, and never interleave mid-line with other threads' messages.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_LOG_H
#define FRUGAL_RUNTIME_LOG_H

#include <atomic>
#include <charconv>
#include <concepts>
#include <stddef.h>
#include <stdint.h>
#include <string_view>

namespace frugal::rt {

// Fixed-capacity text builder; longer text is truncated.
class MessageBuilder {
public:
  static constexpr size_t Capacity = 1024;

  MessageBuilder &append(std::string_view S);
  MessageBuilder &append(const char *S) {
    return append(S ? std::string_view(S) : std::string_view("(null)"));
  }
  MessageBuilder &append(char *S) { return append(static_cast<const char *>(S)); }
  MessageBuilder &append(char C) { return append(std::string_view(&C, 1)); }
  MessageBuilder &append(bool B) { return append(B ? "true" : "false"); }
  template <std::integral T> MessageBuilder &append(T V) {
    char Tmp[24];
    auto R = std::to_chars(Tmp, Tmp + sizeof(Tmp), V);
    return append(std::string_view(Tmp, static_cast<size_t>(R.ptr - Tmp)));
  }

  std::string_view view() const { return std::string_view(Buf, Len); }
  void clear() { Len = 0; }

private:
  char Buf[Capacity];
  size_t Len = 0;
};

// Receives each complete line without the "frugal: " prefix and newline.
using LogSink = void (*)(std::string_view Line);

// Writes "frugal: <Line>\n" to stderr (or to the test sink).
void emitLine(std::string_view Line);
// Tests capture messages; nullptr restores stderr.
void setLogSinkForTesting(LogSink Sink);

void setVerbose(bool On);
bool isVerbose();

template <class... Ts> void warning(const Ts &...Parts) {
  MessageBuilder B;
  B.append("warning: ");
  (B.append(Parts), ...);
  emitLine(B.view());
}

// Explanations printed only with FRUGAL_VERBOSE=1.
template <class... Ts> void verbose(const Ts &...Parts) {
  if (!isVerbose())
    return;
  MessageBuilder B;
  (B.append(Parts), ...);
  emitLine(B.view());
}

// "Warn once" latch; constant-initialised so it works before constructors.
class OnceFlag {
public:
  constexpr OnceFlag() = default;
  // True for the first caller only.
  bool first() { return !Fired.exchange(true, std::memory_order_relaxed); }
  void reset() { Fired.store(false, std::memory_order_relaxed); }

private:
  std::atomic<bool> Fired{false};
};

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_LOG_H
