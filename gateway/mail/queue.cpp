#include "gateway/mail/queue.h"

#include <algorithm>

#include "gateway/store/audit.h"

namespace waymark::gateway {

int64_t backoff_ms(int attempts) {
  int64_t ms = 60'000;
  for (int i = 1; i < attempts && ms < kMaxBackoffMs; i++) ms *= 2;
  return std::min(ms, kMaxBackoffMs);
}

int64_t queue_mail(Db& db, int64_t worker_id, const std::string& rcpt,
                   const std::string& sender, int things, const std::string& message_id, const std::string& message,
                   int64_t now_ms) {
  require_transaction(db, "queue_mail");
  Stmt s(db,
         "INSERT INTO mail_out(message_id, worker_id, rcpt, sender, things, message, state, next_at, created_at) "
         "VALUES(:mid, :w, :r, :s, :n, :m, 'queued', :now, :now) RETURNING id");
  s.bind(":mid", message_id).bind(":w", worker_id).bind(":r", rcpt).bind(":s", sender).bind(":n", things);
  s.bind(":m", message).bind(":now", now_ms).step();
  const int64_t id = s.i64(0);
  s.reset();  // the INSERT is done at the first step; SQLite refuses a COMMIT while it is still open
  db.notify_after_commit();
  return id;
}

std::optional<QueuedMail> claim_due_mail(Db& db, int64_t now_ms) {
  {  // most wakes find nothing due: say so without taking the write lock
    Stmt any(db, "SELECT 1 FROM mail_out WHERE state IN ('queued','sending') AND next_at <= :now LIMIT 1");
    any.bind(":now", now_ms);
    if (!any.step()) return std::nullopt;
  }
  Txn t(db);
  Stmt s(db,
         "SELECT id, message_id, rcpt, sender, message, attempts FROM mail_out "
         "WHERE state IN ('queued','sending') AND next_at <= :now ORDER BY next_at, id LIMIT 1");
  s.bind(":now", now_ms);
  if (!s.step()) return std::nullopt;
  QueuedMail m{s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.i32(5) + 1};
  Stmt u(db, "UPDATE mail_out SET state = 'sending', attempts = :a, next_at = :until, tried_at = :now WHERE id = :id");
  u.bind(":a", m.attempts).bind(":until", now_ms + kClaimMs).bind(":now", now_ms).bind(":id", m.id).run();
  t.commit();  // written before the relay hears of it: a crash from here on leaves a claim that runs out
  return m;
}

void mark_mail_sent(Db& db, int64_t id, int64_t now_ms) {
  Txn t(db);
  Stmt u(db, "UPDATE mail_out SET state = 'sent', sent_at = :now, last_error = '' WHERE id = :id");
  u.bind(":now", now_ms).bind(":id", id).run();
  t.commit();
}

void mark_mail_not_sent(Db& db, const QueuedMail& m, const std::string& reason, int64_t now_ms) {
  Txn t(db);
  int64_t created = now_ms;
  {
    Stmt s(db, "SELECT created_at FROM mail_out WHERE id = :id");
    s.bind(":id", m.id);
    if (s.step()) created = s.i64(0);
  }
  const std::string why = reason.substr(0, 500);
  if (now_ms - created >= kGiveUpMs) {
    Stmt u(db, "UPDATE mail_out SET state = 'failed', last_error = :e WHERE id = :id");
    u.bind(":e", why).bind(":id", m.id).run();
    Stmt back(db, "UPDATE mail_notices SET state = 'waiting', mail_id = NULL WHERE mail_id = :id");
    back.bind(":id", m.id).run();
    audit(db, now_ms, "gateway", "mail.gave_up", m.message_id + " after " + std::to_string(m.attempts) + " tries: " + why);
  } else {
    Stmt u(db, "UPDATE mail_out SET state = 'queued', next_at = :next, last_error = :e WHERE id = :id");
    u.bind(":next", now_ms + backoff_ms(m.attempts)).bind(":e", why).bind(":id", m.id).run();
  }
  t.commit();
}

MailCounts mail_counts(Db& db) {
  MailCounts c;
  {
    Stmt s(db, "SELECT state, count(*) FROM mail_out GROUP BY state");
    while (s.step()) {
      const std::string st = s.text(0);
      (st == "queued" ? c.queued : st == "sending" ? c.sending : st == "sent" ? c.sent : c.failed) = s.i32(1);
    }
  }
  {
    Stmt s(db, "SELECT count(*) FROM mail_notices WHERE state = 'waiting'");
    s.step();
    c.waiting_notices = s.i32(0);
  }
  {
    Stmt s(db, "SELECT min(next_at) FROM mail_out WHERE state IN ('queued','sending')");
    if (s.step() && !s.is_null(0)) c.next_try_ms = s.i64(0);
  }
  {
    Stmt s(db, "SELECT last_error, coalesce(tried_at, 0) FROM mail_out WHERE state <> 'sent' AND last_error <> '' ORDER BY id DESC LIMIT 1");
    if (s.step()) {
      c.last_error = s.text(0);
      c.last_error_at = s.i64(1);
    }
  }
  {
    Stmt s(db, "SELECT max(sent_at) FROM mail_out WHERE state = 'sent'");
    if (s.step() && !s.is_null(0)) c.last_sent_ms = s.i64(0);
  }
  return c;
}

}  // namespace waymark::gateway
