#include "gateway/store/database.h"

#include <sys/stat.h>

#include <filesystem>
#include <stdexcept>

#include "core/base/secrets.h"
#include "gateway/store/audit.h"
#include "gateway/store/establishments.h"
#include "gateway/store/schema.h"

namespace fs = std::filesystem;

namespace waymark::gateway {

std::string gateway_db_path(const std::string& dir) { return (fs::path(dir) / "gateway.db").string(); }

std::unique_ptr<Db> open_gateway(const std::string& dir, bool create) {
  std::error_code ec;
  if (!fs::exists(gateway_db_path(dir), ec)) {
    if (!create)
      throw std::runtime_error("there is no gateway in " + dir + "; run `waymark-gateway init --data " + dir +
                               " --establishment NAME` first");
    fs::create_directories(dir, ec);
    if (ec) throw std::runtime_error("cannot create " + dir + ": " + ec.message());
    ::chmod(dir.c_str(), 0700);
  }
  auto db = std::make_unique<Db>(gateway_db_path(dir));
  migrate(*db, gateway_migrations());
  return db;
}

std::string gateway_meta(Db& db, const std::string& key, const std::string& fallback) {
  Stmt s(db, "SELECT value FROM meta WHERE key = :k");
  s.bind(":k", key);
  return s.step() ? s.text(0) : fallback;
}

void set_gateway_meta(Db& db, const std::string& key, const std::string& value) {
  Stmt s(db, "INSERT INTO meta(key, value) VALUES(:k, :v) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  s.bind(":k", key).bind(":v", value).run();
}

bool gateway_initialised(Db& db) { return !gateway_meta(db, "epoch").empty(); }

void gateway_init(Db& db, const std::string& establishment, int64_t now_ms) {
  Txn t(db);
  set_gateway_meta(db, "establishment", establishment);
  if (gateway_meta(db, "epoch").empty()) set_gateway_meta(db, "epoch", random_id());
  // The first establishment (id 1) is the one init names; its code is set with init --code (MAIN until then).
  const auto home = establishment_by_id(db, 1);
  put_home_establishment(db, establishment, home ? home->code : gateway_meta(db, "establishment_code", "MAIN"), now_ms);
  audit(db, now_ms, "admin", "init", establishment);
  t.commit();
}

std::string gateway_new_epoch(Db& db, const std::string& actor, int64_t now_ms) {
  Txn t(db);
  const std::string e = random_id();
  set_gateway_meta(db, "epoch", e);
  audit(db, now_ms, actor, "epoch.new", e);
  t.commit();
  return e;
}

}  // namespace waymark::gateway
