// gateway/net/tls.h: the gateway's own TLS key and self-signed certificate (OpenSSL EVP), its pin, and the
// server's TLS settings (versions and cipher list).
#pragma once

#include <string>
#include <vector>

struct ssl_ctx_st;  // OpenSSL's SSL_CTX

namespace waymark::gateway {

// Writes a new P-256 key (mode 0600) and a self-signed certificate valid for `days`, for the names given
// (DNS names and IP addresses; localhost and 127.0.0.1 are always included). Throws std::runtime_error.
void make_self_signed(const std::string& key_path, const std::string& cert_path, const std::string& common_name,
                      const std::vector<std::string>& hosts, int days = 3650);
// Checks that a PEM certificate and PEM private key load and belong together, then copies them (key 0600).
void install_cert(const std::string& cert_in, const std::string& key_in, const std::string& cert_path,
                  const std::string& key_path);
// "sha256//BASE64" of the certificate's SubjectPublicKeyInfo (libcurl's CURLOPT_PINNEDPUBLICKEY form).
std::string cert_pin(const std::string& cert_path);

// The gateway's TLS settings (docs/operating.md, "Limits"): TLS 1.2 or newer; on TLS 1.2 only ECDHE key
// exchange with AES-GCM or ChaCha20-Poly1305 (no CBC, no SHA-1 MACs, no static RSA); on TLS 1.3 its three
// AEAD suites; no renegotiation, no compression.
inline constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
inline constexpr const char* kTls13Suites = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";

// A server context with those settings and the certificate chain and key loaded and checked against each
// other; the caller frees it (SSL_CTX_free). Throws std::runtime_error.
ssl_ctx_st* make_server_tls(const std::string& cert_path, const std::string& key_path);

}  // namespace waymark::gateway
