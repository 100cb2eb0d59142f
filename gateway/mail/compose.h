// gateway/mail/compose.h: the bytes of an email, fixed when it is queued. A notice email says how many things
// wait and where to sign in, and nothing else: no child's name, number or words, no worker's name, nothing
// from a record. An email can sit in a mailbox, a phone's notification or a forwarding rule outside the
// secure network; the web inbox behind the sign-in is where a child's data is read.
#pragma once

#include <cstdint>
#include <string>

namespace waymark::gateway {

// "<wm.32HEX@DOMAIN>": minted once per queued email and stored with it, so every try sends the same one.
std::string new_message_id(const std::string& from_address);
// "Mon, 01 Mar 2027 09:00:00 +0000" (RFC 5322), from unix ms.
std::string rfc5322_date(int64_t unix_ms);

struct MailHead {
  std::string from, to, message_id;
  int64_t date_ms = 0;
};
// "You have 3 new things in Waymark" with the sign-in address. CRLF line ends, plain ASCII text.
std::string compose_notice(const MailHead& h, int things, const std::string& sign_in_url);
// The relay test of `mail test`.
std::string compose_test(const MailHead& h, const std::string& sign_in_url);
// "1 new thing", "3 new things".
std::string things_words(int n);

}  // namespace waymark::gateway
