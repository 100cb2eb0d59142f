#include "gateway/net/tls.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

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

  const mode_t old = ::umask(077);
  File kf(std::fopen(key_path.c_str(), "wb"));
  ::umask(old);
  if (!kf) fail("cannot write " + key_path);
  if (!PEM_write_PrivateKey(kf.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)) fail("cannot write the key");
  kf.reset();
  ::chmod(key_path.c_str(), 0600);
  File cf(std::fopen(cert_path.c_str(), "wb"));
  if (!cf) fail("cannot write " + cert_path);
  if (!PEM_write_X509(cf.get(), x.get())) fail("cannot write the certificate");
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
  const mode_t old = ::umask(077);
  File ko(std::fopen(key_out.c_str(), "wb"));
  ::umask(old);
  if (!ko || !PEM_write_PrivateKey(ko.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)) fail("cannot write " + key_out);
  ko.reset();
  ::chmod(key_out.c_str(), 0600);
  File co(std::fopen(cert_out.c_str(), "wb"));
  if (!co || !PEM_write_X509(co.get(), x.get())) fail("cannot write " + cert_out);
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

}  // namespace waymark::gateway
