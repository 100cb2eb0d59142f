#include "gateway/mail/relay.h"

#include <cctype>
#include <stdexcept>
#include <string_view>

#include "gateway/store/audit.h"
#include "gateway/store/database.h"

namespace waymark::gateway {

namespace {

bool host_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.'; }

// A DNS name of dot-separated labels (letters, digits, hyphens), or an IPv4 address.
bool plain_host(std::string_view h) {
  if (h.empty() || h.size() > 253 || h.front() == '.' || h.back() == '.' || h.find("..") != std::string_view::npos) return false;
  for (char c : h)
    if (!host_char(c)) return false;
  return true;
}

bool has_control(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  return false;
}

}  // namespace

std::string check_relay_url(const std::string& url) {
  const std::string what = "The relay address must look like smtp://HOST:PORT or smtps://HOST:PORT";
  std::string_view rest;
  if (url.rfind("smtp://", 0) == 0) rest = std::string_view(url).substr(7);
  else if (url.rfind("smtps://", 0) == 0) rest = std::string_view(url).substr(8);
  else return what + " (it starts with smtp:// or smtps://).";
  if (has_control(rest) || rest.find(' ') != std::string_view::npos) return what + " (no spaces).";
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.find('@') != std::string_view::npos)
    return "The relay address must not hold a user name or password: the relay should accept the gateway by its network address.";
  if (rest.find_first_of("/?#") != std::string_view::npos) return what + " (nothing after the port).";
  std::string_view host = rest, port;
  if (!rest.empty() && rest.front() == '[') {  // [IPv6]:port
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return what + ".";
    host = rest.substr(1, close - 1);
    for (char c : host)
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') return what + ".";
    if (host.empty()) return what + ".";
    rest = rest.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return what + ".";
    port = rest.empty() ? std::string_view() : rest.substr(1);
  } else {
    const auto colon = rest.find(':');
    if (colon != std::string_view::npos) {
      host = rest.substr(0, colon);
      port = rest.substr(colon + 1);
    }
    if (!plain_host(host)) return what + " (the host is a name like relay.example or an address like 10.0.0.25).";
  }
  if (rest.find(':') != std::string_view::npos && port.empty()) return what + " (a port after the colon).";
  if (!port.empty()) {
    if (port.size() > 5) return "The relay's port must be 1 to 65535.";
    for (char c : port)
      if (!std::isdigit(static_cast<unsigned char>(c))) return "The relay's port must be 1 to 65535.";
    const int p = std::stoi(std::string(port));
    if (p < 1 || p > 65535) return "The relay's port must be 1 to 65535.";
  }
  return {};
}

std::string check_mail_address(const std::string& a) {
  const std::string what = "\"" + (has_control(a) ? std::string("(unprintable)") : a) +
                           "\" is not an email address (like waymark@establishment.example)";
  if (a.size() > 254 || has_control(a)) return what + ".";
  const auto at = a.rfind('@');
  if (at == std::string::npos || at == 0 || at > 64) return what + ".";
  const std::string_view local = std::string_view(a).substr(0, at), domain = std::string_view(a).substr(at + 1);
  static const std::string_view kLocalSpecials = ".!#$%&'*+/=?^_`{|}~-";
  for (char c : local)
    if (!std::isalnum(static_cast<unsigned char>(c)) && kLocalSpecials.find(c) == std::string_view::npos) return what + ".";
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return what + ".";
  if (!plain_host(domain) || domain.find('.') == std::string_view::npos) return what + " (the part after @ is a domain name).";
  for (size_t i = 0, start = 0; i <= domain.size(); i++) {
    if (i < domain.size() && domain[i] != '.') continue;
    const std::string_view label = domain.substr(start, i - start);
    if (label.front() == '-' || label.back() == '-' || label.size() > 63) return what + ".";
    start = i + 1;
  }
  return {};
}

std::string check_sign_in_url(const std::string& url) {
  if (url.rfind("https://", 0) != 0 || url.size() <= 8 || url.size() > 200 || has_control(url) ||
      url.find_first_of(" <>\"") != std::string::npos)
    return "The sign-in address must be the web inbox's https:// address, like https://waymark.establishment.example/sign-in.";
  return {};
}

std::optional<RelaySettings> relay_settings(Db& db) {
  RelaySettings s;
  s.smtp_url = gateway_meta(db, "mail_smtp");
  if (s.smtp_url.empty()) return std::nullopt;
  s.from = gateway_meta(db, "mail_from");
  s.starttls_required = gateway_meta(db, "mail_starttls") == "required";
  s.sign_in_url = gateway_meta(db, "mail_sign_in");
  return s;
}

void set_relay(Db& db, const RelaySettings& s, const std::string& actor, int64_t now_ms) {
  for (const std::string& err : {check_relay_url(s.smtp_url), check_mail_address(s.from), check_sign_in_url(s.sign_in_url)})
    if (!err.empty()) throw std::invalid_argument(err);
  if (s.starttls_required && s.smtp_url.rfind("smtps://", 0) == 0)
    throw std::invalid_argument("--starttls required is for smtp:// relays; smtps:// is TLS from the first byte.");
  Txn t(db);
  set_gateway_meta(db, "mail_smtp", s.smtp_url);
  set_gateway_meta(db, "mail_from", s.from);
  set_gateway_meta(db, "mail_starttls", s.starttls_required ? "required" : "");
  set_gateway_meta(db, "mail_sign_in", s.sign_in_url);
  audit(db, now_ms, actor, "mail.relay_set",
        s.smtp_url + (s.starttls_required ? " (STARTTLS required)" : "") + " from " + s.from + ", sign-in " + s.sign_in_url);
  t.commit();
}

std::string address_domain(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos ? std::string("waymark.invalid") : address.substr(at + 1);
}

}  // namespace waymark::gateway
