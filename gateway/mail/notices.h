// gateway/mail/notices.h: what is waiting for a worker, as the mail queue counts it ("You have 3 new things in
// Waymark"), and each worker's choice of how to hear of it. A notice holds a kind and the id of the record or
// meeting, never what the child wrote; the email is made from the count alone (compose.h).
//
// Index
//  - notify_worker         : one thing waits for one worker (the plan code calls this for a plan answer)
//  - notify_child_workers  : one thing waits for every worker the child is allocated to
//  - notify_record_accepted: the device API's one hook for an accepted upload (message, My Views, enquiry,
//                            plan answer)
//  - prefs                 : as they come (at most one email an hour), a daily summary at an hour, or none
// The notify_* functions run inside the caller's transaction (the notice commits with the record it tells of)
// and ask the connection to wake the mail sender after the commit (Db::notify_after_commit).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/storage/db.h"

namespace waymark::gateway {

enum class NoticeKind { Message, MyViews, Enquiry, PlanAnswer, Reminder };
const char* notice_kind_name(NoticeKind k);  // "message", "myviews", "enquiry", "plan_answer", "reminder"
std::optional<NoticeKind> notice_kind_from(const std::string& record_kind);  // upload kinds; nullopt for others

// Inside a transaction. `ref` names the thing (a record id); `record` is the record whose reading makes the
// notice moot (default: ref). The same (worker, kind, ref) twice is one notice. Inactive workers get none.
void notify_worker(Db& db, int64_t worker_id, NoticeKind kind, const std::string& ref, int64_t now_ms,
                   const std::optional<std::string>& record = std::nullopt);
// Inside a transaction. Every worker the child is allocated to (contacts allowed, worker active).
void notify_child_workers(Db& db, const std::string& child, NoticeKind kind, const std::string& ref, int64_t now_ms,
                          const std::optional<std::string>& record = std::nullopt);
// Inside a transaction. An accepted upload: a message tells its addressee (`to_worker`); My Views, an enquiry
// and a plan answer tell every allocated worker. Other kinds tell no one.
void notify_record_accepted(Db& db, const std::string& record_kind, const std::string& child,
                            std::optional<int64_t> to_worker, const std::string& record_id, int64_t now_ms);

// ---------------------------------------------------------------- prefs
enum class MailMode { Each, Daily, None };
struct MailPrefs {
  MailMode mode = MailMode::Each;  // default: as things come, at most one email an hour
  int hour = 8;                    // default 8: the daily summary at 08:00 London time
};
const char* mail_mode_name(MailMode m);  // "each", "daily", "none"
std::optional<MailMode> mail_mode_from(const std::string& name);
MailPrefs mail_prefs(Db& db, int64_t worker_id);
// Own transaction, audited (mail.prefs) with `actor`. Throws std::invalid_argument for an hour outside 0..23.
void set_mail_prefs(Db& db, int64_t worker_id, const MailPrefs& p, const std::string& actor, int64_t now_ms);

}  // namespace waymark::gateway
