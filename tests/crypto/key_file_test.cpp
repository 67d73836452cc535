#include "crypto/key_file.hpp"

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>
#include <sys/stat.h>

namespace verimeter::crypto {
namespace {

TEST(KeyFile, WritesMode0600AndReadsBack) {
  char tmpl[] = "/tmp/vm-key-test-XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  const std::string path = dir + "/op.key";
  auto signer = *generate_signer("log.example/test");
  ASSERT_TRUE(write_private_key_file(path, signer).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto back = read_private_key_file(path);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->verifier().to_string(), signer.verifier().to_string());
  EXPECT_EQ(write_private_key_file(path, signer).error().code, "key_file_exists");
  ::chmod(path.c_str(), 0644);
  EXPECT_EQ(read_private_key_file(path).error().code, "key_file_permissions");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace verimeter::crypto
