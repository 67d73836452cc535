#include "crypto/signed_note.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace verimeter::crypto {

namespace {

constexpr std::string_view kDash = "\xe2\x80\x94 ";  // U+2014 EM DASH, space
constexpr size_t kMaxSignatures = 100;

Error malformed(const std::string& why) {
  return make_error("note_malformed", why);
}

Status check_text(std::string_view text) {
  if (text.empty() || text.back() != '\n') return malformed("note text must end in a newline");
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n') || u == 0x7f) return malformed("control character in note text");
  }
  if (!is_valid_utf8(text)) return malformed("note text is not UTF-8");
  return {};
}

void put_be32(Bytes& out, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<std::uint8_t>(v >> s));
}
void put_be64(Bytes& out, std::uint64_t v) {
  for (int s = 56; s >= 0; s -= 8) out.push_back(static_cast<std::uint8_t>(v >> s));
}
std::uint64_t get_be(ByteView b) {
  std::uint64_t v = 0;
  for (const auto x : b) v = (v << 8) | x;
  return v;
}

bool verify_one(const NoteVerifierKey& key, std::string_view text, const Bytes& payload,
                std::uint64_t& time_out) {
  Signature sig;
  time_out = 0;
  if (key.type == NoteKeyType::kEd25519) {
    if (payload.size() != 64) return false;
    std::copy(payload.begin(), payload.end(), sig.begin());
    return ed25519_verify(key.public_key, as_bytes(text), sig);
  }
  if (payload.size() != 72) return false;
  time_out = get_be(ByteView(payload).first(8));
  if (time_out > (std::uint64_t{1} << 63) - 1) return false;
  std::copy(payload.begin() + 8, payload.end(), sig.begin());
  return ed25519_verify(key.public_key, as_bytes(cosignature_message(text, time_out)), sig);
}

}  // namespace

std::string cosignature_message(std::string_view text, std::uint64_t timestamp) {
  return "cosignature/v1\ntime " + std::to_string(timestamp) + "\n" + std::string(text);
}

Result<std::string> signature_line(std::string_view text, const NoteSigner& signer,
                                   std::uint64_t cosign_time) {
  VM_CHECK(check_text(text));
  Bytes payload;
  put_be32(payload, signer.key_id);
  if (signer.type == NoteKeyType::kEd25519) {
    const Signature sig = signer.key.sign(as_bytes(text));
    payload.insert(payload.end(), sig.begin(), sig.end());
  } else {
    put_be64(payload, cosign_time);
    const Signature sig = signer.key.sign(as_bytes(cosignature_message(text, cosign_time)));
    payload.insert(payload.end(), sig.begin(), sig.end());
  }
  return std::string(kDash) + signer.name + " " + to_base64(payload) + "\n";
}

Result<std::string> sign_note(std::string_view text, std::span<const NoteSigner> signers,
                              std::uint64_t cosign_time) {
  VM_CHECK(check_text(text));
  std::string out(text);
  out.push_back('\n');
  for (const auto& s : signers) {
    VM_TRY(line, signature_line(text, s, cosign_time));
    out += line;
  }
  return out;
}

Result<OpenedNote> open_note(std::string_view note, std::span<const NoteVerifierKey> known) {
  const auto sep = note.rfind("\n\n");
  if (sep == std::string_view::npos) return malformed("no blank line before the signatures");
  OpenedNote out;
  out.text = std::string(note.substr(0, sep + 1));
  VM_CHECK(check_text(out.text));
  std::string_view rest = note.substr(sep + 2);
  if (rest.empty() || rest.back() != '\n')
    return malformed("signature block must end in a newline");
  size_t count = 0;
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
    if (++count > kMaxSignatures)
      return make_error("note_too_many_signatures", "over 100 signatures");
    if (line.substr(0, kDash.size()) != kDash) return malformed("signature line must start with —");
    line.remove_prefix(kDash.size());
    const auto sp = line.find(' ');
    if (sp == std::string_view::npos) return malformed("signature line without a key name");
    NoteSignature ns;
    ns.name = std::string(line.substr(0, sp));
    if (!valid_key_name(ns.name)) return malformed("invalid key name in signature line");
    auto raw = from_base64(line.substr(sp + 1));
    if (!raw || raw->size() < 5) return malformed("bad signature encoding");
    ns.key_id = static_cast<std::uint32_t>(get_be(ByteView(*raw).first(4)));
    ns.payload.assign(raw->begin() + 4, raw->end());
    const auto it = std::find_if(known.begin(), known.end(), [&](const NoteVerifierKey& k) {
      return k.name == ns.name && k.key_id == ns.key_id;
    });
    if (it == known.end()) {
      out.unknown.push_back(std::move(ns));
      continue;
    }
    std::uint64_t t = 0;
    if (!verify_one(*it, out.text, ns.payload, t)) {
      return make_error("note_bad_signature", "signature by " + ns.name + " does not verify");
    }
    if (std::none_of(out.verified.begin(), out.verified.end(), [&](const NoteVerifierKey& k) {
          return k.key_id == it->key_id && k.name == it->name;
        })) {
      out.verified.push_back(*it);
      out.cosign_times.push_back(t);
    }
  }
  if (out.verified.empty()) return make_error("note_unverified", "no known key signed the note");
  return out;
}

}  // namespace verimeter::crypto
