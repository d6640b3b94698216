//===- RecordedArgs.h - Which parameters the entry hook records -*- C++ -*-===//
//
// With FRUGAL_RECORD_ARGS=1 an instrumented function passes the values of
// its integer parameters to __frugal_enter_args, so that static formulas
// over parameter names ("2*m*n*k") can be evaluated with real values.
//
// Clang drops IR value names, so the source names come from debug info: the
// function's own DILocalVariables with an argument number, tied to an IR
// Argument by their first location in the entry block (a #dbg_value of the
// argument when optimised, a #dbg_declare of the alloca it is stored to at
// -O0). The C type of the variable decides whether a parameter is an
// integer and whether it is signed. Pointers, floats, aggregates, booleans
// and `this` are not recorded.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_PASS_RECORDEDARGS_H
#define FRUGAL_PASS_RECORDEDARGS_H

#include "llvm/ADT/SmallVector.h"

#include <string>

namespace llvm {
class Argument;
class Function;
} // namespace llvm

namespace frugal {

struct RecordedArg {
  llvm::Argument *Arg;
  std::string Name; ///< the parameter's name in the source
  bool Signed;      ///< sign-extend to 64 bits (else zero-extend)
};

struct ArgsPlan {
  /// In source order; at most FRUGAL_ARGS_MAX.
  llvm::SmallVector<RecordedArg, 4> Args;
  /// Why integer parameters were left out; empty when none was.
  std::string Note;
};

/// Decides what F's entry hook records. Read-only: call it before F is
/// instrumented.
ArgsPlan planRecordedArgs(llvm::Function &F);

} // namespace frugal

#endif // FRUGAL_PASS_RECORDEDARGS_H
