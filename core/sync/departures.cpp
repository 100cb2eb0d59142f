#include "core/sync/departures.h"

#include "core/accounts/accounts.h"
#include "core/messaging/messaging.h"
#include "core/ops/provisioning.h"
#include "core/storage/device_store.h"
#include "core/storage/meta_keys.h"
#include "core/sync/carried_drafts.h"
#include "core/sync/sync_state.h"

namespace waymark {

// 54: children transferred away from this kiosk, removed once nothing of theirs waits to go up.
const char* const kDeparturesSql = R"SQL(
CREATE TABLE departures (
  child TEXT PRIMARY KEY,      -- sign-in number
  at    INTEGER NOT NULL       -- unix seconds, when the feed said so
) STRICT;
)SQL";

namespace sync {

namespace {

// Tables are named from sqlite_schema, never from outside input; quoted as identifiers.
std::string quoted(const std::string& name) {
  std::string q = "\"";
  for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// Waiting, or to be sent again (after a gap or a restored gateway: core/sync/round.cpp's next_batch).
bool waits_to_go_up(Db& db, const std::string& child) {
  Stmt s(db, "SELECT 1 FROM outbox WHERE child = :c AND (state = 'waiting' OR seq > :after) LIMIT 1");
  s.bind(":c", child).bind(":after", sync::meta_i64(db, kMetaSyncResendAfter));
  return s.step();
}

// Every row of one child: receipts of their records first (keyed by the outbox id), then every table with a
// `child` column (answers and meeting people go with their responses and meetings), their PIN lockout, their
// roster row and the audit rows that name them.
void remove_child_rows(Db& db, const std::string& child, const std::string& first_name) {
  {
    Stmt r(db, "DELETE FROM receipts WHERE id IN (SELECT id FROM outbox WHERE child = :c UNION SELECT id FROM history WHERE child = :c)");
    r.bind(":c", child).run();
  }
  std::vector<std::string> tables;
  {
    Stmt s(db,
           "SELECT m.name FROM sqlite_schema m, pragma_table_info(m.name) p "
           "WHERE m.type = 'table' AND p.name = 'child' ORDER BY m.name");
    while (s.step()) tables.push_back(s.text(0));
  }
  for (const std::string& t : tables) {
    Stmt d(db, "DELETE FROM " + quoted(t) + " WHERE child = :c");
    d.bind(":c", child).run();
  }
  Stmt p(db, "DELETE FROM pin_attempts WHERE kind = 'child' AND number = :c");
  p.bind(":c", child).run();
  Stmt c(db, "DELETE FROM children WHERE number = :c");
  c.bind(":c", child).run();
  ChildProfile who;
  who.number = child;
  who.first_name = first_name;
  remove_audit_rows_naming(db, {who}, false);
}

}  // namespace

void note_departure(Db& db, const std::string& child, int64_t now_s) {
  Stmt s(db, "INSERT INTO departures(child, at) VALUES(:c, :at) ON CONFLICT(child) DO NOTHING");
  s.bind(":c", child).bind(":at", now_s).run();
  if (db.changes() > 0) carry_unsent_words(db, child, now_s);  // in the outbox before the removal can run
}

void cancel_departure(Db& db, const std::string& child) {
  Stmt s(db, "DELETE FROM departures WHERE child = :c");
  s.bind(":c", child).run();
}

bool departing(Db& db, const std::string& child) {
  Stmt s(db, "SELECT 1 FROM departures WHERE child = :c");
  s.bind(":c", child);
  return s.step();
}

int send_departing_drafts(Db& db, const std::string& child, int64_t now_s) {
  std::vector<std::pair<int64_t, std::string>> drafts;
  {
    Stmt s(db, "SELECT worker_id, text FROM message_drafts WHERE child = :c ORDER BY updated_at, worker_id");
    s.bind(":c", child);
    while (s.step()) drafts.emplace_back(s.i64(0), s.text(1));
  }
  int sent = 0;
  for (const auto& [worker, text] : drafts)
    if (send_message(db, child, worker, text, now_s).status == SendStatus::Ok) sent++;
  // What they changed in a My Views or a goal since the feed said they were leaving: carried again (the
  // gateway keeps the newer of the two).
  Txn t(db);
  carry_unsent_words(db, child, now_s);
  t.commit();
  return sent;
}

std::vector<std::string> remove_departed_children(Db& db, int64_t now_s,
                                                  const std::function<bool(const std::string&)>& in_session) {
  std::vector<std::string> leaving;
  {
    Stmt s(db, "SELECT child FROM departures ORDER BY at, child");
    while (s.step()) leaving.push_back(s.text(0));
  }
  std::vector<std::string> gone;
  for (const std::string& child : leaving) {
    if (in_session && in_session(child)) continue;  // signed in now: the kiosk signs them out first
    db.exec("PRAGMA secure_delete=ON;");
    Txn t(db);
    if (waits_to_go_up(db, child)) continue;  // the next round sends it first
    db.exec("PRAGMA defer_foreign_keys=ON;");
    std::string first_name;
    {
      Stmt n(db, "SELECT first_name FROM children WHERE number = :c");
      n.bind(":c", child);
      if (n.step()) first_name = n.text(0);
    }
    remove_child_rows(db, child, first_name);
    cancel_departure(db, child);
    audit(db, now_s, "sync", "child.left", "a transferred child's data was removed");
    t.commit();
    gone.push_back(child);
  }
  if (!gone.empty()) {
    // Old pages of theirs may still be in the WAL: move it into the (securely deleted) file. Best effort while
    // the kiosk is reading; the next checkpoint does it otherwise.
    try {
      Stmt ck(db, "PRAGMA wal_checkpoint(TRUNCATE)");
      ck.step();
    } catch (const DbError&) {
    }
  }
  return gone;
}

}  // namespace sync

}  // namespace waymark
