#include "gateway/store/feed.h"

#include "core/sync/wire.h"
#include "gateway/store/child_history.h"

namespace waymark::gateway {

using nlohmann::json;

void emit(Db& db, const std::optional<WingRef>& wing, const std::optional<std::string>& device,
          const std::string& kind, const json& payload) {
  Stmt s(db, "INSERT INTO changes(wing, establishment_id, device_id, kind, payload) VALUES(:w, :e, :d, :k, :p)");
  if (wing) s.bind(":w", wing->name).bind(":e", wing->establishment);
  else s.bind_null(":w").bind_null(":e");
  s.bind(":d", device).bind(":k", kind).bind(":p", payload.dump()).run();
}

void emit_receipt(Db& db, const std::string& record_id, const std::string& device_id, const std::string& state,
                  int64_t now_ms) {
  emit(db, std::nullopt, device_id, "receipt", wire::ReceiptChange{wire::kWireVersion, record_id, state, now_ms / 1000});
  forward_child_history(db, record_id);  // a transferred child sees it on the kiosks where they are now
}

void emit_contact(Db& db, const std::string& child, int64_t worker_id) {
  Stmt s(db,
         "SELECT ch.wing, w.name, w.org, (c.allowed = 1 AND w.active = 1), ch.establishment_id FROM contacts c JOIN workers w ON w.id = c.worker_id "
         "JOIN children ch ON ch.number = c.child WHERE c.child = :c AND c.worker_id = :w");
  s.bind(":c", child).bind(":w", worker_id);
  if (!s.step()) return;
  emit(db, WingRef{s.i64(4), s.text(0)}, std::nullopt, "contact",
       wire::ContactChange{wire::kWireVersion, child, worker_id, s.text(1), s.text(2), s.i64(3) != 0});
}

}  // namespace waymark::gateway
