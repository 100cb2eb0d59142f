#include "gateway/net/tls.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

#include "core/base/atomic_file.h"
#include "core/sync/sync_proto.h"

namespace waymark::gateway {

namespace {
struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;
struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};

void fail(const std::string& what) { throw std::runtime_error("TLS set-up failed: " + what); }

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};

// PEM text into memory first, then write_file_atomic (temporary file, fsync, rename, folder fsync): a crash or a
// full disk leaves the old key or certificate whole, never a truncated one the gateway cannot start with.
// The key is made 0600 from the start, so it is never readable by others on the way.
template <typename WritePem>
void write_pem_atomic(const std::string& path, unsigned mode, WritePem write_pem) {
  std::unique_ptr<BIO, BioFree> mem(BIO_new(BIO_s_mem()));
  if (!mem || !write_pem(mem.get())) fail("cannot encode " + path);
  char* data = nullptr;
  const long n = BIO_get_mem_data(mem.get(), &data);
  if (n <= 0) fail("cannot encode " + path);
  AtomicWriteOptions opt;
  opt.mode = mode;
  const FileWriteResult r = write_file_atomic(path, std::string_view(data, static_cast<size_t>(n)), opt);
  if (!r.ok()) fail(r.error);
}

void write_key_and_cert(const std::string& key_path, EVP_PKEY* key, const std::string& cert_path, X509* x) {
  // The key first: after a crash between the two, the gateway refuses the mismatched pair at start-up with a
  // plain error (make_server_tls checks the key against the certificate), and running the command again fixes it.
  write_pem_atomic(key_path, 0600, [&](BIO* b) {
    return PEM_write_bio_PrivateKey(b, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  });
  write_pem_atomic(cert_path, 0644, [&](BIO* b) { return PEM_write_bio_X509(b, x) == 1; });
}

bool is_ip(const std::string& h) {
  for (char c : h)
    if (!((c >= '0' && c <= '9') || c == '.' || c == ':')) return false;
  return !h.empty();
}
}  // namespace

void make_self_signed(const std::string& key_path, const std::string& cert_path, const std::string& cn,
                      const std::vector<std::string>& hosts, int days) {
  std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_EC_gen("P-256"));
  if (!key) fail("cannot make a P-256 key");
  std::unique_ptr<X509, X509Free> x(X509_new());
  if (!x) fail("X509_new");
  X509_set_version(x.get(), 2);
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) fail("no random bytes");
  serial[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(x.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), static_cast<long>(days) * 24 * 3600);
  X509_set_pubkey(x.get(), key.get());
  X509_NAME* name = X509_get_subject_name(x.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(x.get(), name);
  std::string san = "DNS:localhost,IP:127.0.0.1";
  for (const std::string& h : hosts) {
    if (h.empty() || h == "localhost" || h == "127.0.0.1") continue;
    if (h.find_first_of(",\n\r ") != std::string::npos) fail("bad host name " + h);
    san += (is_ip(h) ? ",IP:" : ",DNS:") + h;
  }
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, x.get(), x.get(), nullptr, nullptr, 0);
  for (auto [nid, value] : {std::pair<int, std::string>{NID_subject_alt_name, san},
                            {NID_basic_constraints, "critical,CA:FALSE"},
                            {NID_key_usage, "critical,digitalSignature"},
                            {NID_ext_key_usage, "serverAuth"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (!ext) fail("certificate extension");
    X509_add_ext(x.get(), ext, -1);
    X509_EXTENSION_free(ext);
  }
  if (X509_sign(x.get(), key.get(), EVP_sha256()) == 0) fail("cannot sign the certificate");

  write_key_and_cert(key_path, key.get(), cert_path, x.get());
}

void install_cert(const std::string& cert_in, const std::string& key_in, const std::string& cert_out,
                  const std::string& key_out) {
  File cf(std::fopen(cert_in.c_str(), "rb"));
  if (!cf) fail("cannot read " + cert_in);
  std::unique_ptr<X509, X509Free> x(PEM_read_X509(cf.get(), nullptr, nullptr, nullptr));
  if (!x) fail(cert_in + " is not a PEM certificate");
  File kf(std::fopen(key_in.c_str(), "rb"));
  if (!kf) fail("cannot read " + key_in);
  std::unique_ptr<EVP_PKEY, PkeyFree> key(PEM_read_PrivateKey(kf.get(), nullptr, nullptr, nullptr));
  if (!key) fail(key_in + " is not an unencrypted PEM private key");
  if (X509_check_private_key(x.get(), key.get()) != 1) fail("the key does not belong to the certificate");
  write_key_and_cert(key_out, key.get(), cert_out, x.get());
}

std::string cert_pin(const std::string& cert_path) {
  File f(std::fopen(cert_path.c_str(), "rb"));
  if (!f) fail("cannot read " + cert_path);
  std::unique_ptr<X509, X509Free> x(PEM_read_X509(f.get(), nullptr, nullptr, nullptr));
  if (!x) fail(cert_path + " is not a PEM certificate");
  unsigned char* der = nullptr;
  const int n = i2d_PUBKEY(X509_get0_pubkey(x.get()), &der);
  if (n <= 0) fail("cannot read the certificate's public key");
  unsigned char h[32];
  unsigned int hl = 0;
  EVP_Digest(der, static_cast<size_t>(n), h, &hl, EVP_sha256(), nullptr);
  OPENSSL_free(der);
  return "sha256//" + sync::base64_encode(std::string(reinterpret_cast<char*>(h), hl));
}

ssl_ctx_st* make_server_tls(const std::string& cert_path, const std::string& key_path) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (!ctx) fail("SSL_CTX_new");
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> owned(ctx, SSL_CTX_free);
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1) fail("cannot require TLS 1.2");
  if (SSL_CTX_set_cipher_list(ctx, kTls12Ciphers) != 1) fail("cannot set the TLS 1.2 cipher list");
  if (SSL_CTX_set_ciphersuites(ctx, kTls13Suites) != 1) fail("cannot set the TLS 1.3 suites");
  if (SSL_CTX_use_certificate_chain_file(ctx, cert_path.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx, key_path.c_str(), SSL_FILETYPE_PEM) != 1 || SSL_CTX_check_private_key(ctx) != 1)
    fail("the key or certificate in " + cert_path + " / " + key_path + " cannot be loaded");
  return owned.release();
}

}  // namespace waymark::gateway
