// core/sync/http_client.h: the only way the kiosk speaks HTTP, locked to the enrolled gateway
// (docs/sync-protocol.md, "Transport and trust"): libcurl with HTTPS only, no redirects, the gateway's key
// pinned, environment proxies ignored, TLS 1.2 or newer, timeouts, and a cap on the answer's size.
// Only URLs built from a GatewayAddress plus one of the protocol's fixed paths ("/v1/...") are requested.
// Transport failures are values in plain words (HttpResult::error); nothing here throws for them.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace waymark {

struct CurlApi;  // core/sync/curl_loader.h

struct GatewayAddress {
  std::string host;
  int port = 443;
  std::string base() const { return "https://" + host + ":" + std::to_string(port); }
};
// Accepts only https://HOST[:PORT] (no path, user, query); host is a name or an IPv4 address.
std::optional<GatewayAddress> parse_gateway_url(const std::string& url);
bool valid_pin_string(const std::string& pin);  // sha256//BASE64 of 32 bytes

struct HttpResult {
  int status = 0;         // 0: no answer (see error)
  std::string body;
  std::string error;      // transport failure in plain words
  bool pin_mismatch = false;
  int transport_code = 0; // the libcurl code (CURLcode) when status == 0; core/sync/gateway_probe.cpp names it
  std::string content_range;  // the Content-Range response header, if any
};

struct HttpOptions {
  long connect_timeout_ms = 5000;   // default 5 s
  long total_timeout_ms = 30000;    // default 30 s
  // default 4 s: an open connection idle longer is not reused but closed and a new one made (resuming the TLS
  // session), so a request is never sent on a connection the gateway is just closing (its keep-alive idle
  // timeout is 5 s, docs/operating.md "Limits")
  long reuse_idle_s = 4;
};

// One connection to the gateway, kept open between requests (keep-alive) and its TLS session kept for the next.
class HttpClient {
public:
  HttpClient(GatewayAddress addr, std::string pin, HttpOptions opt = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  // path must be one of the protocol's fixed paths ("/v1/...").
  HttpResult post(const std::string& path, const std::string& body, const std::vector<std::string>& headers);
  // A GET of a fixed path; an answer bigger than max_bytes is abandoned (never more than 8 MiB).
  HttpResult get(const std::string& path, const std::vector<std::string>& headers, size_t max_bytes);

private:
  HttpResult perform(bool is_post, const std::string& path, const std::string& body,
                     const std::vector<std::string>& headers, size_t max_bytes);
  GatewayAddress addr_;
  std::string pin_;
  HttpOptions opt_;
  const CurlApi* api_ = nullptr;  // null when libcurl could not be opened (load_error_ says why)
  std::string load_error_;
  void* curl_ = nullptr;
};

}  // namespace waymark
