// gateway/mail/relay.h: the mail relay establishment IT configures (`waymark-gateway mail set`): where the
// gateway hands its emails over (smtp:// or smtps://, no password: the relay knows the gateway by its address),
// the From address, whether STARTTLS is required, and the sign-in address the emails point to. Kept in the
// meta table; every change is audited. Bad input is refused with plain words and changes nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/storage/db.h"

namespace waymark::gateway {

struct RelaySettings {
  std::string smtp_url;            // "smtp://relay.example:25" or "smtps://relay.example:465"
  std::string from;                // "waymark@brookfield.example": a bare address
  bool starttls_required = false;  // default false: smtp:// as the relay offers it; true: STARTTLS or no send
  std::string sign_in_url;         // "https://waymark.brookfield.example/sign-in"
};

// std::nullopt until `mail set` has run: nothing is queued or sent before then.
std::optional<RelaySettings> relay_settings(Db& db);

// Plain words for what is wrong, or "" when the value is fine.
std::string check_relay_url(const std::string& url);
std::string check_mail_address(const std::string& address);  // a bare addr-spec, local@domain.tld
std::string check_sign_in_url(const std::string& url);

// Own transaction, audited (mail.relay_set). Throws std::invalid_argument with the checks' words.
void set_relay(Db& db, const RelaySettings& s, const std::string& actor, int64_t now_ms);

// The domain of an address ("brookfield.example"), for Message-IDs.
std::string address_domain(const std::string& address);

}  // namespace waymark::gateway
