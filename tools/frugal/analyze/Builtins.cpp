//===- Builtins.cpp - Costs of common library functions -------------------===//

#include "Builtins.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

#include <initializer_list>

using namespace llvm;

namespace frugal::analysis {

namespace {

/// What a built-in costs, by family; the arguments it reads are in
/// builtinCost.
enum class Kind {
  Math,       ///< one MathCalls entry, under the base name
  Fma,        ///< FMA += 1
  Constant,   ///< O(1), nothing counted
  IO,         ///< O(1), nothing counted, an Uncounted line
  Gemm,       ///< cblas_?gemm
  Gemv,       ///< cblas_?gemv
  Dot,        ///< cblas_?dot
  Axpy,       ///< cblas_?axpy
  Scal,       ///< cblas_?scal
  Memcpy,     ///< memcpy, memmove
  Memset,     ///< memset
  Alloc,      ///< HeapBytes += the argument SizeArg
  Calloc,     ///< calloc(count, size)
  PushBack,   ///< vector::push_back, emplace_back
  Reserve,    ///< vector::reserve(n)
  Resize,     ///< vector::resize(n)
  StdMoveCast ///< std::move(x), std::forward(x): a cast (with one argument)
};

struct Entry {
  Kind K;
  /// Element size of the BLAS routines (4 for s, 8 for d).
  unsigned ElementBytes = 0;
  /// The size argument of Kind::Alloc.
  unsigned SizeArg = 0;
  /// Only a built-in when the callee is in namespace std (free operators
  /// and manipulators whose name a user's function could share).
  bool StdOnly = false;
};

/// libm, by the double form's name. The float ("expf") and long double
/// ("expl") forms and std:: overloads map here (see builtinName).
const char *const MathFunctions[] = {
    "exp",    "exp2",  "expm1",  "log",       "log2",     "log10",
    "log1p",  "logb",  "ilogb",  "sqrt",      "cbrt",     "pow",
    "sin",    "cos",   "tan",    "asin",      "acos",     "atan",
    "atan2",  "sinh",  "cosh",   "tanh",      "asinh",    "acosh",
    "atanh",  "erf",   "erfc",   "tgamma",    "lgamma",   "fabs",
    "floor",  "ceil",  "round",  "lround",    "llround",  "trunc",
    "rint",   "lrint", "llrint", "nearbyint", "fmod",     "remainder",
    "remquo", "fmax",  "fmin",   "fdim",      "hypot",    "ldexp",
    "frexp",  "modf",  "scalbn", "scalbln",   "copysign", "nextafter",
    "sincos", "exp10"};

const StringSet<> &mathSet() {
  static const StringSet<> Set = [] {
    StringSet<> S;
    for (const char *Name : MathFunctions)
      S.insert(Name);
    return S;
  }();
  return Set;
}

const StringMap<Entry> &table() {
  static const StringMap<Entry> Table = [] {
    StringMap<Entry> T;
    auto Add = [&T](std::initializer_list<const char *> Names, Entry E) {
      for (const char *Name : Names)
        T[Name] = E;
    };
    for (const char *Name : MathFunctions)
      T[Name] = Entry{Kind::Math};
    Add({"fma"}, {Kind::Fma});

    // O(1): no counted operations, but not free either.
    Add({"rand",
         "rand_r",
         "srand",
         "random",
         "srandom",
         "drand48",
         "abs",
         "labs",
         "llabs",
         "div",
         "ldiv",
         "lldiv",
         "free",
         "exit",
         "_exit",
         "_Exit",
         "quick_exit",
         "abort",
         "terminate",
         "__assert_fail",
         "__assert_rtn",
         "__assert",
         "time",
         "clock",
         "clock_gettime",
         "gettimeofday",
         "getenv",
         "min",
         "max",
         "isnan",
         "isinf",
         "isfinite",
         "isnormal",
         "signbit",
         "omp_get_thread_num",
         "omp_get_num_threads",
         "omp_get_max_threads",
         "omp_set_num_threads",
         "omp_get_wtime",
         "operator delete",
         "operator delete[]"},
        {Kind::Constant});
    Add({"move", "forward"}, {Kind::StdMoveCast, 0, 0, /*StdOnly=*/true});
    // Constant-time members of the standard containers and smart pointers.
    for (const char *Class :
         {"vector", "array", "basic_string", "string", "wstring",
          "basic_string_view", "string_view", "span"})
      for (const char *Member :
           {"size", "empty", "data", "operator[]", "at", "front", "back",
            "begin", "end", "cbegin", "cend", "rbegin", "rend", "capacity",
            "max_size", "pop_back", "length", "c_str"})
        T[std::string(Class) + "::" + Member] = Entry{Kind::Constant};
    for (const char *Class : {"unique_ptr", "shared_ptr"})
      for (const char *Member :
           {"get", "operator*", "operator->", "operator[]", "operator bool"})
        T[std::string(Class) + "::" + Member] = Entry{Kind::Constant};

    // I/O: constant here, with an Uncounted line (its time is the
    // system's).
    Add({"printf",   "fprintf",   "sprintf", "snprintf", "vprintf", "vfprintf",
         "vsprintf", "vsnprintf", "dprintf", "puts",     "fputs",   "putchar",
         "fputc",    "putc",      "perror",  "fflush",   "fopen",   "fclose",
         "fread",    "fwrite",    "fgets",   "fgetc",    "getc",    "getchar",
         "scanf",    "fscanf",    "sscanf",  "read",     "write"},
        {Kind::IO});
    for (const char *Class : {"basic_ostream", "ostream", "basic_istream",
                              "istream", "basic_iostream", "iostream"})
      for (const char *Member : {"operator<<", "operator>>", "write", "put",
                                 "flush", "read", "get", "getline"})
        T[std::string(Class) + "::" + Member] = Entry{Kind::IO};
    Add({"operator<<", "operator>>", "endl", "flush", "getline"},
        {Kind::IO, 0, 0, /*StdOnly=*/true});

    // CBLAS.
    Add({"cblas_sgemm"}, {Kind::Gemm, 4});
    Add({"cblas_dgemm"}, {Kind::Gemm, 8});
    Add({"cblas_sgemv"}, {Kind::Gemv, 4});
    Add({"cblas_dgemv"}, {Kind::Gemv, 8});
    Add({"cblas_sdot"}, {Kind::Dot, 4});
    Add({"cblas_ddot"}, {Kind::Dot, 8});
    Add({"cblas_saxpy"}, {Kind::Axpy, 4});
    Add({"cblas_daxpy"}, {Kind::Axpy, 8});
    Add({"cblas_sscal"}, {Kind::Scal, 4});
    Add({"cblas_dscal"}, {Kind::Scal, 8});

    // Memory.
    Add({"memcpy", "memmove"}, {Kind::Memcpy});
    Add({"memset"}, {Kind::Memset});
    Add({"malloc", "operator new", "operator new[]", "_mm_malloc"},
        {Kind::Alloc, 0, /*SizeArg=*/0});
    Add({"realloc", "aligned_alloc"}, {Kind::Alloc, 0, /*SizeArg=*/1});
    Add({"posix_memalign"}, {Kind::Alloc, 0, /*SizeArg=*/2});
    Add({"calloc"}, {Kind::Calloc});
    for (const char *Class : {"vector", "basic_string", "string"}) {
      T[std::string(Class) + "::push_back"] = Entry{Kind::PushBack};
      T[std::string(Class) + "::emplace_back"] = Entry{Kind::PushBack};
      T[std::string(Class) + "::reserve"] = Entry{Kind::Reserve};
      T[std::string(Class) + "::resize"] = Entry{Kind::Resize};
    }
    return T;
  }();
  return Table;
}

/// Operators whose spelling has characters the name splitting treats
/// specially, longest first.
const char *const Operators[] = {
    "operator delete[]", "operator new[]", "operator delete", "operator new",
    "operator bool",     "operator<<",     "operator>>",      "operator[]",
    "operator()",        "operator->",     "operator*"};

/// One component of a qualified name without its template arguments:
/// "vector<float>" is "vector", "operator<<<std::char_traits<char>>" is
/// "operator<<".
StringRef withoutTemplateArgs(StringRef Component) {
  Component = Component.trim();
  if (Component.starts_with("operator")) {
    for (const char *Op : Operators)
      if (Component.starts_with(Op))
        return Op;
    return Component;
  }
  return Component.take_until([](char C) { return C == '<'; }).rtrim();
}

/// Splits Name at the "::" outside template arguments and parentheses.
SmallVector<StringRef, 4> splitQualified(StringRef Name) {
  SmallVector<StringRef, 4> Parts;
  int Depth = 0;
  size_t Start = 0;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    if (C == '<' || C == '(') {
      ++Depth;
    } else if ((C == '>' || C == ')') && Depth > 0) {
      --Depth;
    } else if (Depth == 0 && C == ':' && I + 1 < Name.size() &&
               Name[I + 1] == ':') {
      Parts.push_back(Name.slice(Start, I));
      Start = I + 2;
      ++I;
    }
  }
  Parts.push_back(Name.substr(Start));
  return Parts;
}

struct ParsedName {
  std::string Name; ///< as builtinName returns it
  bool InStd = false;
};

ParsedName parseName(StringRef CalleeName) {
  SmallVector<StringRef, 4> Parts = splitQualified(CalleeName.trim());
  ParsedName Out;
  size_t First = 0;
  if (First < Parts.size() && Parts[First].trim().empty())
    ++First; // "::exp"
  if (First + 1 < Parts.size() && Parts[First].trim() == "std") {
    Out.InStd = true;
    ++First;
    // Inline namespaces of libc++, libstdc++ and the NDK.
    while (First + 1 < Parts.size() &&
           (Parts[First] == "__1" || Parts[First] == "__cxx11" ||
            Parts[First] == "__ndk1"))
      ++First;
  }
  SmallVector<std::string, 4> Components;
  for (size_t I = First; I < Parts.size(); ++I)
    Components.push_back(withoutTemplateArgs(Parts[I]).str());
  if (Components.empty())
    return Out;

  std::string &Last = Components.back();
  if (Components.size() == 1) {
    StringRef Base = Last;
    // clang's builtins and glibc's fortified forms (_FORTIFY_SOURCE):
    // __builtin_memcpy, __memcpy_chk, __printf_chk.
    if (Base.consume_front("__builtin_")) {
    } else if (Base.starts_with("__") && Base.ends_with("_chk") &&
               Base.size() > 6) {
      Base = Base.drop_front(2).drop_back(4);
    }
    // expf, expl: the double form. Exact names first: erf, modf, fmaf.
    if (!mathSet().contains(Base) && Base != "fma" && Base.size() > 1 &&
        (Base.ends_with("f") || Base.ends_with("l"))) {
      StringRef Double = Base.drop_back();
      if (mathSet().contains(Double) || Double == "fma")
        Base = Double;
    }
    Last = Base.str();
  }
  std::string Joined;
  for (size_t I = 0; I < Components.size(); ++I) {
    if (I)
      Joined += "::";
    Joined += Components[I];
  }
  Out.Name = std::move(Joined);
  return Out;
}

std::optional<Expr> arg(const CallSite &CS, size_t I) {
  if (I < CS.Args.size())
    return CS.Args[I];
  return std::nullopt;
}

std::string atLine(const CallSite &CS) {
  std::string S;
  raw_string_ostream(S) << CS.CalleeName << " at line " << CS.Line;
  return S;
}

/// A call whose cost needs what the caller cannot express: nothing counted
/// but a line saying so.
BuiltinCost notExpressible(const CallSite &CS, StringRef What) {
  BuiltinCost Out;
  Out.Conf = Confidence::Unknown;
  Out.Reason = atLine(CS) + ": " + What.str();
  Out.PerCall.Uncounted.push_back(Out.Reason);
  return Out;
}

constexpr StringLiteral NotInParams =
    " not expressible in the caller's parameters";

} // namespace

std::string builtinName(StringRef CalleeName) {
  return parseName(CalleeName).Name;
}

std::optional<BuiltinCost> builtinCost(const CallSite &CS) {
  ParsedName Parsed = parseName(CS.CalleeName);
  if (Parsed.Name.empty())
    return std::nullopt;
  auto It = table().find(Parsed.Name);
  if (It == table().end())
    return std::nullopt;
  const Entry &E = It->second;
  if (E.StdOnly && !Parsed.InStd)
    return std::nullopt;

  BuiltinCost Out;
  Cost &C = Out.PerCall;
  Expr Elem = Expr::number(E.ElementBytes);
  switch (E.K) {
  case Kind::Math:
    C.MathCalls[Parsed.Name] = Expr::number(1);
    break;
  case Kind::Fma:
    C.FMA = Expr::number(1);
    break;
  case Kind::Constant:
    break;
  case Kind::StdMoveCast:
    // std::move(first, last, out) is the algorithm, not the cast.
    if (CS.Args.size() > 1)
      return std::nullopt;
    break;
  case Kind::IO:
    C.Uncounted.push_back(atLine(CS) + ": I/O, not counted");
    break;
  case Kind::Gemm: {
    // (Order, TransA, TransB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc)
    std::optional<Expr> M = arg(CS, 3), N = arg(CS, 4), K = arg(CS, 5);
    if (!M || !N || !K)
      return notExpressible(
          CS, (Twine("dimensions (M, N, K)") + NotInParams).str());
    Expr MNK = *M * *N * *K;
    C.FMul = MNK;
    C.FAdd = MNK;
    C.LoadBytes = Elem * (*M * *K + *K * *N + *M * *N);
    C.StoreBytes = Elem * *M * *N;
    C.BytesTouched = C.LoadBytes;
    C.Iterations = MNK;
    break;
  }
  case Kind::Gemv: {
    // (Order, Trans, M, N, alpha, A, lda, X, incX, beta, Y, incY). With
    // Trans, X has M elements and Y N; the sum is the same.
    std::optional<Expr> M = arg(CS, 2), N = arg(CS, 3);
    if (!M || !N)
      return notExpressible(CS,
                            (Twine("dimensions (M, N)") + NotInParams).str());
    Expr MN = *M * *N;
    C.FMul = MN;
    C.FAdd = MN;
    C.LoadBytes = Elem * (MN + *M + *N);
    C.StoreBytes = Elem * *M;
    C.BytesTouched = C.LoadBytes;
    C.Iterations = MN;
    break;
  }
  case Kind::Dot:
  case Kind::Axpy:
  case Kind::Scal: {
    // dot(N, X, incX, Y, incY), axpy(N, alpha, X, incX, Y, incY),
    // scal(N, alpha, X, incX).
    std::optional<Expr> N = arg(CS, 0);
    if (!N)
      return notExpressible(CS, (Twine("length (N)") + NotInParams).str());
    C.FMul = *N;
    C.Iterations = *N;
    if (E.K == Kind::Scal) {
      C.LoadBytes = Elem * *N;
      C.StoreBytes = C.LoadBytes;
      C.BytesTouched = C.LoadBytes;
      break;
    }
    C.FAdd = *N;
    C.LoadBytes = Expr::number(2) * Elem * *N;
    C.BytesTouched = C.LoadBytes;
    if (E.K == Kind::Axpy)
      C.StoreBytes = Elem * *N;
    break;
  }
  case Kind::Memcpy: {
    // A loop over the bytes in libc.
    std::optional<Expr> N = arg(CS, 2);
    if (!N)
      return notExpressible(CS, (Twine("size") + NotInParams).str());
    C.LoadBytes = *N;
    C.StoreBytes = *N;
    C.BytesTouched = Expr::number(2) * *N;
    C.Iterations = *N;
    break;
  }
  case Kind::Memset: {
    std::optional<Expr> N = arg(CS, 2);
    if (!N)
      return notExpressible(CS, (Twine("size") + NotInParams).str());
    C.StoreBytes = *N;
    C.BytesTouched = *N;
    C.Iterations = *N;
    break;
  }
  case Kind::Alloc: {
    std::optional<Expr> N = arg(CS, E.SizeArg);
    if (!N)
      return notExpressible(CS, (Twine("size") + NotInParams).str());
    C.HeapBytes = *N;
    break;
  }
  case Kind::Calloc: {
    std::optional<Expr> Count = arg(CS, 0), Size = arg(CS, 1);
    if (!Count || !Size)
      return notExpressible(CS, (Twine("size") + NotInParams).str());
    C.HeapBytes = *Count * *Size;
    C.StoreBytes = C.HeapBytes; // zeroing
    break;
  }
  case Kind::PushBack:
  case Kind::Reserve:
  case Kind::Resize: {
    if (CS.ElementBytes == 0)
      return notExpressible(CS, "element size unknown");
    Expr Size = Expr::number(static_cast<int64_t>(CS.ElementBytes));
    if (E.K == Kind::PushBack) {
      // Amortized: one element stored and allocated per call. Geometric
      // growth allocates at most twice the final capacity over the
      // vector's life; this counts the final size once.
      C.StoreBytes = Size;
      C.HeapBytes = Size;
      break;
    }
    std::optional<Expr> N = arg(CS, 0);
    if (!N)
      return notExpressible(CS, (Twine("size") + NotInParams).str());
    C.HeapBytes = *N * Size;
    if (E.K == Kind::Resize) {
      // Counted as growing from empty: an upper bound.
      C.StoreBytes = C.HeapBytes;
      C.BytesTouched = C.HeapBytes;
      C.Iterations = *N;
      Out.Conf = Confidence::UpperBound;
      Out.Reason = atLine(CS) + ": counted as growing from empty";
    }
    break;
  }
  }
  return Out;
}

} // namespace frugal::analysis
