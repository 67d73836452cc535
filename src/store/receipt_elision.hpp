// A bundle holds its signed receipt verbatim, and the log already stores those exact bytes as
// the leaf. The SQLite store therefore keeps the bundle with `"receipt":null` in their place and
// puts the leaf back on every read: about 40% fewer bytes per attest through the WAL, the
// checkpoint and the page cache, with the served bytes unchanged.
//
// Only the top-level member is touched, found by the exact text `,"receipt":<leaf>,"signature":`
// (members are sorted, and "receipt" is followed by "signature"). A bundle not written that way,
// or one that already contains the elided text anywhere, is stored as it is; the store records
// per row whether it elided, and restores only those rows.
#pragma once

#include <string>
#include <string_view>

namespace verimeter::store {

struct ElidedBundle {
  std::string text;
  bool elided = false;
};

// The bundle with its receipt member replaced by null (elided), or the bundle unchanged.
ElidedBundle elide_receipt(std::string bundle, std::string_view leaf);

// The inverse, for a row stored elided: the leaf put back in the one elided member.
std::string restore_receipt(std::string stored, std::string_view leaf);

}  // namespace verimeter::store
