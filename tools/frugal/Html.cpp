//===- Html.cpp - Self-contained HTML reports -----------------------------===//
//
// Fills the page template (tools/frugal/html/page.html, embedded at build
// time with the charting library and our scripts; see html/CMakeLists.txt):
// each <!--frugal:NAME--> becomes the title, the JSON data, the library,
// its version or our script. The page draws everything from the data.
//
//===----------------------------------------------------------------------===//

#include "Html.h"
#include "html/HtmlAssets.h"

#include "llvm/Support/ErrorHandling.h"

#include <string>

using namespace llvm;

namespace frugal {

namespace {
/// Passes JSON through, escaping what would end or confuse the <script>
/// element it sits in. '<', '>' and '&' only occur inside JSON strings,
/// where their \u escapes mean the same to JSON.parse.
class ScriptSafeStream : public raw_ostream {
public:
  explicit ScriptSafeStream(raw_ostream &OS) : OS(OS) {}
  ~ScriptSafeStream() override { flush(); }

private:
  void write_impl(const char *Ptr, size_t Size) override {
    size_t Start = 0;
    for (size_t I = 0; I < Size; ++I) {
      const char *Escape = Ptr[I] == '<'   ? "\\u003c"
                           : Ptr[I] == '>' ? "\\u003e"
                           : Ptr[I] == '&' ? "\\u0026"
                                           : nullptr;
      if (!Escape)
        continue;
      OS.write(Ptr + Start, I - Start);
      OS << Escape;
      Start = I + 1;
    }
    OS.write(Ptr + Start, Size - Start);
    Pos += Size;
  }
  uint64_t current_pos() const override { return Pos; }

  raw_ostream &OS;
  uint64_t Pos = 0;
};
} // namespace

static void writeChunks(raw_ostream &OS, const char *const *Chunks) {
  for (; *Chunks; ++Chunks)
    OS << *Chunks;
}

static void writeEscapedText(raw_ostream &OS, StringRef Text) {
  for (char C : Text) {
    switch (C) {
    case '&':
      OS << "&amp;";
      break;
    case '<':
      OS << "&lt;";
      break;
    case '>':
      OS << "&gt;";
      break;
    case '"':
      OS << "&quot;";
      break;
    default:
      OS << C;
    }
  }
}

void writeHtml(raw_ostream &OS, StringRef Title, const json::Value &Data) {
  writeHtml(OS, Title, [&Data](raw_ostream &DataOS) { DataOS << Data; });
}

void writeHtml(raw_ostream &OS, StringRef Title,
               function_ref<void(raw_ostream &)> WriteData) {
  std::string Template;
  for (const char *const *Chunk = html::PageTemplate; *Chunk; ++Chunk)
    Template += *Chunk;

  StringRef Rest = Template;
  constexpr StringLiteral Open = "<!--frugal:", Close = "-->";
  while (true) {
    size_t At = Rest.find(Open);
    OS << Rest.substr(0, At);
    if (At == StringRef::npos)
      break;
    Rest = Rest.substr(At + Open.size());
    size_t End = Rest.find(Close);
    if (End == StringRef::npos)
      report_fatal_error("page.html: unterminated <!--frugal: marker");
    StringRef Name = Rest.substr(0, End);
    Rest = Rest.substr(End + Close.size());
    if (Name == "title") {
      writeEscapedText(OS, Title);
    } else if (Name == "data") {
      ScriptSafeStream Safe(OS);
      WriteData(Safe);
    } else if (Name == "chart-library") {
      writeChunks(OS, html::ChartLibrary);
    } else if (Name == "library-version") {
      OS << html::ChartLibraryVersion;
    } else if (Name == "page-script") {
      writeChunks(OS, html::PageScript);
    } else {
      report_fatal_error("page.html: unknown marker <!--frugal:" + Name +
                         "-->");
    }
  }
}

} // namespace frugal
