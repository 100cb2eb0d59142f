#include "core/messaging/messaging.h"
#include "core/sync/wire.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/messaging/history.h"
#include "core/messaging/outbox.h"
#include "core/base/text.h"

namespace waymark {

std::vector<Contact> approved_contacts(Db& db, const std::string& child) {
  std::vector<Contact> out;
  Stmt s(db,
         "SELECT c.worker_id, c.name, c.org, (SELECT count(*) FROM inbox i WHERE i.child = c.child AND "
         "i.worker_id = c.worker_id AND i.seen_at IS NULL) FROM contacts c WHERE c.child = :c AND c.allowed = 1 "
         "ORDER BY c.name, c.worker_id");
  s.bind(":c", child);
  while (s.step()) out.push_back(Contact{s.i64(0), s.text(1), s.text(2), s.i32(3)});
  return out;
}

namespace {
bool allowed(Db& db, const std::string& child, int64_t worker_id) {
  Stmt s(db, "SELECT 1 FROM contacts WHERE child = :c AND worker_id = :w AND allowed = 1");
  s.bind(":c", child).bind(":w", worker_id);
  return s.step();
}
}  // namespace

std::vector<ConversationItem> conversation(Db& db, const std::string& child, int64_t worker_id) {
  std::vector<ConversationItem> out;
  for (const OutboxItem& o : own_records(db, child, "message")) {  // written here, or before a transfer elsewhere
    const auto b = wire::parse_text<wire::MessageBody>(o.body);
    if (!b || b->to != worker_id) continue;
    out.push_back(ConversationItem{true, sanitize_text(b->text, kMessageMaxChars, true), o.created_at, o.state, o.id});
  }
  Stmt s(db, "SELECT id, text, sent_at FROM inbox WHERE child = :c AND worker_id = :w ORDER BY server_seq");
  s.bind(":c", child).bind(":w", worker_id);
  while (s.step()) out.push_back(ConversationItem{false, s.text(1), s.i64(2), "", s.text(0)});
  std::stable_sort(out.begin(), out.end(), [](const ConversationItem& a, const ConversationItem& b) { return a.at_s < b.at_s; });
  return out;
}

void mark_seen(Db& db, const std::string& child, int64_t worker_id, int64_t now_s) {
  Txn t(db);
  Stmt s(db, "UPDATE inbox SET seen_at = :now WHERE child = :c AND worker_id = :w AND seen_at IS NULL");
  s.bind(":now", now_s).bind(":c", child).bind(":w", worker_id).run();
  t.commit();
}

SendResult send_message(Db& db, const std::string& child, int64_t worker_id, const std::string& text, int64_t now_s) {
  SendResult r;
  std::string clean = sanitize_text(text, kMessageMaxChars + 1, true);
  // trim surrounding spaces and newlines
  const auto b = clean.find_first_not_of(" \n");
  const auto e = clean.find_last_not_of(" \n");
  clean = b == std::string::npos ? std::string() : clean.substr(b, e - b + 1);
  if (clean.empty()) {
    r.status = SendStatus::Empty;
    return r;
  }
  if (utf8_length(clean) > kMessageMaxChars) {
    r.status = SendStatus::TooLong;
    return r;
  }
  Txn t(db);
  if (!allowed(db, child, worker_id)) {
    r.status = SendStatus::NotAllowed;
    return r;
  }
  wire::MessageBody body;
  body.to = worker_id;
  body.text = clean;
  r.id = outbox_add(db, "message", child, wire::body_text(body), now_s);
  Stmt d(db, "DELETE FROM message_drafts WHERE child = :c AND worker_id = :w");
  d.bind(":c", child).bind(":w", worker_id).run();
  t.commit();
  return r;
}

std::string load_draft(Db& db, const std::string& child, int64_t worker_id) {
  Stmt s(db, "SELECT text FROM message_drafts WHERE child = :c AND worker_id = :w");
  s.bind(":c", child).bind(":w", worker_id);
  return s.step() ? s.text(0) : std::string();
}

void save_draft(Db& db, const std::string& child, int64_t worker_id, const std::string& text, int64_t now_s) {
  Txn t(db);
  if (text.empty()) {
    Stmt d(db, "DELETE FROM message_drafts WHERE child = :c AND worker_id = :w");
    d.bind(":c", child).bind(":w", worker_id).run();
  } else {
    Stmt s(db,
           "INSERT INTO message_drafts(child, worker_id, text, updated_at) VALUES(:c, :w, :t, :now) "
           "ON CONFLICT(child, worker_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at");
    s.bind(":c", child).bind(":w", worker_id).bind(":t", sanitize_text(text, kMessageMaxChars, true)).bind(":now", now_s).run();
  }
  t.commit();
}

}  // namespace waymark
