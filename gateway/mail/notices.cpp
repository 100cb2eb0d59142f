#include "gateway/mail/notices.h"

#include <stdexcept>
#include <vector>

#include "gateway/store/audit.h"

namespace waymark::gateway {

const char* notice_kind_name(NoticeKind k) {
  switch (k) {
    case NoticeKind::Message: return "message";
    case NoticeKind::MyViews: return "myviews";
    case NoticeKind::Enquiry: return "enquiry";
    case NoticeKind::PlanAnswer: return "plan_answer";
    case NoticeKind::Reminder: return "reminder";
  }
  return "message";
}

std::optional<NoticeKind> notice_kind_from(const std::string& record_kind) {
  if (record_kind == "message") return NoticeKind::Message;
  if (record_kind == "myviews") return NoticeKind::MyViews;
  if (record_kind == "enquiry") return NoticeKind::Enquiry;
  if (record_kind == "plan_answer") return NoticeKind::PlanAnswer;
  return std::nullopt;
}

void notify_worker(Db& db, int64_t worker_id, NoticeKind kind, const std::string& ref, int64_t now_ms,
                   const std::optional<std::string>& record) {
  require_transaction(db, "notify_worker");
  Stmt s(db,
         "INSERT INTO mail_notices(worker_id, kind, ref, record, at) "
         "SELECT id, :k, :ref, :rec, :now FROM workers WHERE id = :w AND active = 1 "
         "ON CONFLICT (worker_id, kind, ref) DO NOTHING");
  s.bind(":w", worker_id).bind(":k", notice_kind_name(kind)).bind(":ref", ref).bind(":rec", record.value_or(ref)).bind(":now", now_ms);
  s.run();
  if (db.changes() > 0) db.notify_after_commit();  // wakes the mail sender once this commits
}

void notify_child_workers(Db& db, const std::string& child, NoticeKind kind, const std::string& ref, int64_t now_ms,
                          const std::optional<std::string>& record) {
  require_transaction(db, "notify_child_workers");
  std::vector<int64_t> workers;
  {
    Stmt s(db,
           "SELECT c.worker_id FROM contacts c JOIN workers w ON w.id = c.worker_id JOIN children ch ON ch.number = c.child "
           "WHERE c.child = :c AND c.allowed = 1 AND w.active = 1 AND ch.active = 1");
    s.bind(":c", child);
    while (s.step()) workers.push_back(s.i64(0));
  }
  for (int64_t w : workers) notify_worker(db, w, kind, ref, now_ms, record);
}

void notify_record_accepted(Db& db, const std::string& record_kind, const std::string& child,
                            std::optional<int64_t> to_worker, const std::string& record_id, int64_t now_ms) {
  const auto kind = notice_kind_from(record_kind);
  if (!kind) return;
  if (*kind == NoticeKind::Message) {
    if (to_worker) notify_worker(db, *to_worker, *kind, record_id, now_ms);
    return;
  }
  notify_child_workers(db, child, *kind, record_id, now_ms);
}

// ================================================================= prefs
const char* mail_mode_name(MailMode m) {
  switch (m) {
    case MailMode::Each: return "each";
    case MailMode::Daily: return "daily";
    case MailMode::None: return "none";
  }
  return "each";
}

std::optional<MailMode> mail_mode_from(const std::string& name) {
  for (MailMode m : {MailMode::Each, MailMode::Daily, MailMode::None})
    if (name == mail_mode_name(m)) return m;
  return std::nullopt;
}

MailPrefs mail_prefs(Db& db, int64_t worker_id) {
  MailPrefs p;
  Stmt s(db, "SELECT mode, hour FROM mail_prefs WHERE worker_id = :w");
  s.bind(":w", worker_id);
  if (s.step()) {
    p.mode = mail_mode_from(s.text(0)).value_or(MailMode::Each);
    p.hour = s.i32(1);
  }
  return p;
}

void set_mail_prefs(Db& db, int64_t worker_id, const MailPrefs& p, const std::string& actor, int64_t now_ms) {
  if (p.hour < 0 || p.hour > 23) throw std::invalid_argument("The hour must be 0 to 23.");
  Txn t(db);
  Stmt s(db,
         "INSERT INTO mail_prefs(worker_id, mode, hour, changed_at) VALUES(:w, :m, :h, :now) "
         "ON CONFLICT(worker_id) DO UPDATE SET mode = :m, hour = :h, changed_at = :now");
  s.bind(":w", worker_id).bind(":m", mail_mode_name(p.mode)).bind(":h", p.hour).bind(":now", now_ms).run();
  audit(db, now_ms, actor, "mail.prefs",
        std::string(mail_mode_name(p.mode)) + (p.mode == MailMode::Daily ? " at " + std::to_string(p.hour) + ":00" : ""));
  t.commit();
}

}  // namespace waymark::gateway
