//===- JsonPieces.cpp - JSON values located without being built -----------===//

#include "JsonPieces.h"

#include "llvm/ADT/SmallVector.h"

using namespace llvm;

namespace frugal::jsonpieces {

static bool isSpace(char C) {
  return C == ' ' || C == '\t' || C == '\n' || C == '\r';
}

size_t skipSpace(StringRef Text, size_t Pos) {
  while (Pos < Text.size() && isSpace(Text[Pos]))
    ++Pos;
  return Pos;
}

// Past the closing quote of the string whose opening quote is at Pos.
static size_t stringEnd(StringRef Text, size_t Pos) {
  for (size_t I = Pos + 1; I < Text.size(); ++I) {
    if (Text[I] == '\\')
      ++I; // The escaped character, whatever it is.
    else if (Text[I] == '"')
      return I + 1;
  }
  return StringRef::npos;
}

size_t valueEnd(StringRef Text, size_t Pos) {
  if (Pos >= Text.size())
    return StringRef::npos;
  char First = Text[Pos];
  if (First == '"')
    return stringEnd(Text, Pos);
  if (First != '{' && First != '[') {
    // A number, true, false or null: up to the next separator.
    size_t End = Pos;
    while (End < Text.size() && !isSpace(Text[End]) && Text[End] != ',' &&
           Text[End] != '}' && Text[End] != ']')
      ++End;
    return End == Pos ? StringRef::npos : End;
  }
  // Brackets must pair; what is between them is checked when parsed.
  SmallVector<char, 32> Open;
  for (size_t I = Pos; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '"') {
      I = stringEnd(Text, I);
      if (I == StringRef::npos)
        return I;
      --I;
    } else if (C == '{' || C == '[') {
      Open.push_back(C == '{' ? '}' : ']');
    } else if (C == '}' || C == ']') {
      if (Open.empty() || Open.back() != C)
        return StringRef::npos;
      Open.pop_back();
      if (Open.empty())
        return I + 1;
    }
  }
  return StringRef::npos;
}

// The members or elements of the container at Pos, opened by Open and
// closed by Close; WithKeys for objects.
static bool forEachItem(StringRef Text, size_t Pos, size_t &End, char Open,
                        char Close, bool WithKeys,
                        function_ref<bool(StringRef, StringRef)> Item) {
  if (Pos >= Text.size() || Text[Pos] != Open)
    return false;
  Pos = skipSpace(Text, Pos + 1);
  if (Pos < Text.size() && Text[Pos] == Close) {
    End = Pos + 1;
    return true;
  }
  while (true) {
    StringRef Key;
    if (WithKeys) {
      if (Pos >= Text.size() || Text[Pos] != '"')
        return false;
      size_t KeyEnd = stringEnd(Text, Pos);
      if (KeyEnd == StringRef::npos)
        return false;
      Key = Text.slice(Pos + 1, KeyEnd - 1);
      if (Key.contains('\\'))
        return false;
      Pos = skipSpace(Text, KeyEnd);
      if (Pos >= Text.size() || Text[Pos] != ':')
        return false;
      Pos = skipSpace(Text, Pos + 1);
    }
    size_t ValueEnd = valueEnd(Text, Pos);
    if (ValueEnd == StringRef::npos || !Item(Key, Text.slice(Pos, ValueEnd)))
      return false;
    Pos = skipSpace(Text, ValueEnd);
    if (Pos >= Text.size())
      return false;
    if (Text[Pos] == Close) {
      End = Pos + 1;
      return true;
    }
    if (Text[Pos] != ',')
      return false;
    Pos = skipSpace(Text, Pos + 1);
  }
}

bool forEachMember(StringRef Text, size_t Pos, size_t &End,
                   function_ref<bool(StringRef, StringRef)> Member) {
  return forEachItem(Text, Pos, End, '{', '}', /*WithKeys=*/true, Member);
}

bool forEachElement(StringRef Text, size_t Pos, size_t &End,
                    function_ref<bool(size_t, StringRef)> Element) {
  size_t Index = 0;
  return forEachItem(
      Text, Pos, End, '[', ']', /*WithKeys=*/false,
      [&](StringRef, StringRef Value) { return Element(Index++, Value); });
}

} // namespace frugal::jsonpieces
