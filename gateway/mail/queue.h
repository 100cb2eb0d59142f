// gateway/mail/queue.h: the durable mail queue (table mail_out). An email's life:
//   queued  -> sending (claimed: state and attempt written and committed BEFORE the relay is contacted)
//           -> sent    (written AFTER the relay's 250)  |  queued again with a backoff  |  failed (gave up)
// A claim lasts kClaimMs; a 'sending' row whose claim ran out (the sender was killed) is due again and is sent
// again with the same bytes and Message-ID. That is the one window where an email can go twice: the relay
// took it but the gateway died before writing 'sent'. The receiving mail system can drop the copy by its
// Message-ID; nothing is ever sent under a new one. docs/operating.md says this for IT.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/storage/db.h"

namespace waymark::gateway {

inline constexpr int64_t kClaimMs = 3 * 60'000;           // a try owns its email for 3 minutes
inline constexpr int64_t kMaxBackoffMs = 60 * 60'000;     // retries wait 1, 2, 4 ... minutes, at most an hour
inline constexpr int64_t kGiveUpMs = 72 * 3600'000;       // an email not sent within 72 hours is given up
int64_t backoff_ms(int attempts);                          // after `attempts` failed tries (1 -> 1 minute)

struct QueuedMail {
  int64_t id = 0;
  std::string message_id, rcpt, sender, message;
  int attempts = 0;  // including this try
};

// Inside a transaction. The email is written whole (bytes, Message-ID) and due now. Returns its row id.
int64_t queue_mail(Db& db, int64_t worker_id, const std::string& rcpt,
                   const std::string& sender, int things, const std::string& message_id, const std::string& message,
                   int64_t now_ms);
// Own transaction: claims the oldest due email (queued and due, or sending with its claim run out) and returns
// it, or std::nullopt when none is due.
std::optional<QueuedMail> claim_due_mail(Db& db, int64_t now_ms);
// Own transaction: the relay took it.
void mark_mail_sent(Db& db, int64_t id, int64_t now_ms);
// Own transaction: the relay refused or could not be reached. Queued again after backoff_ms(attempts), or,
// 72 hours after it was queued, failed: its notices wait again, to be counted in the next email (audited).
void mark_mail_not_sent(Db& db, const QueuedMail& m, const std::string& reason, int64_t now_ms);

struct MailCounts {
  int queued = 0, sending = 0, sent = 0, failed = 0, waiting_notices = 0;
  std::optional<int64_t> next_try_ms;  // the earliest next_at of a queued email
  std::string last_error;              // the newest reason an unsent email was not sent, "" when none
  int64_t last_error_at = 0;           // unix ms of that try
  std::optional<int64_t> last_sent_ms;
};
MailCounts mail_counts(Db& db);

}  // namespace waymark::gateway
