#include "gateway/store/demo_records.h"

#include "core/base/secrets.h"

namespace waymark::gateway {

std::string demo_history_device(Db& db) {
  {
    Stmt s(db, "SELECT id FROM devices WHERE label = 'demo history' ORDER BY enrolled_at, id LIMIT 1");
    if (s.step()) return s.text(0);
  }
  const std::string id = random_id();
  Stmt dev(db, "INSERT INTO devices(id, public_key, wing, label, enrolled_at, revoked_at) VALUES(:id, :k, 'Oak', 'demo history', 0, 0)");
  dev.bind(":id", id).bind_blob(":k", id.data(), id.size()).run();  // a key nobody holds: the id's own bytes
  return id;
}

std::string put_demo_record(Db& db, const std::string& device, const std::string& kind, const std::string& child,
                            const nlohmann::json& body, int64_t received_ms, int64_t worker, int64_t read_ms) {
  int64_t seq = 1;
  {
    Stmt q(db, "SELECT coalesce(max(device_seq), 0) + 1 FROM records WHERE device_id = :d");
    q.bind(":d", device);
    if (q.step()) seq = q.i64(0);
  }
  const std::string id = random_id();
  Stmt s(db,
         "INSERT INTO records(id, device_id, device_seq, kind, child, body, created_at, status, received_at, receipt, worker_id, "
         "delivered_at, read_at) VALUES(:id, :d, :q, :k, :c, :b, :ca, 'accepted', :r, '{}', :w, :del, :rd)");
  s.bind(":id", id).bind(":d", device).bind(":q", seq).bind(":k", kind).bind(":c", child).bind(":b", body.dump());
  s.bind(":ca", received_ms / 1000).bind(":r", received_ms).bind(":del", read_ms ? read_ms : received_ms);
  if (worker) s.bind(":w", worker);
  else s.bind_null(":w");
  if (read_ms) s.bind(":rd", read_ms);
  else s.bind_null(":rd");
  s.run();
  return id;
}

}  // namespace waymark::gateway
