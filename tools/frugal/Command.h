//===- Command.h - Registry of frugal subcommands ---------------*- C++ -*-===//
//
// Each subcommand lives in its own file: it defines an llvm::cl::SubCommand,
// its options (cl::sub(ThatSubCommand)), a run function, and registers the
// pair with a static CommandRegistration. frugal.cpp then needs no list of
// subcommands: it parses the command line and runs the one cl selected.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_COMMAND_H
#define FRUGAL_TOOLS_FRUGAL_COMMAND_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"

namespace frugal {

/// A subcommand and what runs it once its options are parsed. Run returns the
/// process exit code (see ExitCode).
struct Command {
  llvm::cl::SubCommand *Sub;
  int (*Run)();
};

/// Define one per subcommand at namespace scope:
///   static CommandRegistration Registered(SummaryCommand, runSummary);
class CommandRegistration {
public:
  CommandRegistration(llvm::cl::SubCommand &Sub, int (*Run)());
};

/// Every registered subcommand, in registration order.
llvm::ArrayRef<Command> registeredCommands();

/// The subcommand called \p Name, or null.
const Command *findCommand(llvm::StringRef Name);

/// The subcommand cl selected while parsing, or null for none.
const Command *selectedCommand();

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_COMMAND_H
