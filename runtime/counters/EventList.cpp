//===- EventList.cpp - FRUGAL_EVENTS split into names ---------------------===//
#include "counters/EventList.h"

#include "Log.h"

#include <string.h>

namespace frugal::rt::counters {

namespace {

bool isBlank(char C) { return C == ' ' || C == '\t' || C == '\n'; }

void complain(WarnSink Warn, std::string_view Name, const char *Why) {
  MessageBuilder B;
  B.append("FRUGAL_EVENTS: '").append(Name).append("' ").append(Why);
  if (Warn)
    Warn(B.view());
  else
    warning(B.view());
}

} // namespace

void parseEventList(const char *Text, EventList &Out, WarnSink Warn) {
  Out.Count = 0;
  if (!Text)
    return;
  const char *P = Text;
  while (*P) {
    const char *End = strchr(P, ',');
    if (!End)
      End = P + strlen(P);
    const char *B = P, *E = End;
    while (B < E && isBlank(*B))
      ++B;
    while (E > B && isBlank(E[-1]))
      --E;
    P = *End ? End + 1 : End;
    std::string_view Name(B, size_t(E - B));
    if (Name.empty())
      continue;
    if (Name.size() >= MaxEventNameBytes) {
      complain(Warn, Name.substr(0, 40), "is too long; it is ignored");
      continue;
    }
    bool Duplicate = false;
    for (unsigned I = 0; I < Out.Count; ++I)
      Duplicate |= Name == Out.Names[I];
    if (Duplicate) {
      complain(Warn, Name, "is listed twice; counted once");
      continue;
    }
    if (Out.Count == MaxListedEvents) {
      complain(Warn, Name,
               "and the names after it are ignored (at most 16 "
               "names)");
      return;
    }
    memcpy(Out.Names[Out.Count], Name.data(), Name.size());
    Out.Names[Out.Count][Name.size()] = '\0';
    ++Out.Count;
  }
}

} // namespace frugal::rt::counters
