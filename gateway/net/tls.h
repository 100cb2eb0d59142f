// gateway/net/tls.h: the gateway's own TLS key and self-signed certificate (OpenSSL EVP), and its pin.
#pragma once

#include <string>
#include <vector>

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

}  // namespace waymark::gateway
