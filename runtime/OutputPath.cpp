//===- OutputPath.cpp - Expanding the FRUGAL_OUTPUT template --------------===//
#include "OutputPath.h"

#include "Log.h"

#include <charconv>
#include <string.h>

namespace frugal::rt {

namespace {
constinit OnceFlag UnknownEscapeWarning;
constinit OnceFlag TooLongWarning;
} // namespace

bool expandOutputTemplate(const char *Template, const PathValues &Values,
                          char *Out, size_t Cap, unsigned &UnknownEscapes) {
  UnknownEscapes = 0;
  size_t Len = 0;
  auto Append = [&](const char *S, size_t N) {
    if (Len + N >= Cap)
      return false;
    memcpy(Out + Len, S, N);
    Len += N;
    return true;
  };
  // A value substituted for %h, %e or %r becomes one path component,
  // never several and never a step up: '/' turns into '_', and "." or ".."
  // into "_" or "__". The executable's base name has no '/' and the rank
  // is digits, but a host name may hold any byte (sethostname() checks
  // none): without this "/out/%h/p.json" on a host named ".." would write
  // /p.json.
  auto AppendComponent = [&](const char *S) {
    bool Dots = !strcmp(S, ".") || !strcmp(S, "..");
    for (; *S; ++S)
      if (!Append(*S == '/' || Dots ? "_" : S, 1))
        return false;
    return true;
  };
  for (const char *P = Template; *P; ++P) {
    bool Ok;
    if (*P != '%') {
      Ok = Append(P, 1);
    } else {
      switch (P[1]) {
      case 'p': {
        char Tmp[24];
        auto R = std::to_chars(Tmp, Tmp + sizeof(Tmp), Values.Pid);
        Ok = Append(Tmp, static_cast<size_t>(R.ptr - Tmp));
        ++P;
        break;
      }
      case 'h':
        Ok = AppendComponent(Values.Host);
        ++P;
        break;
      case 'e':
        Ok = AppendComponent(Values.Executable);
        ++P;
        break;
      case 'r':
        Ok = AppendComponent(Values.Rank);
        ++P;
        break;
      case '%':
        Ok = Append("%", 1);
        ++P;
        break;
      default: // unknown or trailing: keep the '%' (the next char follows)
        ++UnknownEscapes;
        Ok = Append("%", 1);
      }
    }
    if (!Ok) {
      if (Cap)
        Out[0] = '\0';
      return false;
    }
  }
  if (Cap == 0)
    return false;
  Out[Len] = '\0';
  return true;
}

bool templateHasPid(const char *Template) {
  for (const char *P = Template; *P; ++P)
    if (*P == '%') {
      if (P[1] == 'p')
        return true;
      if (P[1] == '\0')
        break;
      ++P; // skip the escaped char ("%%p" is not %p)
    }
  return false;
}

bool appendPidSuffix(char *Path, size_t Cap, pid_t Pid) {
  char Tmp[24] = ".";
  auto R = std::to_chars(Tmp + 1, Tmp + sizeof(Tmp), Pid);
  size_t N = static_cast<size_t>(R.ptr - Tmp);
  size_t Len = strlen(Path);
  if (Len + N >= Cap)
    return false;
  memcpy(Path + Len, Tmp, N);
  Path[Len + N] = '\0';
  return true;
}

bool insertCopySuffix(char *Path, size_t Cap, const char *Module) {
  constexpr char Json[] = ".json";
  constexpr size_t JsonLen = sizeof(Json) - 1;
  size_t Len = strlen(Path), ModuleLen = strlen(Module);
  // Keep the extension last, so that a glob of the first copy's path
  // ("frugal-app-*.json") finds every copy's profile; a bare ".json" names
  // no file and is not an extension.
  size_t Insert = Len;
  if (Len > JsonLen && !strcmp(Path + Len - JsonLen, Json) &&
      Path[Len - JsonLen - 1] != '/')
    Insert = Len - JsonLen;
  if (Len + 1 + ModuleLen >= Cap)
    return false;
  memmove(Path + Insert + 1 + ModuleLen, Path + Insert, Len - Insert + 1);
  Path[Insert] = '.';
  memcpy(Path + Insert + 1, Module, ModuleLen);
  return true;
}

void computeOutputPath(const char *Template, const PathValues &Values,
                       bool IsForkChild, char (&Out)[PathCapacity]) {
  unsigned Unknown = 0;
  bool Ok = expandOutputTemplate(Template, Values, Out, PathCapacity, Unknown);
  if (Unknown && UnknownEscapeWarning.first())
    warning("FRUGAL_OUTPUT='", Template, "' has ", Unknown,
            " unknown %-sequence(s); they are kept literally (known: %p %h "
            "%e %r %%)");
  bool HasPid = templateHasPid(Template);
  bool IsCopy = Values.Copy && *Values.Copy;
  if (Ok && IsCopy)
    Ok = insertCopySuffix(Out, PathCapacity, Values.Copy);
  if (Ok && IsForkChild && !HasPid)
    Ok = appendPidSuffix(Out, PathCapacity, Values.Pid);
  if (Ok)
    return;
  if (TooLongWarning.first())
    warning("FRUGAL_OUTPUT='", Template,
            "' expands to a path that is too long; using ",
            DefaultOutputTemplate);
  expandOutputTemplate(DefaultOutputTemplate, Values, Out, PathCapacity,
                       Unknown);
  if (IsCopy)
    insertCopySuffix(Out, PathCapacity, Values.Copy);
}

bool isConfigureTestProgram(const char *BaseName) {
  return !strncmp(BaseName, "conftest", 8) || !strncmp(BaseName, "cmTC_", 5);
}

} // namespace frugal::rt
