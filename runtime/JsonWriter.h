//===- JsonWriter.h - Streaming JSON into a fixed buffer ------------------===//
//
// Output goes through a caller-provided buffer that is handed to a flush
// callback when full (write(2) to a file, or memory in tests): no
// allocation, so the profile can be written from a signal handler. Strings
// are escaped per RFC 8259 and invalid UTF-8 becomes U+FFFD, so any byte
// string (file names, thread names, argv) yields valid JSON.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_JSONWRITER_H
#define FRUGAL_RUNTIME_JSONWRITER_H

#include <concepts>
#include <stddef.h>
#include <stdint.h>
#include <string_view>
#include <type_traits>

namespace frugal::rt {

class JsonWriter {
public:
  // Returns false on error; the writer then stops producing output.
  using FlushFn = bool (*)(void *Ctx, const char *Data, size_t Len);

  JsonWriter(char *Buffer, size_t Capacity, FlushFn Flush, void *Ctx)
      : Buf(Buffer), Cap(Capacity), Flush(Flush), Ctx(Ctx) {}

  void beginObject() { open('{'); }
  void endObject() { close('}'); }
  void beginArray() { open('['); }
  void endArray() { close(']'); }
  // Inside an object: the next value's key.
  void key(std::string_view K);

  void string(std::string_view S);
  void string(const char *S); // nullptr writes null
  void boolean(bool B);
  void null();
  // Finite doubles with 9 significant digits; NaN and infinities as null.
  void number(double V);
  template <std::integral T> void number(T V) {
    if constexpr (std::is_signed_v<T>)
      numberSigned(static_cast<int64_t>(V));
    else
      numberUnsigned(static_cast<uint64_t>(V));
  }

  // key + value shorthands.
  template <class T> void field(std::string_view K, const T &V) {
    key(K);
    if constexpr (std::is_same_v<T, bool>)
      boolean(V);
    else if constexpr (std::is_integral_v<T> || std::is_same_v<T, double>)
      number(V);
    else
      string(V);
  }
  void nullField(std::string_view K) {
    key(K);
    null();
  }

  // Flushes what is buffered; true when every write succeeded.
  bool finish();
  bool failed() const { return Failed; }

  // The escaped form of S (no quotes) appended via put; exposed for tests.
  void escaped(std::string_view S);

private:
  static constexpr unsigned MaxDepth = 64;

  void open(char C);
  void close(char C);
  void beforeValue();
  void numberUnsigned(uint64_t V);
  void numberSigned(int64_t V);
  void put(char C) {
    if (Len == Cap)
      drain();
    Buf[Len++] = C;
  }
  void put(std::string_view S);
  void drain();

  char *Buf;
  size_t Cap;
  size_t Len = 0;
  FlushFn Flush;
  void *Ctx;
  bool Failed = false;
  bool AfterKey = false;
  unsigned Depth = 0;
  uint64_t HasElements = 0; // bit D: the container at depth D is non-empty
};

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_JSONWRITER_H
