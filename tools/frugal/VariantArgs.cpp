//===- VariantArgs.cpp - Variants named on the command line ---------------===//
#include "VariantArgs.h"
#include "support/Diagnostics.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

using namespace llvm;

namespace frugal {
using diff::Variant;

// "two" for 2: messages read as prose.
static std::string countWord(size_t N) {
  static const char *const Words[] = {"none", "one", "two",   "three", "four",
                                      "five", "six", "seven", "eight", "nine"};
  return N < std::size(Words) ? Words[N] : std::to_string(N);
}

// \p Stem without its trailing number, and the number: ("fp32-", "1") for
// fp32-1; the number is empty when there is none.
static std::pair<StringRef, StringRef> splitRunNumber(StringRef Stem) {
  StringRef Base = Stem.rtrim("0123456789");
  return {Base, Stem.drop_front(Base.size())};
}

// A variant's default name: its file name without .json; for repeated runs
// without their run number (fp32-1.json,fp32-2.json: fp32; a1.json,a2.json:
// a). Runs named otherwise (warm-fp32.json,cold-fp32.json) get what their
// names share, or the first one's name.
static std::string defaultName(ArrayRef<std::string> Paths) {
  std::string Name = sys::path::stem(Paths.front()).str();
  if (Paths.size() == 1)
    return Name;
  // A trailing number that differs between runs numbers them; only it and
  // the separator before it go.
  auto [FirstBase, FirstNumber] = splitRunNumber(Name);
  bool Numbered = !FirstNumber.empty();
  bool NumbersDiffer = false;
  for (const std::string &Path : Paths.drop_front()) {
    auto [Base, Number] = splitRunNumber(sys::path::stem(Path));
    Numbered &= !Number.empty() && Base == FirstBase;
    NumbersDiffer |= Number != FirstNumber;
  }
  if (Numbered && NumbersDiffer) {
    StringRef Base = FirstBase;
    if (Base.size() > 1 && is_contained(StringRef("-_."), Base.back()))
      Base = Base.drop_back();
    if (!Base.empty())
      return Base.str();
  }
  StringRef Common = Name;
  for (const std::string &Path : Paths.drop_front()) {
    StringRef Stem = sys::path::stem(Path);
    size_t N = 0;
    while (N < Common.size() && N < Stem.size() && Common[N] == Stem[N])
      ++N;
    Common = Common.take_front(N);
  }
  Common = Common.rtrim("-_. ");
  return Common.empty() ? Name : Common.str();
}

// A profile given twice counts as two runs (or compares with itself): worth
// a word, but no error, since it may be meant.
static void warnRepeatedProfiles(ArrayRef<Variant> Variants) {
  std::map<sys::fs::UniqueID, std::string> Seen; // The variant that had it.
  StringMap<std::string> SeenPaths;              // For unreadable paths.
  for (const Variant &V : Variants)
    for (const std::string &Path : V.Paths) {
      sys::fs::UniqueID ID;
      std::string *Earlier = nullptr;
      if (!sys::fs::getUniqueID(Path, ID)) {
        auto [It, New] = Seen.try_emplace(ID, V.Name);
        Earlier = New ? nullptr : &It->second;
      } else {
        auto [It, New] = SeenPaths.try_emplace(Path, V.Name);
        Earlier = New ? nullptr : &It->second;
      }
      if (!Earlier)
        continue;
      bool SameVariant = *Earlier == V.Name;
      WithColor::warning(errs(), "frugal")
          << "'" << Path << "' is given twice, in "
          << (SameVariant ? "variant " + V.Name
                          : "variants " + *Earlier + " and " + V.Name)
          << ": it counts as " << (SameVariant ? "two runs" : "a run of each")
          << '\n';
    }
}

Expected<std::vector<Variant>> parseVariantArgs(ArrayRef<std::string> Args,
                                                std::optional<StringRef> Names,
                                                StringRef Command,
                                                size_t MinVariants) {
  std::vector<Variant> Variants;
  for (const std::string &Arg : Args) {
    Variant V;
    SmallVector<StringRef, 8> Paths;
    StringRef(Arg).split(Paths, ',');
    for (StringRef Path : Paths) {
      if (Path.trim().empty())
        return makeError("empty profile name in '" + Arg + "'",
                         "separate a variant's runs with single commas: "
                         "a1.json,a2.json");
      V.Paths.push_back(Path.trim().str());
    }
    Variants.push_back(std::move(V));
  }
  if (Variants.size() < MinVariants)
    return makeError("frugal " + Command + " needs " + countWord(MinVariants) +
                         " variants or more, got " + countWord(Variants.size()),
                     "pass the baseline's profile(s), then each variant's, "
                     "as separate arguments (a1.json,a2.json b1.json,b2.json)");

  if (Names) {
    SmallVector<StringRef, 8> Given;
    Names->split(Given, ',');
    if (Given.size() != Variants.size())
      return makeError("--names gives " + Twine(Given.size()) + " name" +
                           (Given.size() == 1 ? "" : "s") + " for " +
                           Twine(Variants.size()) + " variants",
                       "give one name per variant, comma-separated");
    for (size_t I = 0; I < Given.size(); ++I) {
      if (Given[I].trim().empty())
        return makeError("empty name in --names", "give every variant a name");
      Variants[I].Name = Given[I].trim().str();
    }
  } else {
    for (Variant &V : Variants)
      V.Name = defaultName(V.Paths);
  }

  // Names label columns: they must tell variants apart.
  StringSet<> Seen;
  bool Unique = all_of(Variants, [&Seen](const Variant &V) {
    return Seen.insert(V.Name).second;
  });
  if (!Unique) {
    if (Names)
      return makeError("two variants have one name in --names",
                       "give each variant its own name");
    for (size_t I = 0; I < Variants.size(); ++I)
      Variants[I].Name = std::string(1, 'A' + I % 26) +
                         (I >= 26 ? std::to_string(I / 26) : "");
  }
  warnRepeatedProfiles(Variants);
  return Variants;
}

} // namespace frugal
