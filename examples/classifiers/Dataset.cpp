//===- Dataset.cpp - The digits file, synthetic blobs, accuracy -----------===//
#include "Dataset.h"

#include <zlib.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

namespace {

// The shape of examples/data/digits.csv.gz (examples/data/README.md).
constexpr int DigitsLines = 1797;
constexpr int DigitsPixels = 64;
constexpr int DigitsValues = DigitsPixels + 1; // The pixels, then the label.
constexpr int DigitsClasses = 10;
constexpr int MaxPixel = 16;

// Reads the comma-separated integers of Line into Values (at most
// DigitsValues of them) and returns how many there were, or -1 with Error
// set when something else is in the line. A trailing "\n" or "\r\n" is
// allowed.
int parseIntegers(const char *Line, int *Values, std::string &Error) {
  int Count = 0;
  const char *P = Line;
  while (true) {
    if (*P != '-' && (*P < '0' || *P > '9')) {
      Error = "expected an integer at column " + std::to_string(P - Line + 1);
      return -1;
    }
    char *End = nullptr;
    errno = 0;
    long Value = std::strtol(P, &End, 10);
    if (End == P || errno == ERANGE || Value < INT32_MIN || Value > INT32_MAX) {
      Error = "expected an integer at column " + std::to_string(P - Line + 1);
      return -1;
    }
    if (Count == DigitsValues) {
      Error = "more than " + std::to_string(DigitsValues) + " values";
      return -1;
    }
    Values[Count++] = static_cast<int>(Value);
    P = End;
    if (*P == ',') {
      ++P;
      continue;
    }
    if (*P == '\r')
      ++P;
    if (*P == '\n')
      ++P;
    if (*P != '\0') {
      Error = "unexpected character at column " + std::to_string(P - Line + 1);
      return -1;
    }
    return Count;
  }
}

// Checks one parsed line of the digits file; "" when it is valid.
std::string checkDigitsLine(const int *Values, int Count) {
  if (Count != DigitsValues)
    return std::to_string(Count) + " values, expected " +
           std::to_string(DigitsValues) + " (64 pixels and a label)";
  for (int I = 0; I < DigitsPixels; ++I)
    if (Values[I] < 0 || Values[I] > MaxPixel)
      return "pixel " + std::to_string(I + 1) + " is " +
             std::to_string(Values[I]) + ", not in 0.." +
             std::to_string(MaxPixel);
  if (Values[DigitsPixels] < 0 || Values[DigitsPixels] >= DigitsClasses)
    return "label " + std::to_string(Values[DigitsPixels]) + " is not in 0.." +
           std::to_string(DigitsClasses - 1);
  return "";
}

void appendSample(Dataset &D, const int *Values) {
  for (int I = 0; I < DigitsPixels; ++I)
    D.X.push_back(static_cast<float>(Values[I]) / MaxPixel);
  D.Y.push_back(Values[DigitsPixels]);
  ++D.Rows;
}

// The error of File's last read ("" if none), without the path zlib puts
// in front of its messages.
std::string zlibError(gzFile File, const std::string &Path) {
  int Code = Z_OK;
  const char *Message = gzerror(File, &Code);
  if (Code == Z_OK)
    return "";
  if (Code == Z_ERRNO)
    return std::strerror(errno);
  std::string Text = Message ? Message : "unknown zlib error";
  if (Text.compare(0, Path.size() + 2, Path + ": ") == 0)
    Text.erase(0, Path.size() + 2);
  return Text;
}

// Reads every line of the open File into Split; false with Error set (its
// reason, without the path) on the first bad line or read error.
bool readDigits(gzFile File, const std::string &Path, TrainTestSplit &Split,
                std::string &Error) {
  char Line[4096];
  int Values[DigitsValues];
  int Lines = 0;
  while (gzgets(File, Line, sizeof(Line))) {
    ++Lines;
    std::string Where = "line " + std::to_string(Lines) + ": ";
    size_t Length = std::strlen(Line);
    // A truncated file ends in the middle of a line: say so, rather than
    // what is wrong with the line's first half. (zlib reads ahead, so the
    // error may be set while whole lines are still to come.)
    std::string ReadError =
        Length && Line[Length - 1] == '\n' ? "" : zlibError(File, Path);
    if (!ReadError.empty()) {
      Error = Where + "cannot decompress: " + ReadError;
      return false;
    }
    if (Length + 1 == sizeof(Line) && Line[Length - 1] != '\n') {
      Error = Where + "longer than " + std::to_string(sizeof(Line) - 2) +
              " characters";
      return false;
    }
    if (Lines > DigitsLines) {
      Error = Where + "more than the " + std::to_string(DigitsLines) +
              " lines of the digits data set";
      return false;
    }
    int Count = parseIntegers(Line, Values, Error);
    if (Count >= 0)
      Error = checkDigitsLine(Values, Count);
    if (!Error.empty()) {
      Error = Where + Error;
      return false;
    }
    // The fixed split (examples/data/README.md), lines counted from 0.
    appendSample((Lines - 1) % 4 == 3 ? Split.Test : Split.Train, Values);
  }
  // gzgets returns null at the end of the data and on errors alike; a
  // truncated file is an error ("unexpected end of file").
  std::string ReadError = zlibError(File, Path);
  if (!ReadError.empty()) {
    Error = "cannot decompress after line " + std::to_string(Lines) + ": " +
            ReadError;
    return false;
  }
  if (Lines != DigitsLines) {
    Error = std::to_string(Lines) + " lines, expected " +
            std::to_string(DigitsLines);
    return false;
  }
  return true;
}

// Uniform in [0, 1) from one 32-bit output of the generator (mt19937's
// output is the same everywhere; std::uniform_real_distribution is not).
double uniform01(std::mt19937 &Gen) {
  return static_cast<double>(Gen() & 0xffffffffU) * 0x1p-32;
}

// A standard normal draw by the Box-Muller transform (its cosine half).
double standardNormal(std::mt19937 &Gen) {
  double U1 = 1.0 - uniform01(Gen); // In (0, 1]: log(0) is -inf.
  double U2 = uniform01(Gen);
  const double TwoPi = 6.283185307179586;
  return std::sqrt(-2.0 * std::log(U1)) * std::cos(TwoPi * U2);
}

} // namespace

bool loadDigits(const std::string &Path, TrainTestSplit &Split,
                std::string &Error) {
  Split = TrainTestSplit();
  errno = 0;
  gzFile File = gzopen(Path.c_str(), "rb");
  if (!File) {
    Error = Path + ": cannot open: " +
            (errno ? std::strerror(errno) : "out of memory");
    return false;
  }
  // zlib reads a file without a gzip header as it is; the digits file is
  // always compressed, so anything else is the wrong file.
  if (gzdirect(File)) {
    gzclose_r(File);
    Error = Path + ": not a gzip file (expected the compressed digits data)";
    return false;
  }
  for (Dataset *D : {&Split.Train, &Split.Test}) {
    D->Cols = DigitsPixels;
    D->Classes = DigitsClasses;
  }
  bool Ok = readDigits(File, Path, Split, Error);
  gzclose_r(File);
  if (!Ok)
    Error = Path + ": " + Error;
  return Ok;
}

TrainTestSplit makeSynthetic(int Samples, int Features, int Classes,
                             unsigned Seed, float Spread) {
  std::mt19937 Gen(Seed);
  std::vector<float> Centres(static_cast<size_t>(Classes) * Features);
  for (float &C : Centres)
    C = static_cast<float>(-1.0 + 2.0 * uniform01(Gen));

  TrainTestSplit Split;
  int TrainRows = static_cast<int>(static_cast<int64_t>(Samples) * 3 / 4);
  Split.Train.Rows = TrainRows;
  Split.Test.Rows = Samples - TrainRows;
  for (Dataset *D : {&Split.Train, &Split.Test}) {
    D->Cols = Features;
    D->Classes = Classes;
    D->X.reserve(static_cast<size_t>(D->Rows) * Features);
    D->Y.reserve(D->Rows);
  }
  for (int I = 0; I < Samples; ++I) {
    Dataset &D = I < TrainRows ? Split.Train : Split.Test;
    int Label = I % Classes;
    const float *Centre =
        Centres.data() + static_cast<size_t>(Label) * Features;
    for (int F = 0; F < Features; ++F)
      D.X.push_back(Centre[F] +
                    Spread * static_cast<float>(standardNormal(Gen)));
    D.Y.push_back(Label);
  }
  return Split;
}

double accuracy(const int *Predicted, const int *Labels, int N) {
  if (N <= 0)
    return 0.0;
  int Correct = 0;
  for (int I = 0; I < N; ++I)
    Correct += Predicted[I] == Labels[I];
  return static_cast<double>(Correct) / N;
}
