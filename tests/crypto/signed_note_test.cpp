// Vectors from c2sp.org/signed-note, Go's golang.org/x/mod/sumdb/note tests and
// transparency-dev/formats (see research/tlog.md §3.1–3.2).
#include "crypto/signed_note.hpp"

#include <gtest/gtest.h>

namespace verimeter::crypto {
namespace {

constexpr const char* kPeterSkey =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr const char* kPeterVkey =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr const char* kPeterText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr const char* kPeterSigLine =
    "\xe2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdng"
    "otpRZb6KE6RyyBwJnAM=\n";
constexpr const char* kEnochVkey =
    "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
constexpr const char* kEnochSigLine =
    "\xe2\x80\x94 EnochRoot "
    "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGw"
    "nWLox33WWd1RvMc+QQ=\n";

TEST(NoteKey, PeterNeumannPrivateKeyReproducesVerifierKey) {
  auto signer = parse_private_key(kPeterSkey);
  ASSERT_TRUE(signer.ok()) << signer.error().message;
  EXPECT_EQ(signer->verifier().to_string(), kPeterVkey);
  EXPECT_EQ(signer->to_private_string(), kPeterSkey);
  EXPECT_EQ(signer->key_id, 0xc74f20a3u);
}

TEST(NoteKey, SignatureIsByteForByte) {
  auto signer = *parse_private_key(kPeterSkey);
  const NoteSigner signers[] = {signer};
  auto note = sign_note(kPeterText, signers);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(*note, std::string(kPeterText) + "\n" + kPeterSigLine);
}

TEST(NoteKey, ParsesC2spExampleAndSumdbKeyWithPlusInBase64) {
  auto k =
      parse_verifier_key("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
  ASSERT_TRUE(k.ok()) << k.error().message;
  EXPECT_EQ(k->key_id, 0x530d903au);
  auto sum =
      parse_verifier_key("sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8");
  ASSERT_TRUE(sum.ok()) << sum.error().message;
  EXPECT_EQ(sum->name, "sum.golang.org");
}

TEST(NoteKey, RejectsBadKeys) {
  EXPECT_EQ(parse_verifier_key("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
                .error()
                .code,
            "key_id_mismatch");
  EXPECT_EQ(
      parse_verifier_key("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
          .error()
          .code,
      "bad_key_name");
  EXPECT_EQ(parse_verifier_key("PeterNeumann+c74f20a3+ARpc").error().code, "bad_verifier_key");
  EXPECT_EQ(parse_verifier_key("nonsense").error().code, "bad_verifier_key");
  EXPECT_EQ(parse_private_key("PRIVATE+KEY+x+00000000+AA==").error().code, "bad_private_key");
}

TEST(SignedNote, OpensWithKnownKeyAndIgnoresUnknown) {
  const std::string note = std::string(kPeterText) + "\n" + kPeterSigLine + kEnochSigLine;
  const NoteVerifierKey peter = *parse_verifier_key(kPeterVkey);
  const NoteVerifierKey enoch = *parse_verifier_key(kEnochVkey);
  auto one = open_note(note, std::span(&peter, 1));
  ASSERT_TRUE(one.ok()) << one.error().message;
  EXPECT_EQ(one->text, kPeterText);
  EXPECT_EQ(one->verified.size(), 1u);
  EXPECT_EQ(one->unknown.size(), 1u);
  const NoteVerifierKey both[] = {peter, enoch};
  auto two = open_note(note, both);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->verified.size(), 2u);
}

TEST(SignedNote, SumGolangOrgCheckpoint) {
  const std::string note =
      "go.sum database tree\n6476701\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n\n"
      "\xe2\x80\x94 sum.golang.org "
      "Az3grsLX85Gz+s1SiTbgkuqxgItqFq7gsMUEyVnrsa9LM7Us9S+1xbFIGu95949rj4"
      "nPRYfvimWEPWL+o3GeoWwOoAw=\n";
  const auto key =
      *parse_verifier_key("sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8");
  EXPECT_TRUE(open_note(note, std::span(&key, 1)).ok());
}

TEST(SignedNote, CosignatureDerivedVector) {
  // research/tlog.md §3.2: log seed 0x20..0x3f, witness seed 0x00..0x1f, time 1679315147.
  Seed log_seed, wit_seed;
  for (int i = 0; i < 32; ++i) {
    log_seed[i] = static_cast<std::uint8_t>(0x20 + i);
    wit_seed[i] = static_cast<std::uint8_t>(i);
  }
  auto log = *make_signer("example.com/behind-the-sofa", NoteKeyType::kEd25519, log_seed);
  auto wit = *make_signer("witness.example/w1", NoteKeyType::kEd25519Cosignature, wit_seed);
  EXPECT_EQ(log.verifier().to_string(),
            "example.com/behind-the-sofa+13e30ba2+ASmsuuFBvMrwsi4alNNNC8c2HlJtC/4SyJeUvJMilm3X");
  EXPECT_EQ(wit.verifier().to_string(),
            "witness.example/w1+e75f6532+BAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4");
  const std::string text =
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  EXPECT_EQ(
      *signature_line(text, log),
      "\xe2\x80\x94 example.com/behind-the-sofa E+MLootScofIiK0RZI/1vBb3DLwLb9bRvYSiPagYXhmOMuCwTw"
      "TFDFGPPIh+bN0lJBDcB8sSuVirgwX2FlEsjzuB1gQ=\n");
  EXPECT_EQ(
      *signature_line(text, wit, 1679315147),
      "\xe2\x80\x94 witness.example/w1 519lMgAAAABkGFDLBuRDazBLVac2NE+Y+IjbjQOcXLfF9CSDZVUIoS83r"
      "E1nFZsVE8YiWV6Ngr7lV8H6bdoBQGP/l73euDMQ9k+bBQ==\n");
  const std::string note =
      text + "\n" + *signature_line(text, log) + *signature_line(text, wit, 1679315147);
  const NoteVerifierKey keys[] = {log.verifier(), wit.verifier()};
  auto opened = open_note(note, keys);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened->verified.size(), 2u);
  EXPECT_EQ(opened->cosign_times[1], 1679315147u);
}

TEST(SignedNote, NegativeCases) {
  const NoteVerifierKey peter = *parse_verifier_key(kPeterVkey);
  const auto open = [&](const std::string& n) { return open_note(n, std::span(&peter, 1)); };
  const std::string good = std::string(kPeterText) + "\n" + kPeterSigLine;
  ASSERT_TRUE(open(good).ok());
  // Mutated text, mutated signature.
  std::string bad_text = good;
  bad_text[3] ^= 1;
  EXPECT_EQ(open(bad_text).error().code, "note_bad_signature");
  std::string bad_sig = good;
  bad_sig[bad_sig.size() - 10] = bad_sig[bad_sig.size() - 10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(open(bad_sig).ok());
  // Only unknown signers.
  const NoteVerifierKey enoch = *parse_verifier_key(kEnochVkey);
  EXPECT_EQ(open_note(good, std::span(&enoch, 1)).error().code, "note_unverified");
  // Framing errors: leading control byte, space in name, trailing junk, no separator.
  EXPECT_EQ(open("\x01" + good).error().code, "note_malformed");
  EXPECT_EQ(open(good + "junk\n").error().code, "note_malformed");
  EXPECT_EQ(open(std::string(kPeterText) + kPeterSigLine).error().code, "note_malformed");
  std::string spaced = std::string(kPeterText) + "\n\xe2\x80\x94 Peter Neumann AAAA\n";
  EXPECT_EQ(open(spaced).error().code, "note_malformed");
  // 101 signatures.
  std::string many = std::string(kPeterText) + "\n";
  for (int i = 0; i < 101; ++i) many += kPeterSigLine;
  EXPECT_EQ(open(many).error().code, "note_too_many_signatures");
}

}  // namespace
}  // namespace verimeter::crypto
