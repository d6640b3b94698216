//===- HtmlFromJson.cpp - Test driver: the HTML page of a JSON file -------===//
//
// frugal-html-from-json [--raw] IN.json OUT.html [TITLE]: writes the page
// that `--format html` writes for IN.json (what --format json prints), so
// the page's tests (test/tools/html) can render hand-made fixtures of every
// kind without the command that makes them. Not installed. --raw embeds
// the text as it is, through the streaming writeHtml, without parsing it:
// for large fixtures, and for broken ones that the page must report.
//
//===----------------------------------------------------------------------===//

#include "Html.h"
#include "support/Diagnostics.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace frugal;

int main(int Argc, char **Argv) {
  bool Raw = Argc > 1 && StringRef(Argv[1]) == "--raw";
  if (Raw) {
    --Argc;
    ++Argv;
  }
  if (Argc < 3 || Argc > 4) {
    printError("usage: frugal-html-from-json [--raw] IN.json OUT.html [TITLE]",
               "pass the JSON file and the page to write");
    return ExitUsage;
  }
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buffer =
      MemoryBuffer::getFile(Argv[1], /*IsText=*/true);
  if (!Buffer) {
    printError("cannot read '" + Twine(Argv[1]) +
                   "': " + Buffer.getError().message(),
               "check the path");
    return ExitUsage;
  }
  StringRef Title = Argc == 4 ? Argv[3] : "frugal report";
  std::error_code EC;
  raw_fd_ostream OS(Argv[2], EC);
  if (EC) {
    printError("cannot write '" + Twine(Argv[2]) + "': " + EC.message(),
               "check that the directory exists and is writable");
    return ExitFailure;
  }
  if (Raw) {
    StringRef Text = (*Buffer)->getBuffer();
    writeHtml(OS, Title, [Text](raw_ostream &DataOS) { DataOS << Text; });
    return ExitSuccess;
  }
  Expected<json::Value> Data = json::parse((*Buffer)->getBuffer());
  if (!Data) {
    printError("invalid JSON in " + Twine(Argv[1]) + ": " +
                   toString(Data.takeError()),
               "pass what a command writes with --format json");
    return ExitUsage;
  }
  writeHtml(OS, Title, *Data);
  return ExitSuccess;
}
