// Receipt ids: rcpt_ + 32 hex digits, the first 12 the issue time in Unix milliseconds, so ids
// sort by issue time; the other 80 bits random, so ids issued in the same millisecond differ.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "billing/receipt.hpp"

namespace verimeter::billing {
namespace {

TEST(ReceiptId, CarriesTheIssueTimeThenRandomBits) {
  const UnixMillis t = 1793534400123;  // 2026-11-01T12:00:00.123Z
  const std::string id = new_receipt_id(t);
  ASSERT_EQ(id.size(), 5u + 32u);
  EXPECT_EQ(id.substr(0, 5), "rcpt_");
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef", 5), std::string::npos);
  EXPECT_EQ(std::stoull(id.substr(5, 12), nullptr, 16), static_cast<unsigned long long>(t));
}

TEST(ReceiptId, SortsByIssueTimeAndNeverRepeats) {
  std::set<std::string> seen;
  std::string previous;
  for (UnixMillis t = 1793534400000; t < 1793534400000 + 50; ++t) {
    for (int k = 0; k < 20; ++k) {
      const std::string id = new_receipt_id(t);
      EXPECT_TRUE(seen.insert(id).second) << id;
      if (k == 0) {
        EXPECT_LT(previous, id);
        previous = id;
      }
    }
  }
}

}  // namespace
}  // namespace verimeter::billing
