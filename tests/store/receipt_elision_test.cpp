// elide_receipt / restore_receipt: the stored form of a bundle drops exactly the top-level
// receipt member and reads back byte for byte, and anything ambiguous is stored whole.
#include "store/receipt_elision.hpp"

#include <string>

#include <gtest/gtest.h>

namespace verimeter::store {
namespace {

const std::string kLeaf = R"({"receipt_id":"r1","tenant":"t"})";

// A bundle in the server's layout (members sorted, "receipt" followed by "signature").
std::string bundle(const std::string& meter, const std::string& leaf = kLeaf) {
  return R"({"billing_fingerprint":"ab","meter":)" + meter + R"(,"receipt":)" + leaf +
         R"(,"signature":{"sig":"x"},"tariff":null,"zk_proof":null})";
}

TEST(ReceiptElision, ElidesTheReceiptAndRestoresTheSameBytes) {
  const std::string b = bundle("{}");
  const ElidedBundle e = elide_receipt(b, kLeaf);
  ASSERT_TRUE(e.elided);
  EXPECT_EQ(e.text, bundle("{}", "null"));
  EXPECT_EQ(restore_receipt(e.text, kLeaf), b);
}

TEST(ReceiptElision, OnlyTheTopLevelMemberWhenTheSameTextIsNestedEarlier) {
  // The same member text inside the meter comes first; the top-level one is the last.
  const std::string nested = R"({"a":1,"receipt":)" + kLeaf + R"(,"signature":2})";
  const std::string b = bundle(nested);
  const ElidedBundle e = elide_receipt(b, kLeaf);
  ASSERT_TRUE(e.elided);
  EXPECT_EQ(e.text, bundle(nested, "null"));
  EXPECT_EQ(restore_receipt(e.text, kLeaf), b);
}

TEST(ReceiptElision, LeafElsewhereWithoutTheMemberTextAroundItIsNotTheReceipt) {
  // The leaf occurs in the meter (not as a receipt member) and not as the receipt.
  const std::string b = bundle(R"({"copy":)" + kLeaf + "}", R"({"receipt_id":"other"})");
  const ElidedBundle e = elide_receipt(b, kLeaf);
  EXPECT_FALSE(e.elided);
  EXPECT_EQ(e.text, b);
}

TEST(ReceiptElision, StoredWholeWhenTheElidedTextAlreadyOccurs) {
  const std::string b = bundle(R"({"x":{"q":0,"receipt":null,"signature":1}})");
  const ElidedBundle e = elide_receipt(b, kLeaf);
  EXPECT_FALSE(e.elided);
  EXPECT_EQ(e.text, b);
}

TEST(ReceiptElision, StoredWholeForAnEmptyOrNonObjectLeafOrAnotherLeaf) {
  const std::string b = bundle("{}");
  EXPECT_FALSE(elide_receipt(b, "").elided);
  EXPECT_FALSE(elide_receipt(b, R"("r1")").elided);
  EXPECT_FALSE(elide_receipt(b, R"({"receipt_id":"r2","tenant":"t"})").elided);
  EXPECT_EQ(elide_receipt(b, R"({"receipt_id":"r2","tenant":"t"})").text, b);
}

TEST(ReceiptElision, ALeafLongerThanTheBundleIsNotFound) {
  const std::string leaf = "{" + std::string(500, ' ') + "}";
  EXPECT_FALSE(elide_receipt(R"({"receipt":{}})", leaf).elided);
}

TEST(ReceiptElision, RestoreLeavesAWholeBundleAlone) {
  const std::string b = bundle("{}");
  EXPECT_EQ(restore_receipt(b, kLeaf), b);
}

}  // namespace
}  // namespace verimeter::store
