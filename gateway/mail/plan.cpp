#include "gateway/mail/plan.h"

#include <climits>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/london_time.h"
#include "core/base/working_days.h"
#include "gateway/mail/compose.h"
#include "gateway/mail/notices.h"
#include "gateway/mail/queue.h"
#include "gateway/mail/relay.h"
#include "gateway/store/audit.h"

namespace waymark::gateway {

namespace {

// The newest accepted My Views of the child for a meeting on `date` (London date of the meeting's start), and
// whether it was read.
struct ViewsState {
  std::string id;
  bool read = false;
};
std::optional<ViewsState> newest_views_for(Db& db, const std::string& child, const std::string& date) {
  Stmt s(db,
         "SELECT id, body, read_at IS NOT NULL FROM records WHERE child = :c AND kind = 'myviews' AND status = 'accepted' "
         "ORDER BY rec_seq DESC");
  s.bind(":c", child);
  while (s.step()) {
    const auto body = nlohmann::json::parse(s.text(1), nullptr, false);
    if (!body.is_object() || !body.contains("meeting") || !body["meeting"].is_object()) continue;
    const auto& m = body["meeting"];
    if (!m.contains("starts_at") || !m["starts_at"].is_number_integer()) continue;
    if (format_date(london_date(m["starts_at"].get<int64_t>())) != date) continue;
    return ViewsState{s.text(0), s.i64(2) != 0};
  }
  return std::nullopt;
}

void raise_reminders(Db& db, int64_t now_ms) {
  const int64_t now_s = now_ms / 1000;
  const CivilDate today = london_date(now_s);
  struct Meeting {
    std::string id, child, date;
  };
  std::vector<Meeting> soon;
  {
    // Two working days never reach further than the longest run of days off (Christmas): two weeks is ample.
    Stmt s(db, "SELECT id, child, date FROM meetings WHERE cancelled = 0 AND date > :today AND date <= :horizon");
    s.bind(":today", format_date(today)).bind(":horizon", format_date(add_days(today, 14)));
    while (s.step()) soon.push_back({s.text(0), s.text(1), s.text(2)});
  }
  for (const Meeting& m : soon) {
    const auto date = parse_date(m.date);
    if (!date) continue;
    const CivilDate day = add_working_days(*date, -kReminderWorkingDays);
    if (now_s < london_to_unix(day, kReminderMinuteOfDay)) continue;
    const auto views = newest_views_for(db, m.child, m.date);
    if (!views || views->read) continue;
    notify_child_workers(db, m.child, NoticeKind::Reminder, m.id + "@" + m.date, now_ms, views->id);
  }
}

// Waiting notices that no email should tell of any more: the record was read, the worker left, or chose none.
void drop_moot(Db& db) {
  db.exec(
      "UPDATE mail_notices SET state = 'dropped' WHERE state = 'waiting' AND ("
      " EXISTS (SELECT 1 FROM records r WHERE r.id = mail_notices.record AND r.read_at IS NOT NULL)"
      " OR NOT EXISTS (SELECT 1 FROM workers w WHERE w.id = mail_notices.worker_id AND w.active = 1)"
      " OR EXISTS (SELECT 1 FROM mail_prefs p WHERE p.worker_id = mail_notices.worker_id AND p.mode = 'none'))");
}

// The latest London HH:00 at or before now.
int64_t last_daily_slot_ms(int64_t now_ms, int hour) {
  const int64_t now_s = now_ms / 1000;
  CivilDate d = london_date(now_s);
  int64_t slot = london_to_unix(d, hour * 60);
  if (slot > now_s) slot = london_to_unix(add_days(d, -1), hour * 60);
  return slot * 1000;
}

// The cut-off: notices that arrived before it go in an email now; std::nullopt: no email for this worker yet.
std::optional<int64_t> due_cutoff(Db& db, int64_t worker, const MailPrefs& p, int64_t now_ms) {
  Stmt last(db, "SELECT max(created_at) FROM mail_out WHERE worker_id = :w");
  last.bind(":w", worker);
  const int64_t last_ms = last.step() && !last.is_null(0) ? last.i64(0) : INT64_MIN;  // INT64_MIN: never mailed
  if (p.mode == MailMode::Each) {
    if (last_ms != INT64_MIN && now_ms - last_ms < kEachMailGapMs) return std::nullopt;
    return now_ms + 1;
  }
  const int64_t slot = last_daily_slot_ms(now_ms, p.hour);
  if (last_ms >= slot) return std::nullopt;  // today's summary went already
  return slot;
}

void queue_for_worker(Db& db, const RelaySettings& relay, int64_t worker, int64_t cutoff, int64_t now_ms, int& queued) {
  std::vector<int64_t> ids;
  {
    Stmt s(db, "SELECT id FROM mail_notices WHERE worker_id = :w AND state = 'waiting' AND at < :cut ORDER BY id");
    s.bind(":w", worker).bind(":cut", cutoff);
    while (s.step()) ids.push_back(s.i64(0));
  }
  if (ids.empty()) return;
  Stmt e(db, "SELECT email FROM workers WHERE id = :w");
  e.bind(":w", worker);
  const std::string to = e.step() ? e.text(0) : std::string();
  if (!check_mail_address(to).empty()) {  // never put a malformed address into a header
    Stmt d(db, "UPDATE mail_notices SET state = 'dropped' WHERE worker_id = :w AND state = 'waiting' AND at < :cut");
    d.bind(":w", worker).bind(":cut", cutoff).run();
    audit(db, now_ms, "gateway", "mail.bad_address", "worker " + std::to_string(worker) + ": not an email address");
    return;
  }
  const std::string mid = new_message_id(relay.from);
  const int n = static_cast<int>(ids.size());
  const int64_t mail = queue_mail(db, worker, to, relay.from, n, mid,
                                  compose_notice(MailHead{relay.from, to, mid, now_ms}, n, relay.sign_in_url), now_ms);
  Stmt u(db, "UPDATE mail_notices SET state = 'mailed', mail_id = :m WHERE worker_id = :w AND state = 'waiting' AND at < :cut");
  u.bind(":m", mail).bind(":w", worker).bind(":cut", cutoff).run();
  queued++;
}

// Finished notices and emails older than kKeepMailMs (a reminder's meeting is long past by then).
void prune(Db& db, int64_t now_ms) {
  Stmt n(db, "DELETE FROM mail_notices WHERE state <> 'waiting' AND at < :old AND (mail_id IS NULL OR mail_id IN "
             "(SELECT id FROM mail_out WHERE state IN ('sent','failed')))");
  n.bind(":old", now_ms - kKeepMailMs).run();
  Stmt m(db, "DELETE FROM mail_out WHERE state IN ('sent','failed') AND created_at < :old "
             "AND NOT EXISTS (SELECT 1 FROM mail_notices WHERE mail_id = mail_out.id)");
  m.bind(":old", now_ms - kKeepMailMs).run();
}

}  // namespace

int plan_mail(Db& db, int64_t now_ms) {
  if (!relay_settings(db)) return 0;  // nothing is queued before IT sets the relay; notices wait (no write lock taken)
  Txn t(db);
  const auto relay = relay_settings(db);
  if (!relay) return 0;
  prune(db, now_ms);
  raise_reminders(db, now_ms);
  drop_moot(db);
  std::vector<int64_t> workers;
  {
    Stmt s(db, "SELECT DISTINCT worker_id FROM mail_notices WHERE state = 'waiting' ORDER BY worker_id");
    while (s.step()) workers.push_back(s.i64(0));
  }
  int queued = 0;
  for (int64_t w : workers) {
    const MailPrefs p = mail_prefs(db, w);
    if (const auto cutoff = due_cutoff(db, w, p, now_ms)) queue_for_worker(db, *relay, w, *cutoff, now_ms, queued);
  }
  t.commit();
  return queued;
}

}  // namespace waymark::gateway
