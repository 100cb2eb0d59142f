// gateway/mail/smtp.h: hands one email to the relay with libcurl's SMTP (MAIL FROM, RCPT TO, DATA), over
// smtp:// (STARTTLS when required) or smtps://. No proxy from the environment, timeouts on every step. A
// refusal comes back as the relay's own words ("550 5.7.1 Relaying denied"), for `mail status`.
#pragma once

#include <atomic>
#include <string>

#include "gateway/mail/relay.h"

namespace waymark::gateway {

struct SmtpOptions {
  long connect_ms = 20'000;  // default 20 s to reach the relay
  long total_ms = 90'000;    // default 90 s for the whole conversation (less than the queue's claim)
  const std::atomic<bool>* cancel = nullptr;  // default none: when it turns true the conversation is dropped
};

// "" when the relay accepted the message (250 after DATA); otherwise plain words with the relay's answer.
// `message` is the whole RFC 5322 message with CRLF line ends (compose.h); it is sent byte for byte.
std::string send_smtp(const RelaySettings& relay, const std::string& rcpt, const std::string& message,
                      const SmtpOptions& t = {});

}  // namespace waymark::gateway
