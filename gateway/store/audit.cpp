#include "gateway/store/audit.h"

namespace waymark::gateway {

void audit(Db& db, int64_t now_ms, const std::string& actor, const std::string& action, const std::string& detail) {
  Stmt s(db, "INSERT INTO audit(at, actor, action, detail) VALUES(:at, :a, :ac, :d)");
  s.bind(":at", now_ms / 1000).bind(":a", actor).bind(":ac", action).bind(":d", detail).run();
}

}  // namespace waymark::gateway
