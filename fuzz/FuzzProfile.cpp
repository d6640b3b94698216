//===- FuzzProfile.cpp - libFuzzer target: the profile reader -------------===//
//
// parseProfile is what readProfile runs on a file's text: every frugal
// command that takes a profile goes through it. Besides "no crash", a
// profile it accepts must survive writeProfile and read back (frugal merge
// writes profiles that other commands then read).
//
//===----------------------------------------------------------------------===//
#include "Profile.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>

using namespace frugal;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  llvm::Expected<Profile> Prof = parseProfile(Text, "fuzz.json");
  if (!Prof) {
    llvm::consumeError(Prof.takeError());
    return 0;
  }
  std::string Written;
  llvm::raw_string_ostream OS(Written);
  writeProfile(OS, *Prof);
  OS.flush();
  llvm::Expected<Profile> Again = parseProfile(Written, "rewritten.json");
  if (!Again) {
    llvm::errs() << "fuzz: a profile parseProfile accepted does not read "
                    "back after writeProfile: "
                 << llvm::toString(Again.takeError()) << "\n";
    abort();
  }
  return 0;
}
