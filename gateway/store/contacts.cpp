#include "gateway/store/contacts.h"

namespace waymark::gateway {

std::optional<WingRef> child_wing(Db& db, const std::string& number) {
  Stmt s(db, "SELECT establishment_id, wing FROM children WHERE number = :n AND active = 1");
  s.bind(":n", number);
  if (!s.step()) return std::nullopt;
  return WingRef{s.i64(0), s.text(1)};
}

bool contact_allowed(Db& db, const std::string& child, int64_t worker_id) {
  Stmt s(db,
         "SELECT 1 FROM contacts c JOIN workers w ON w.id = c.worker_id "
         "WHERE c.child = :c AND c.worker_id = :w AND c.allowed = 1 AND w.active = 1");
  s.bind(":c", child).bind(":w", worker_id);
  return s.step();
}

}  // namespace waymark::gateway
