// Signed notes (c2sp.org/signed-note): text ending in "\n", a blank line, then signature lines
// "— <name> <base64(key id[4] ‖ signature)>\n". Used for log checkpoints and witness cosignatures.
// Opening is fail-closed: a known key whose signature does not verify rejects the whole note,
// and a note that no known key signed is rejected.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "crypto/note_key.hpp"

namespace verimeter::crypto {

struct NoteSignature {
  std::string name;
  std::uint32_t key_id = 0;
  Bytes payload;  // signature bytes after the key id (64, or 8+64 for cosignatures)
};

struct OpenedNote {
  std::string text;                         // up to and including its final "\n"
  std::vector<NoteVerifierKey> verified;    // known keys that verified, in note order
  std::vector<std::uint64_t> cosign_times;  // per verified key: timestamp (0 for type 0x01)
  std::vector<NoteSignature> unknown;       // signatures from keys we do not know
};

// Signs with Ed25519 (type 0x01) signers; cosigners (0x04) sign at `cosign_time` (POSIX s).
// Errors: note_malformed (text not ending in "\n", control characters, invalid UTF-8).
Result<std::string> sign_note(std::string_view text, std::span<const NoteSigner> signers,
                              std::uint64_t cosign_time = 0);

// One signature line for an existing text (used by witnesses to add a cosignature).
Result<std::string> signature_line(std::string_view text, const NoteSigner& signer,
                                   std::uint64_t cosign_time = 0);

// Errors: note_malformed, note_too_many_signatures, note_bad_signature, note_unverified.
Result<OpenedNote> open_note(std::string_view note, std::span<const NoteVerifierKey> known);

// The exact bytes a type 0x04 cosigner signs.
std::string cosignature_message(std::string_view text, std::uint64_t timestamp);

}  // namespace verimeter::crypto
