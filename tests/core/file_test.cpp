#include "core/file.hpp"

#include <filesystem>

#include <gtest/gtest.h>
#include <sys/stat.h>

namespace verimeter {
namespace {

std::string temp_dir() {
  char tmpl[] = "/tmp/vm-file-test-XXXXXX";
  return ::mkdtemp(tmpl);
}

TEST(File, DurableWriteReplacesAndSetsMode) {
  const std::string dir = temp_dir();
  const std::string p = dir + "/f.txt";
  ASSERT_TRUE(write_file_durable(p, "one", 0600).ok());
  ASSERT_TRUE(write_file_durable(p, "two", 0600).ok());
  EXPECT_EQ(*read_file(p), "two");
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1);  // no temp left
  std::filesystem::remove_all(dir);
}

TEST(File, ReadLimitsAndMissing) {
  const std::string dir = temp_dir();
  ASSERT_TRUE(write_file_durable(dir + "/big", std::string(100, 'x')).ok());
  EXPECT_EQ(read_file(dir + "/big", 99).error().code, "file_too_large");
  EXPECT_EQ(read_file(dir + "/none").error().code, "file_not_found");
  ASSERT_TRUE(ensure_directory(dir + "/a/b").ok());
  EXPECT_TRUE(std::filesystem::is_directory(dir + "/a/b"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace verimeter
