//===- Exec.cpp - Become another program ----------------------------------===//

#include "Exec.h"

#include "support/Diagnostics.h"

#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <system_error>
#include <unistd.h>
#include <vector>

using namespace llvm;

namespace frugal {

Error execProgram(ArrayRef<std::string> Args) {
  std::vector<char *> Argv;
  for (const std::string &Arg : Args)
    Argv.push_back(const_cast<char *>(Arg.c_str()));
  Argv.push_back(nullptr);
  // Anything buffered would be lost with this process image.
  outs().flush();
  errs().flush();
  ::execv(Argv[0], Argv.data());
  std::error_code EC(errno, std::generic_category());
  return makeError("cannot run '" + Args[0] + "': " + EC.message(),
                   "check that it is an executable clang");
}

} // namespace frugal
