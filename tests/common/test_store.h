// tests/common/test_store.h: which store a test's gateway uses. By default SQLite in the gateway's folder.
// When WAYMARK_TEST_GATEWAY_DB is set (a postgresql:// URL: the "_pg" ctest entries set it inside
// pg_virtualenv, tests/CMakeLists.txt), every gateway folder a test makes gets its own fresh PostgreSQL
// database, named for the process and a counter so parallel test programs never share one, written into
// the folder's database.url (gateway/store/database.h) so in-process servers and the waymark-gateway
// program alike find it. The databases are dropped when the test program exits.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

#include "gateway/store/database.h"
#include "gateway/store/pg/pg_db.h"

namespace waymark::testing {

inline std::string test_pg_server() {
  const char* v = std::getenv("WAYMARK_TEST_GATEWAY_DB");
  return v ? v : "";
}
inline bool testing_on_postgres() { return !test_pg_server().empty(); }

// The server's URL with another database name ("postgresql://h:5432/x?o" -> "postgresql://h:5432/NAME?o").
inline std::string pg_url_with_db(const std::string& url, const std::string& name) {
  const size_t scheme = url.find("://");
  const size_t auth_end = url.find_first_of("/?", scheme + 3);
  const std::string base = url.substr(0, auth_end == std::string::npos ? url.size() : auth_end);
  std::string query;
  if (auth_end != std::string::npos) {
    const size_t q = url.find('?', auth_end);
    if (q != std::string::npos) query = url.substr(q);
  }
  return base + "/" + name + query;
}

namespace detail {
struct PgDatabases {
  std::mutex mu;
  std::vector<std::string> names;
  static void drop_all() {
    PgDatabases& d = get();
    std::lock_guard lk(d.mu);
    try {
      auto admin = gateway::open_postgres(test_pg_server());
      for (const std::string& n : d.names) admin->exec("DROP DATABASE IF EXISTS " + n + " WITH (FORCE)");
    } catch (const std::exception&) {  // the throw-away cluster is gone already: nothing to drop
    }
    d.names.clear();
  }
  static PgDatabases& get() {
    static PgDatabases* d = [] {
      std::atexit(drop_all);
      return new PgDatabases;
    }();
    return *d;
  }
};
inline std::string pg_database_of(const std::string& dir) {
  std::ifstream in(gateway::gateway_db_url_path(dir));
  std::string url;
  std::getline(in, url);
  return url.substr(url.rfind('/') + 1);
}
}  // namespace detail

// Gives the gateway folder `dir` its own database on the test server: empty, or a copy of `from_dir`'s
// (CREATE DATABASE ... TEMPLATE: the seeded demo is made once per program and copied, as the SQLite file is).
// Does nothing on SQLite. Call it before the gateway is first opened in `dir`.
inline void use_test_database(const std::string& dir, const std::string& from_dir = "") {
  if (!testing_on_postgres()) return;
  static std::atomic<int> n{0};
  const std::string name = "wmt_" + std::to_string(::getpid()) + "_" + std::to_string(n++);
  {
    auto admin = gateway::open_postgres(test_pg_server());
    std::string sql = "CREATE DATABASE " + name;
    if (!from_dir.empty()) sql += " TEMPLATE " + detail::pg_database_of(from_dir);
    admin->exec(sql);
  }
  {
    detail::PgDatabases& d = detail::PgDatabases::get();
    std::lock_guard lk(d.mu);
    d.names.push_back(name);
  }
  std::filesystem::create_directories(dir);
  std::ofstream out(gateway::gateway_db_url_path(dir), std::ios::trunc);
  out << pg_url_with_db(test_pg_server(), name) << "\n";
}

// Copies a gateway folder (key, certificate, packs, and the SQLite file or a fresh copy of its database).
inline void copy_test_gateway(const std::string& from_dir, const std::string& to_dir) {
  namespace fs = std::filesystem;
  for (const auto& e : fs::directory_iterator(from_dir)) {
    if (e.path().filename() == "database.url") continue;
    fs::copy(e.path(), fs::path(to_dir) / e.path().filename(), fs::copy_options::recursive);
  }
  use_test_database(to_dir, from_dir);
}

// The gateway's database in `dir`, opened without migrating (tests of the migrations themselves).
inline std::unique_ptr<Db> open_unmigrated_test_store(const std::string& dir) {
  const std::string where = gateway::gateway_db_location(dir);
  if (gateway::is_postgres_url(where)) return gateway::open_postgres(where);
  return std::make_unique<Db>(where);
}

}  // namespace waymark::testing
