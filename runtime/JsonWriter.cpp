//===- JsonWriter.cpp - Streaming JSON into a fixed buffer ----------------===//
#include "JsonWriter.h"

#include <charconv>
#include <string.h>

namespace frugal::rt {

namespace {

// Length of the valid UTF-8 sequence at P (Avail bytes left), or 0 when the
// bytes there are not valid UTF-8 (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF).
size_t validSequenceLength(const unsigned char *P, size_t Avail) {
  unsigned char B = P[0];
  auto Cont = [&](size_t I, unsigned char Lo = 0x80, unsigned char Hi = 0xBF) {
    return I < Avail && P[I] >= Lo && P[I] <= Hi;
  };
  if (B >= 0xC2 && B <= 0xDF)
    return Cont(1) ? 2 : 0;
  if (B == 0xE0)
    return Cont(1, 0xA0) && Cont(2) ? 3 : 0;
  if ((B >= 0xE1 && B <= 0xEC) || B == 0xEE || B == 0xEF)
    return Cont(1) && Cont(2) ? 3 : 0;
  if (B == 0xED)
    return Cont(1, 0x80, 0x9F) && Cont(2) ? 3 : 0;
  if (B == 0xF0)
    return Cont(1, 0x90) && Cont(2) && Cont(3) ? 4 : 0;
  if (B >= 0xF1 && B <= 0xF3)
    return Cont(1) && Cont(2) && Cont(3) ? 4 : 0;
  if (B == 0xF4)
    return Cont(1, 0x80, 0x8F) && Cont(2) && Cont(3) ? 4 : 0;
  return 0;
}

} // namespace

void JsonWriter::drain() {
  if (!Failed && Len && !Flush(Ctx, Buf, Len))
    Failed = true;
  Len = 0; // after a failure, output is discarded
}

void JsonWriter::put(std::string_view S) {
  while (!S.empty()) {
    if (Len == Cap)
      drain();
    size_t N = S.size() < Cap - Len ? S.size() : Cap - Len;
    memcpy(Buf + Len, S.data(), N);
    Len += N;
    S.remove_prefix(N);
  }
}

void JsonWriter::beforeValue() {
  if (AfterKey) {
    AfterKey = false;
    return;
  }
  if (Depth == 0)
    return;
  uint64_t Bit = uint64_t(1) << (Depth - 1);
  if (HasElements & Bit)
    put(',');
  HasElements |= Bit;
}

void JsonWriter::open(char C) {
  beforeValue();
  put(C);
  if (Depth < MaxDepth) {
    ++Depth;
    HasElements &= ~(uint64_t(1) << (Depth - 1));
  }
}

void JsonWriter::close(char C) {
  if (Depth)
    --Depth;
  put(C);
}

void JsonWriter::key(std::string_view K) {
  beforeValue();
  put('"');
  escaped(K);
  put("\":");
  AfterKey = true;
}

void JsonWriter::escaped(std::string_view S) {
  static constexpr char Hex[] = "0123456789abcdef";
  auto *P = reinterpret_cast<const unsigned char *>(S.data());
  size_t N = S.size();
  size_t I = 0;
  while (I < N) {
    unsigned char C = P[I];
    if (C >= 0x80) {
      size_t L = validSequenceLength(P + I, N - I);
      if (L) {
        put(std::string_view(S.data() + I, L));
        I += L;
      } else {
        put("\xEF\xBF\xBD"); // U+FFFD for the offending byte
        ++I;
      }
      continue;
    }
    switch (C) {
    case '"':
      put("\\\"");
      break;
    case '\\':
      put("\\\\");
      break;
    case '\b':
      put("\\b");
      break;
    case '\f':
      put("\\f");
      break;
    case '\n':
      put("\\n");
      break;
    case '\r':
      put("\\r");
      break;
    case '\t':
      put("\\t");
      break;
    default:
      if (C < 0x20 || C == 0x7F) {
        char U[6] = {'\\', 'u', '0', '0', Hex[C >> 4], Hex[C & 15]};
        put(std::string_view(U, 6));
      } else {
        put(static_cast<char>(C));
      }
    }
    ++I;
  }
}

void JsonWriter::string(std::string_view S) {
  beforeValue();
  put('"');
  escaped(S);
  put('"');
}

void JsonWriter::string(const char *S) {
  if (!S)
    return null();
  string(std::string_view(S));
}

void JsonWriter::boolean(bool B) {
  beforeValue();
  put(B ? std::string_view("true") : std::string_view("false"));
}

void JsonWriter::null() {
  beforeValue();
  put("null");
}

void JsonWriter::numberUnsigned(uint64_t V) {
  beforeValue();
  char Tmp[24];
  auto R = std::to_chars(Tmp, Tmp + sizeof(Tmp), V);
  put(std::string_view(Tmp, static_cast<size_t>(R.ptr - Tmp)));
}

void JsonWriter::numberSigned(int64_t V) {
  beforeValue();
  char Tmp[24];
  auto R = std::to_chars(Tmp, Tmp + sizeof(Tmp), V);
  put(std::string_view(Tmp, static_cast<size_t>(R.ptr - Tmp)));
}

bool JsonWriter::finish() {
  drain();
  return !Failed;
}

} // namespace frugal::rt

namespace frugal::rt {

// No printf (not async-signal-safe) and no std::to_chars for doubles (it
// lives in libstdc++.so): scale into [1e8, 1e9) with exact powers of ten
// and print the rounded integer, with an exponent when the value is far
// from 1. Nine digits are more than any energy or power figure carries.
void JsonWriter::number(double V) {
  if (V != V || V - V != 0) { // NaN or infinity
    null();
    return;
  }
  beforeValue();
  if (V == 0) {
    put('0');
    return;
  }
  if (V < 0) {
    put('-');
    V = -V;
  }
  int Exp = 0; // V = M * 10^Exp with M in [1e8, 1e9)
  while (V >= 1e9 * 1e16) {
    V /= 1e16;
    Exp += 16;
  }
  while (V < 1e8 / 1e16) {
    V *= 1e16;
    Exp -= 16;
  }
  while (V >= 1e9) {
    V /= 10;
    ++Exp;
  }
  while (V < 1e8) {
    V *= 10;
    --Exp;
  }
  uint64_t M = uint64_t(V + 0.5);
  if (M >= 1000000000u) {
    M /= 10;
    ++Exp;
  }
  char Digits[10];
  for (int I = 8; I >= 0; --I) {
    Digits[I] = char('0' + M % 10);
    M /= 10;
  }
  int Significant = 9;
  while (Significant > 1 && Digits[Significant - 1] == '0')
    --Significant;
  // The decimal point sits after digit (Exp + 9) of the nine.
  int Point = Exp + 9;
  if (Point > 0 && Point <= 15) {
    for (int I = 0; I < Point; ++I)
      put(I < 9 ? Digits[I] : '0');
    if (Significant > Point) {
      put('.');
      for (int I = Point; I < Significant; ++I)
        put(Digits[I]);
    }
  } else if (Point <= 0 && Point > -5) {
    put("0.");
    for (int I = Point; I < 0; ++I)
      put('0');
    for (int I = 0; I < Significant; ++I)
      put(Digits[I]);
  } else {
    put(Digits[0]);
    if (Significant > 1) {
      put('.');
      for (int I = 1; I < Significant; ++I)
        put(Digits[I]);
    }
    put('e');
    int E = Point - 1;
    if (E < 0) {
      put('-');
      E = -E;
    }
    char Tmp[8];
    auto R = std::to_chars(Tmp, Tmp + sizeof(Tmp), E);
    put(std::string_view(Tmp, static_cast<size_t>(R.ptr - Tmp)));
  }
}

} // namespace frugal::rt
