#include "gateway/mail/smtp.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <mutex>

namespace waymark::gateway {

namespace {

struct Reader {
  const std::string* data;
  size_t at = 0;
};

size_t on_read(char* buf, size_t size, size_t n, void* ud) {
  auto* r = static_cast<Reader*>(ud);
  const size_t len = std::min(size * n, r->data->size() - r->at);
  std::memcpy(buf, r->data->data() + r->at, len);
  r->at += len;
  return len;
}

// The relay's last refusal line (4xx or 5xx), kept from libcurl's trace of what the server said.
int on_trace(CURL*, curl_infotype type, char* data, size_t size, void* ud) {
  if (type != CURLINFO_HEADER_IN || size < 3) return 0;
  std::string line(data, std::min<size_t>(size, 300));
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  if ((line[0] == '4' || line[0] == '5') && std::isdigit(static_cast<unsigned char>(line[1])))
    *static_cast<std::string*>(ud) = line;
  return 0;
}

int on_progress(void* ud, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancel = static_cast<const std::atomic<bool>*>(ud);
  return cancel && cancel->load() ? 1 : 0;
}

std::string printable(std::string s) {
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) c = '?';
  return s;
}

}  // namespace

std::string send_smtp(const RelaySettings& relay, const std::string& rcpt, const std::string& message, const SmtpOptions& t) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* c = curl_easy_init();
  if (!c) return "could not start libcurl";
  Reader reader{&message};
  std::string refusal;
  char errbuf[CURL_ERROR_SIZE] = {0};
  const std::string from = "<" + relay.from + ">";
  curl_slist* rcpts = curl_slist_append(nullptr, ("<" + rcpt + ">").c_str());
  curl_easy_setopt(c, CURLOPT_URL, relay.smtp_url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_PROXY, "");
  curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, t.connect_ms);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, t.total_ms);
  curl_easy_setopt(c, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  if (relay.starttls_required) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
  curl_easy_setopt(c, CURLOPT_READDATA, &reader);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // only so the trace callback sees the relay's answers
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, on_trace);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, &refusal);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, t.cancel);
  const CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(rcpts);
  curl_easy_cleanup(c);
  if (rc == CURLE_OK) return {};
  if (rc == CURLE_ABORTED_BY_CALLBACK) return "the gateway stopped while sending";
  if (!refusal.empty()) return "the relay refused: " + printable(refusal);
  const std::string detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
  if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST)
    return "could not reach the relay at " + relay.smtp_url + " (" + printable(detail) + ")";
  if (rc == CURLE_OPERATION_TIMEDOUT) return "the relay did not answer in time (" + printable(detail) + ")";
  if (rc == CURLE_USE_SSL_FAILED) return "the relay does not offer STARTTLS, which is required (--starttls required)";
  return "sending failed: " + printable(detail);
}

}  // namespace waymark::gateway
