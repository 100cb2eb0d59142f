#include "core/sync/http_client.h"

#include <algorithm>
#include <cctype>

#include "core/sync/curl_loader.h"
#include "core/sync/sync_proto.h"

namespace waymark {

namespace {

struct Sink {
  std::string* out;
  size_t limit = sync::kMaxResponseBytes;
  bool too_big = false;
};
size_t on_data(char* p, size_t size, size_t n, void* ud) {
  auto* s = static_cast<Sink*>(ud);
  const size_t len = size * n;
  if (s->out->size() + len > s->limit) {
    s->too_big = true;
    return 0;  // aborts the transfer
  }
  s->out->append(p, len);
  return len;
}

}  // namespace

// ================================================================= addresses
std::optional<GatewayAddress> parse_gateway_url(const std::string& url) {
  const std::string pre = "https://";
  if (url.rfind(pre, 0) != 0 || url.size() > 300) return std::nullopt;
  std::string rest = url.substr(pre.size());
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  GatewayAddress a;
  const auto colon = rest.find(':');
  a.host = rest.substr(0, colon);
  if (a.host.empty() || a.host.size() > 253) return std::nullopt;
  for (char c : a.host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-')) return std::nullopt;
  if (colon != std::string::npos) {
    const std::string p = rest.substr(colon + 1);
    if (p.empty() || p.size() > 5) return std::nullopt;
    for (char c : p)
      if (c < '0' || c > '9') return std::nullopt;
    a.port = std::stoi(p);
    if (a.port < 1 || a.port > 65535) return std::nullopt;
  }
  return a;
}

bool valid_pin_string(const std::string& pin) {
  const std::string pre = "sha256//";
  if (pin.rfind(pre, 0) != 0) return false;
  std::string raw;
  return sync::base64_decode(pin.substr(pre.size()), raw) && raw.size() == 32;
}

// ================================================================= HTTP
HttpClient::HttpClient(GatewayAddress addr, std::string pin, HttpOptions opt)
    : addr_(std::move(addr)), pin_(std::move(pin)), opt_(opt) {
  api_ = curl_api(&load_error_);  // libcurl is opened here, on the first client (curl_loader.h)
  if (api_) curl_ = api_->easy_init();
}

HttpClient::~HttpClient() {
  if (curl_) api_->easy_cleanup(static_cast<CURL*>(curl_));
}

namespace {
// Keeps the Content-Range header (the only response header the client reads).
size_t on_header(char* p, size_t size, size_t n, void* ud) {
  const size_t len = size * n;
  std::string h(p, len);
  constexpr const char* kName = "content-range:";
  if (h.size() > 14) {
    std::string lower = h.substr(0, 14);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == kName) {
      std::string v = h.substr(14);
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(v.begin());
      while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.pop_back();
      *static_cast<std::string*>(ud) = v.substr(0, 128);
    }
  }
  return len;
}
}  // namespace

HttpResult HttpClient::post(const std::string& path, const std::string& body, const std::vector<std::string>& headers) {
  return perform(true, path, body, headers, sync::kMaxResponseBytes);
}

HttpResult HttpClient::get(const std::string& path, const std::vector<std::string>& headers, size_t max_bytes) {
  return perform(false, path, {}, headers, std::min(max_bytes, sync::kMaxResponseBytes));
}

HttpResult HttpClient::perform(bool is_post, const std::string& path, const std::string& body,
                               const std::vector<std::string>& headers, size_t max_bytes) {
  HttpResult r;
  if (!api_) {
    r.error = "The kiosk cannot talk to the gateway: " + load_error_ + ".";
    return r;
  }
  const CurlApi& api = *api_;
  CURL* c = static_cast<CURL*>(curl_);
  if (!c || path.rfind("/v1/", 0) != 0 || path.find_first_of("?#@ \r\n") != std::string::npos) {
    r.error = "internal: bad request path";
    return r;
  }
  const std::string url = addr_.base() + path;
  api.easy_reset(c);  // every option set again below; the open connection and the TLS session are kept
  Sink sink{&r.body, max_bytes};
  api.easy_setopt(c, CURLOPT_URL, url.c_str());
  api.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
  api.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  api.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  api.easy_setopt(c, CURLOPT_MAXREDIRS, 0L);
  api.easy_setopt(c, CURLOPT_PROXY, "");
  api.easy_setopt(c, CURLOPT_NOPROXY, "*");
  api.easy_setopt(c, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  // The pin is the trust anchor: the gateway's certificate is self-signed, so chain and name checks are off
  // and the connection is refused unless the server's public key hashes to the pin.
  api.easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, pin_.c_str());
  api.easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
  api.easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  api.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, opt_.connect_timeout_ms);
  api.easy_setopt(c, CURLOPT_TIMEOUT_MS, opt_.total_timeout_ms);
  api.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  api.easy_setopt(c, CURLOPT_MAXAGE_CONN, opt_.reuse_idle_s);
  api.easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(max_bytes));
  api.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
  api.easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  api.easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  api.easy_setopt(c, CURLOPT_HEADERDATA, &r.content_range);
  curl_slist* hl = nullptr;
  if (is_post) {
    api.easy_setopt(c, CURLOPT_POST, 1L);
    api.easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    api.easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    hl = api.slist_append(hl, "Content-Type: application/json");
  } else {
    api.easy_setopt(c, CURLOPT_HTTPGET, 1L);
  }
  hl = api.slist_append(hl, "Expect:");
  for (const std::string& h : headers) hl = api.slist_append(hl, h.c_str());
  api.easy_setopt(c, CURLOPT_HTTPHEADER, hl);
  const CURLcode rc = api.easy_perform(c);
  api.slist_free_all(hl);
  if (rc != CURLE_OK) {
    r.body.clear();
    r.pin_mismatch = rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH;
    r.transport_code = static_cast<int>(rc);
    if (r.pin_mismatch) r.error = "The gateway's key does not match the pinned key. Nothing was sent.";
    else if (sink.too_big || rc == CURLE_FILESIZE_EXCEEDED) r.error = "The gateway's answer was too large.";
    else if (rc == CURLE_OPERATION_TIMEDOUT) r.error = "The gateway did not answer in time.";
    else if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST) r.error = "The gateway cannot be reached.";
    else r.error = std::string("The connection to the gateway failed: ") + api.easy_strerror(rc) + ".";
    return r;
  }
  long code = 0;
  api.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  r.status = static_cast<int>(code);
  return r;
}


}  // namespace waymark
