#include "crypto/sha256.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>

namespace verimeter::crypto {

namespace {

// libcrypto fails here only when it cannot allocate or is broken; neither is recoverable.
void require(int ok, const char* what) {
  if (ok == 1) return;
  std::fprintf(stderr, "verimeter: libcrypto SHA-256 %s failed\n", what);
  std::abort();
}

// Fetched once: an explicit fetch avoids the per-call lookup that EVP_sha256() implies.
const EVP_MD* sha256_md() {
  static const EVP_MD* const md = [] {
    EVP_MD* m = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    require(m != nullptr, "fetch");
    return m;
  }();
  return md;
}

}  // namespace

Digest sha256(ByteView data) {
  Digest d;
  unsigned int len = 0;
  require(EVP_Digest(data.data(), data.size(), d.data(), &len, sha256_md(), nullptr), "digest");
  return d;
}

std::string sha256_hex(ByteView data) {
  return to_hex(sha256(data));
}

void Sha256::CtxFree::operator()(evp_md_ctx_st* c) const {
  EVP_MD_CTX_free(c);
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  require(ctx_ != nullptr, "context allocation");
  require(EVP_DigestInit_ex(ctx_.get(), sha256_md(), nullptr), "init");
}

Sha256& Sha256::update(ByteView data) {
  require(EVP_DigestUpdate(ctx_.get(), data.data(), data.size()), "update");
  return *this;
}

Digest Sha256::finish() {
  Digest d;
  unsigned int len = 0;
  require(EVP_DigestFinal_ex(ctx_.get(), d.data(), &len), "final");
  return d;
}

}  // namespace verimeter::crypto
