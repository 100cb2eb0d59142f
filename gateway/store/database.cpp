#include "gateway/store/database.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "core/base/secrets.h"
#include "gateway/store/audit.h"
#include "gateway/store/establishments.h"
#include "gateway/store/pg/pg_db.h"
#include "gateway/store/schema.h"

namespace fs = std::filesystem;

namespace waymark::gateway {

std::string gateway_db_path(const std::string& dir) { return (fs::path(dir) / "gateway.db").string(); }
std::string gateway_db_url_path(const std::string& dir) { return (fs::path(dir) / "database.url").string(); }

std::string gateway_db_location(const std::string& dir) {
  if (const char* env = std::getenv("WAYMARK_GATEWAY_DB"); env && *env) return env;
  std::ifstream in(gateway_db_url_path(dir));
  std::string url;
  if (in && std::getline(in, url) && !url.empty()) return url;
  return gateway_db_path(dir);
}

namespace {

void make_data_dir(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec)) return;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir + ": " + ec.message());
  ::chmod(dir.c_str(), 0700);
}

// `init --db URL` (or WAYMARK_GATEWAY_DB) keeps the URL beside the key, owner-only: it may hold a password.
void remember_url(const std::string& dir, const std::string& url) {
  const std::string path = gateway_db_url_path(dir);
  std::ofstream out(path, std::ios::trunc);
  out << url << "\n";
  out.close();
  ::chmod(path.c_str(), 0600);
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace

std::unique_ptr<Db> open_gateway(const std::string& dir, bool create) {
  const std::string where = gateway_db_location(dir);
  std::unique_ptr<Db> db;
  if (is_postgres_url(where)) {
    if (create) make_data_dir(dir);
    db = open_postgres(where);  // throws DbError saying which server cannot be reached
    if (create) remember_url(dir, where);
  } else {
    std::error_code ec;
    if (!fs::exists(where, ec)) {
      if (!create)
        throw std::runtime_error("there is no gateway in " + dir + "; run `waymark-gateway init --data " + dir +
                                 " --establishment NAME` first");
      make_data_dir(dir);
    }
    db = std::make_unique<Db>(where);
  }
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
