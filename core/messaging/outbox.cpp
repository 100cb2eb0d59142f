#include "core/messaging/outbox.h"

#include <sqlite3.h>

#include "core/storage/device_store.h"
#include "core/base/secrets.h"

namespace waymark {

// 2: the outbox: finalized records waiting to leave the device (see outbox.h).
const char* const kOutboxSql = R"SQL(
CREATE TABLE outbox (
  id         TEXT PRIMARY KEY,             -- minted once at finalize, reused on every retry
  seq        INTEGER NOT NULL UNIQUE,      -- per-device sequence number, only goes up
  kind       TEXT NOT NULL CHECK (kind IN ('message','enquiry','myviews')),
  child      TEXT NOT NULL,
  body       TEXT NOT NULL,                -- JSON, immutable
  created_at INTEGER NOT NULL,
  state      TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting','sent','delivered','read','refused')),
  state_at   INTEGER NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
) STRICT;
CREATE INDEX outbox_by_state ON outbox(state, seq);
CREATE INDEX outbox_by_child ON outbox(child, kind, seq);
CREATE TRIGGER outbox_immutable BEFORE UPDATE OF id, seq, kind, child, body, created_at ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox records are immutable; supersede with a new record'); END;
)SQL";

namespace {
OutboxItem read_item(Stmt& s) {
  OutboxItem o;
  o.id = s.text(0);
  o.seq = s.i64(1);
  o.kind = s.text(2);
  o.child = s.text(3);
  o.body = s.text(4);
  o.created_at = s.i64(5);
  o.state = s.text(6);
  o.state_at = s.i64(7);
  o.attempts = s.i32(8);
  o.last_error = s.text(9);
  return o;
}
constexpr const char* kCols = "id, seq, kind, child, body, created_at, state, state_at, attempts, coalesce(last_error, '')";
}  // namespace

int outbox_state_rank(const std::string& state) {
  if (state == "waiting") return 0;
  if (state == "sent") return 1;
  if (state == "delivered") return 2;
  if (state == "read") return 3;
  if (state == "refused") return 4;
  return -1;
}

std::string outbox_add(Db& db, const std::string& kind, const std::string& child, const std::string& body_json,
                       int64_t now_s) {
  require_transaction(db, "outbox_add");  // the one that finalizes the record
  const int64_t seq = std::stoll(meta_get(db, "outbox_seq", "0")) + 1;
  meta_set(db, "outbox_seq", std::to_string(seq));
  const std::string id = random_id();
  Stmt s(db,
         "INSERT INTO outbox(id, seq, kind, child, body, created_at, state, state_at) "
         "VALUES(:id, :seq, :kind, :child, :body, :now, 'waiting', :now)");
  s.bind(":id", id).bind(":seq", seq).bind(":kind", kind).bind(":child", child).bind(":body", body_json);
  s.bind(":now", now_s).run();
  return id;
}

std::vector<OutboxItem> outbox_pending(Db& db, int limit) {
  std::vector<OutboxItem> out;
  Stmt s(db, std::string("SELECT ") + kCols + " FROM outbox WHERE state = 'waiting' ORDER BY seq LIMIT :n");
  s.bind(":n", limit);
  while (s.step()) out.push_back(read_item(s));
  return out;
}

std::vector<OutboxItem> outbox_for_child(Db& db, const std::string& child, const std::string& kind) {
  std::vector<OutboxItem> out;
  Stmt s(db, std::string("SELECT ") + kCols + " FROM outbox WHERE child = :c AND kind = :k ORDER BY seq");
  s.bind(":c", child).bind(":k", kind);
  while (s.step()) out.push_back(read_item(s));
  return out;
}

std::optional<OutboxItem> outbox_get(Db& db, const std::string& id) {
  Stmt s(db, std::string("SELECT ") + kCols + " FROM outbox WHERE id = :id");
  s.bind(":id", id);
  if (!s.step()) return std::nullopt;
  return read_item(s);
}

void outbox_advance(Db& db, const std::string& id, const std::string& state, int64_t now_s, const std::string& error) {
  require_transaction(db, "outbox_advance");
  const int rank = outbox_state_rank(state);
  if (rank < 0) throw DbError(SQLITE_MISUSE, "unknown outbox state " + state);
  Stmt s(db,
         "UPDATE outbox SET state = :st, state_at = :now, last_error = :err, attempts = attempts + (:st = 'sent') "
         "WHERE id = :id AND (CASE state WHEN 'waiting' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 "
         "WHEN 'read' THEN 3 ELSE 4 END) < :rank");
  s.bind(":st", state).bind(":now", now_s).bind(":id", id).bind(":rank", rank);
  if (error.empty()) s.bind_null(":err");
  else s.bind(":err", error);
  s.run();
}

OutboxBacklog outbox_backlog(Db& db) {
  OutboxBacklog b;
  Stmt s(db, "SELECT count(*) FILTER (WHERE state = 'waiting'), min(created_at) FILTER (WHERE state = 'waiting'), count(*) FROM outbox");
  s.step();
  b.waiting = s.i64(0);
  b.oldest_waiting_at = s.opt_i64(1);
  b.total = s.i64(2);
  return b;
}

}  // namespace waymark
