#include "gateway/store/child_history.h"

#include "core/sync/wire.h"

namespace waymark::gateway {

namespace {

constexpr const char* kCols =
    "r.id, r.kind, r.child, r.body, r.created_at, r.received_at, r.delivered_at, r.read_at, "
    "ch.establishment_id, ch.wing";

// One records row (selected with kCols) as the change the kiosk reads. Times on the gateway are milliseconds.
wire::HistoryRecord history_of(Stmt& s) {
  wire::HistoryRecord h;
  h.id = s.text(0);
  h.kind = s.text(1);
  h.child = s.text(2);
  h.body = s.text(3);
  h.created_at = s.i64(4);
  h.state = !s.is_null(7) ? "read" : !s.is_null(6) ? "delivered" : "sent";
  h.state_at = (!s.is_null(7) ? s.i64(7) : !s.is_null(6) ? s.i64(6) : s.i64(5)) / 1000;
  return h;
}

}  // namespace

int emit_child_history(Db& db, const std::string& child, const WingRef& to) {
  std::vector<wire::HistoryRecord> all;
  {
    Stmt s(db, std::string("SELECT ") + kCols +
                   " FROM records r JOIN children ch ON ch.number = r.child "
                   "WHERE r.child = :c AND r.status = 'accepted' AND r.kind <> 'draft' ORDER BY r.rec_seq");
    s.bind(":c", child);
    while (s.step()) all.push_back(history_of(s));
  }
  for (const wire::HistoryRecord& h : all) emit(db, to, std::nullopt, "history", h);
  return static_cast<int>(all.size());
}

void forward_child_history(Db& db, const std::string& record_id) {
  Stmt s(db, std::string("SELECT ") + kCols +
                 " FROM records r JOIN children ch ON ch.number = r.child "
                 "WHERE r.id = :id AND r.status = 'accepted' AND r.kind <> 'draft' AND EXISTS (SELECT 1 FROM transfers t WHERE t.child = r.child)");
  s.bind(":id", record_id);
  if (!s.step()) return;
  const wire::HistoryRecord h = history_of(s);
  const WingRef wing{s.i64(8), s.text(9)};
  s.reset();
  emit(db, wing, std::nullopt, "history", h);
}

}  // namespace waymark::gateway
