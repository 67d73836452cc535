// SHA-256 against the FIPS 180-4 / NIST CAVP examples, and against libsodium's independent
// implementation on random inputs of every length class (block boundaries, multi-block, large).
#include "crypto/sha256.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <random>
#include <string>
#include <vector>

namespace verimeter::crypto {
namespace {

TEST(Sha256, FipsExamples) {
  EXPECT_EQ(sha256_hex(std::string_view("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex(std::string_view("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(
      sha256_hex(std::string_view("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const std::string million(1000000, 'a');
  EXPECT_EQ(sha256_hex(std::string_view(million)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalEqualsOneShotAtEverySplit) {
  std::string msg;
  for (int i = 0; i < 200; ++i) msg.push_back(static_cast<char>('a' + i % 26));
  const Digest whole = sha256(std::string_view(msg));
  for (std::size_t cut = 0; cut <= msg.size(); ++cut) {
    Sha256 h;
    h.update(std::string_view(msg).substr(0, cut)).update(std::string_view(msg).substr(cut));
    EXPECT_EQ(h.finish(), whole) << "split at " << cut;
  }
}

TEST(Sha256, AgreesWithLibsodiumOnRandomInputs) {
  ASSERT_GE(sodium_init(), 0);
  std::mt19937_64 rng(20261123);
  std::vector<std::size_t> lengths;
  for (std::size_t n = 0; n <= 130; ++n) lengths.push_back(n);  // every padding case
  for (int i = 0; i < 200; ++i) lengths.push_back(rng() % 20000);
  for (std::size_t n : lengths) {
    std::vector<std::uint8_t> data(n);
    for (auto& b : data) b = static_cast<std::uint8_t>(rng());
    Digest expected;
    crypto_hash_sha256(expected.data(), data.data(), data.size());
    EXPECT_EQ(sha256(ByteView(data.data(), data.size())), expected) << "length " << n;
    Sha256 h;
    const std::size_t cut = n ? rng() % n : 0;
    h.update(ByteView(data.data(), cut)).update(ByteView(data.data() + cut, n - cut));
    EXPECT_EQ(h.finish(), expected) << "incremental, length " << n;
  }
}

TEST(Sha256, IsMovable) {
  Sha256 a;
  a.update(std::string_view("ab"));
  Sha256 b = std::move(a);
  b.update(std::string_view("c"));
  EXPECT_EQ(to_hex(b.finish()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace verimeter::crypto
