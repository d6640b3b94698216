//===- Diagnostics.cpp - How frugal tools report errors -------------------===//

#include "support/Diagnostics.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace frugal {

Error makeError(const Twine &What, const Twine &Fix) {
  return createStringError(inconvertibleErrorCode(), What + "; " + Fix);
}

void printError(Error E) {
  handleAllErrors(std::move(E), [](const ErrorInfoBase &EI) {
    WithColor::error(errs(), "frugal") << EI.message() << '\n';
  });
}

void printError(const Twine &What, const Twine &Fix) {
  printError(makeError(What, Fix));
}

int reportError(Error E) {
  printError(std::move(E));
  return ExitFailure;
}

} // namespace frugal
