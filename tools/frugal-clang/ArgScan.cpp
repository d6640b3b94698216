//===- ArgScan.cpp - What a clang command line asks for -------------------===//

#include "ArgScan.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace frugal {

// Options whose value may be the next argument: that argument is neither an
// input nor an option. (The joined forms, -Idir or -ofile, are one argument
// and need no entry.) Not every clang option, but all that take a path or a
// name which could look like an input or a flag we look for.
static constexpr StringLiteral SeparateValueOptions[] = {
    "-o",          "-x",           "-I",
    "-D",          "-U",           "-L",
    "-l",          "-u",           "-T",
    "-e",          "-z",           "-B",
    "-F",          "-include",     "-imacros",
    "-include-pch", "-isystem",    "-iquote",
    "-idirafter",  "-iprefix",     "-iwithprefix",
    "-iwithprefixbefore", "-isysroot", "--sysroot",
    "-ivfsoverlay", "-resource-dir", "-target",
    "-arch",       "-MF",          "-MT",
    "-MQ",         "-MJ",          "-dependency-file",
    "-serialize-diagnostics", "--param", "-mllvm",
    "-Xclang",     "-Xlinker",     "-Xassembler",
    "-Xpreprocessor", "-Xopenmp-target", "-Xoffload-linker",
    "-Xcuda-ptxas", "-Xcuda-fatbinary",
};

// Options after which clang does not link.
static constexpr StringLiteral StopBeforeLinkOptions[] = {
    "-c", "-S", "-E", "-M", "-MM", "-fsyntax-only", "--precompile",
    "-emit-ast", "--analyze",
};

// -g options that choose how much debug info to emit. Modifiers (-gz,
// -gsplit-dwarf, -gcolumn-info, -gno-*...) do not, nor do the unrelated
// -gcc-toolchain= and -gen-reproducer.
static constexpr StringLiteral DebugLevelOptions[] = {
    "-g",      "-g0",      "-g1",      "-g2",      "-g3",
    "-ggdb",   "-ggdb0",   "-ggdb1",   "-ggdb2",   "-ggdb3",
    "-glldb",  "-gsce",    "-gdbx",    "-gline-tables-only",
    "-gline-directives-only", "-gdwarf", "-gdwarf-2", "-gdwarf-3",
    "-gdwarf-4", "-gdwarf-5",
};

static bool takesSeparateValue(StringRef Arg) {
  return is_contained(SeparateValueOptions, Arg) || Arg.starts_with("-Xarch_");
}

bool isLld(StringRef Linker) {
  StringRef Name = sys::path::filename(Linker);
  return Name == "lld" || Name.starts_with("ld.lld") ||
         Name.starts_with("lld-");
}

ArgScan scanArgs(ArrayRef<StringRef> Args) {
  ArgScan Scan;
  for (size_t I = 0; I < Args.size(); ++I) {
    StringRef Arg = Args[I];
    if (takesSeparateValue(Arg)) {
      ++I; // Skip the value.
      continue;
    }
    if (Arg == "-" || !Arg.starts_with("-")) {
      Scan.HasInputs = true;
      continue;
    }
    if (is_contained(StopBeforeLinkOptions, Arg))
      Scan.StopsBeforeLink = true;
    else if (is_contained(DebugLevelOptions, Arg))
      Scan.ChoosesDebugInfo = true;
    else if (Arg == "-flto" || Arg.starts_with("-flto="))
      Scan.Lto = true;
    else if (Arg == "-fno-lto")
      Scan.Lto = false;
    else if (Arg.consume_front("-fuse-ld=") || Arg.consume_front("--ld-path="))
      Scan.Linker = Arg.str();
  }
  return Scan;
}

} // namespace frugal
