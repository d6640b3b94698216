//===- JsonPieces.h - JSON values located without being built ---*- C++ -*-===//
//
// llvm::json::parse builds the whole document, which for a large profile
// takes tens of times the file's size (each number and key a tagged value,
// each object a hash table). These functions only find where an object's
// members and an array's elements start and end, so that a reader can parse
// them one at a time with json::parse and drop each when done: memory then
// follows the largest piece, not the document.
//
// Only the structure is checked here (strings, brackets, separators); the
// pieces are checked when parsed. A false return means "not well formed
// as far as the scan can tell": the caller should parse the whole text for
// json::parse's own error message.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_JSONPIECES_H
#define FRUGAL_TOOLS_FRUGAL_JSONPIECES_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <cstddef>

namespace frugal::jsonpieces {

/// The position of the first non-whitespace character at or after \p Pos.
size_t skipSpace(llvm::StringRef Text, size_t Pos);

/// The position just past the value starting at \p Pos (no leading
/// whitespace), or StringRef::npos when it is not well formed.
size_t valueEnd(llvm::StringRef Text, size_t Pos);

/// Calls \p Member(Key, Value) for each member of the object starting at
/// \p Pos, Value being the member's text. Keys with escapes are not
/// supported (false). False when the object is not well formed or
/// \p Member returns false; \p End receives the position past the object.
bool forEachMember(
    llvm::StringRef Text, size_t Pos, size_t &End,
    llvm::function_ref<bool(llvm::StringRef Key, llvm::StringRef Value)>
        Member);

/// Calls \p Element(Index, Value) for each element of the array starting at
/// \p Pos; as forEachMember otherwise.
bool forEachElement(
    llvm::StringRef Text, size_t Pos, size_t &End,
    llvm::function_ref<bool(size_t Index, llvm::StringRef Value)> Element);

} // namespace frugal::jsonpieces

#endif // FRUGAL_TOOLS_FRUGAL_JSONPIECES_H
