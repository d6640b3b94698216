//===- CloseMatches.cpp - "did you mean" for unknown event names ----------===//
#include "counters/CloseMatches.h"

#include <string.h>

namespace frugal::rt::counters {

namespace {

constexpr size_t MaxCompared = 128;

char lower(char C) { return C >= 'A' && C <= 'Z' ? char(C - 'A' + 'a') : C; }

} // namespace

unsigned editDistance(const char *A, const char *B) {
  size_t N = strlen(A), M = strlen(B);
  if (N >= MaxCompared || M >= MaxCompared)
    return unsigned(N > M ? N : M);
  // One row of the dynamic-programming table, on the stack.
  unsigned Row[MaxCompared];
  for (size_t J = 0; J <= M; ++J)
    Row[J] = unsigned(J);
  for (size_t I = 1; I <= N; ++I) {
    unsigned Diagonal = Row[0];
    Row[0] = unsigned(I);
    for (size_t J = 1; J <= M; ++J) {
      unsigned Above = Row[J];
      unsigned Substitute = Diagonal + (lower(A[I - 1]) != lower(B[J - 1]));
      unsigned Best = Above + 1 < Row[J - 1] + 1 ? Above + 1 : Row[J - 1] + 1;
      Row[J] = Substitute < Best ? Substitute : Best;
      Diagonal = Above;
    }
  }
  return Row[M];
}

void eventStem(const char *Name, char *Out, size_t OutBytes) {
  if (const char *Pmu = strstr(Name, "::"))
    Name = Pmu + 2;
  size_t N = strcspn(Name, ":");
  if (N >= OutBytes)
    N = OutBytes - 1;
  memcpy(Out, Name, N);
  Out[N] = '\0';
}

CloseMatches::CloseMatches(const char *Name) {
  eventStem(Name, Target, sizeof(Target));
  unsigned Third = unsigned(strlen(Target) / 3);
  Limit = Third < 1 ? 1 : Third > 3 ? 3 : Third;
}

void CloseMatches::offer(const char *Candidate) {
  if (strlen(Candidate) >= NameBytes)
    return;
  char Stem[NameBytes];
  eventStem(Candidate, Stem, sizeof(Stem));
  unsigned D = editDistance(Target, Stem);
  if (D < 1 || D > Limit)
    return;
  char Kept[NameBytes];
  for (unsigned I = 0; I < Count; ++I) {
    eventStem(Names[I], Kept, sizeof(Kept));
    if (editDistance(Kept, Stem) == 0)
      return; // the same event under another spelling
  }
  // Insertion after every candidate at most as near: ties keep their order.
  unsigned At = Count;
  while (At > 0 && Distances[At - 1] > D)
    --At;
  if (At == Capacity)
    return;
  unsigned Last = Count < Capacity ? Count : Capacity - 1;
  for (unsigned I = Last; I > At; --I) {
    Distances[I] = Distances[I - 1];
    memcpy(Names[I], Names[I - 1], NameBytes);
  }
  Distances[At] = D;
  strcpy(Names[At], Candidate);
  if (Count < Capacity)
    ++Count;
}

} // namespace frugal::rt::counters
