//===- Command.cpp - Registry of frugal subcommands -----------------------===//

#include "Command.h"

#include <vector>

using namespace llvm;

namespace frugal {

// A function-local static, so registrations from other files' static
// initialisers work whatever order the linker puts those files in.
static std::vector<Command> &registry() {
  static std::vector<Command> Commands;
  return Commands;
}

CommandRegistration::CommandRegistration(cl::SubCommand &Sub, int (*Run)()) {
  registry().push_back({&Sub, Run});
}

ArrayRef<Command> registeredCommands() { return registry(); }

const Command *findCommand(StringRef Name) {
  for (const Command &C : registry())
    if (C.Sub->getName() == Name)
      return &C;
  return nullptr;
}

const Command *selectedCommand() {
  for (const Command &C : registry())
    if (*C.Sub)
      return &C;
  return nullptr;
}

} // namespace frugal
