// Signed notes cross-checked against Go's golang.org/x/mod/sumdb/note (tests/crypto/go/notecheck).
//
//   note_interop gen CASES           writes the requests for notecheck, one JSON object per line
//   note_interop check CASES ANSWERS checks notecheck's answers against what verimeter expects
//
// The cases: notes signed here by one to three keys must open in Go with every signer listed;
// tampered notes must be refused by both; Go signing with keys made here must give the same
// bytes as signing here (Ed25519 is deterministic); keys Go generates must parse here, with the
// same key id, print back identically and sign notes that open here.
#include <cctype>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "core/file.hpp"
#include "core/json.hpp"
#include "crypto/signed_note.hpp"

namespace vm = verimeter;
namespace crypto = verimeter::crypto;

namespace {

constexpr int kSigned = 40, kTampered = 20, kGoKeys = 5;

std::string random_text(std::mt19937_64& rng) {
  static const char* const kPieces[] = {
      "example.com/log",   "42",       "tree size ", "é", "日本語", "abc+def",
      "— not a signature", "Zm9vYmFy", " "};
  std::string text;
  const int lines = 1 + static_cast<int>(rng() % 5);
  for (int l = 0; l < lines; ++l) {
    const int pieces = 1 + static_cast<int>(rng() % 4);
    for (int p = 0; p < pieces; ++p) text += kPieces[rng() % std::size(kPieces)];
    text += "\n";
  }
  return text;
}

std::vector<crypto::NoteSigner> random_signers(std::mt19937_64& rng, int n) {
  std::vector<crypto::NoteSigner> out;
  for (int i = 0; i < n; ++i) {
    crypto::Seed seed;
    for (auto& b : seed) b = static_cast<std::uint8_t>(rng());
    auto s = crypto::make_signer(
        "witness" + std::to_string(rng() % 1000) + ".example/w" + std::to_string(i),
        crypto::NoteKeyType::kEd25519, seed);
    if (!s) std::abort();
    out.push_back(std::move(*s));
  }
  return out;
}

vm::Json signer_names(const std::vector<crypto::NoteSigner>& signers) {
  vm::Json names = vm::Json::array();
  for (const auto& s : signers) names.push_back(s.name + "+" + crypto::key_id_hex(s.key_id));
  return names;
}

int gen(const std::string& path) {
  std::mt19937_64 rng(6962);
  std::string lines;
  for (int i = 0; i < kSigned + kTampered; ++i) {
    const auto signers = random_signers(rng, 1 + static_cast<int>(rng() % 3));
    const std::string text = random_text(rng);
    auto note = crypto::sign_note(text, signers);
    if (!note) return std::fprintf(stderr, "sign_note: %s\n", note.error().message.c_str()), 1;
    vm::Json vkeys = vm::Json::array(), skeys = vm::Json::array();
    std::vector<crypto::NoteVerifierKey> known;
    for (const auto& s : signers) {
      vkeys.push_back(s.verifier().to_string());
      skeys.push_back(s.to_private_string());
      known.push_back(s.verifier());
    }
    std::string sent = *note;
    const bool tamper = i >= kSigned;
    if (tamper) {
      // One byte of the text, or of the last signature's base64, changes: not its final
      // character, whose low bits are padding that both base64 decoders ignore, and not the
      // signer's name or key id, which only turn that signature into an unknown one.
      // Only ASCII letters and digits are changed, so the note stays valid UTF-8 and the
      // line structure stays; whether it still verifies is the question.
      const std::size_t sig_start = sent.rfind(' ') + 1 + 8, sig_end = sent.size() - 3;
      std::vector<std::size_t> eligible;
      for (std::size_t k = 0; k < sent.size(); ++k) {
        const bool in_text = k < text.size(), in_sig = k >= sig_start && k < sig_end;
        if ((in_text || in_sig) && std::isalnum(static_cast<unsigned char>(sent[k])))
          eligible.push_back(k);
      }
      const std::size_t at = eligible[rng() % eligible.size()];
      sent[at] = sent[at] == 'A' ? 'B' : 'A';
      if (crypto::open_note(sent, known).ok())
        return std::fprintf(stderr, "case %d: tampered note opens here:\n%s", i, sent.c_str()), 1;
    }
    lines += vm::json_object("op", "verify", "vkeys", vkeys, "note", sent, "expect_ok", !tamper,
                             "expect_text", text, "expect_signers", signer_names(signers))
                 .dump() +
             "\n";
    if (!tamper)
      lines +=
          vm::json_object("op", "sign", "skeys", skeys, "text", text, "expect_note", *note).dump() +
          "\n";
  }
  for (int k = 0; k < kGoKeys; ++k)
    lines +=
        vm::json_object("op", "keygen", "name", "go" + std::to_string(k) + ".example/key").dump() +
        "\n";
  return vm::write_file_durable(path, lines).ok() ? 0 : 1;
}

std::vector<vm::Json> read_lines(const std::string& path) {
  std::vector<vm::Json> out;
  auto text = vm::read_file(path);
  if (!text) return out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text->find('\n', start)) != std::string::npos; start = nl + 1) {
    auto j = vm::parse_json(std::string_view(*text).substr(start, nl - start));
    if (j) out.push_back(std::move(*j));
  }
  return out;
}

// A key Go generated: parses here with the same id, prints back identically, signs notes that
// open here.
std::string check_go_key(const vm::Json& answer) {
  const std::string skey = answer.value("skey", ""), vkey = answer.value("vkey", "");
  auto signer = crypto::parse_private_key(skey);
  auto verifier = crypto::parse_verifier_key(vkey);
  if (!signer || !verifier) return "Go key does not parse: " + skey + " / " + vkey;
  if (signer->to_private_string() != skey || signer->verifier().to_string() != vkey ||
      verifier->to_string() != vkey)
    return "Go key prints back differently: " + vkey;
  auto note = crypto::sign_note("made with a Go key\n", std::vector{*signer});
  std::vector<crypto::NoteVerifierKey> known{*verifier};
  if (!note || !crypto::open_note(*note, known).ok()) return "note with Go key does not open";
  return {};
}

std::string check_one(const vm::Json& c, const vm::Json& a) {
  const std::string op = c["op"];
  if (op == "verify") {
    const bool ok = a.value("ok", false);
    if (ok != c["expect_ok"].get<bool>())
      return std::string("Go ") + (ok ? "accepted a tampered note" : "refused a note: ") +
             a.value("error", "");
    if (ok && (a["text"] != c["expect_text"] || a["signers"] != c["expect_signers"]))
      return "Go read different text or signers: " + a.dump();
    return {};
  }
  if (op == "sign") {
    if (!a.value("ok", false)) return "Go could not sign with our keys: " + a.value("error", "");
    if (a["note"] != c["expect_note"]) return "Go signed different bytes: " + a.dump();
    return {};
  }
  if (op == "keygen") return a.value("ok", false) ? check_go_key(a) : "Go keygen failed";
  return "unknown op " + op;
}

int check(const std::string& cases_path, const std::string& answers_path) {
  const auto cases = read_lines(cases_path), answers = read_lines(answers_path);
  if (cases.empty() || cases.size() != answers.size()) {
    std::fprintf(stderr, "FAIL: %zu cases but %zu answers\n", cases.size(), answers.size());
    return 1;
  }
  int failures = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::string why = check_one(cases[i], answers[i]);
    if (!why.empty()) {
      ++failures;
      std::fprintf(stderr, "FAIL case %zu (%s): %s\n", i, cases[i]["op"].get<std::string>().c_str(),
                   why.c_str());
    }
  }
  std::printf("%zu cases against Go's sumdb/note: %d failed\n", cases.size(), failures);
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 2 && args[0] == "gen") return gen(args[1]);
  if (args.size() == 3 && args[0] == "check") return check(args[1], args[2]);
  std::fprintf(stderr, "usage: note_interop gen CASES | check CASES ANSWERS\n");
  return 2;
}
