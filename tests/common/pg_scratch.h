// tests/common/pg_scratch.h: a PostgreSQL database of its own for a program that seeds a whole demo gateway
// (bench_sync, waymark-fault-sync), on the server a `--db URL` names, so a run works the same on a fresh server
// and on one that earlier runs (or a real gateway) already use. The program's run gets a new, empty database
// named for its process, and drops it when done; a server where the URL's role may not create databases is used
// as it is only when its database holds no gateway yet, and refused in plain words otherwise.
#pragma once

#include <unistd.h>

#include <stdexcept>
#include <string>

#include "core/storage/db.h"
#include "gateway/store/pg/pg_db.h"
#include "tests/common/test_store.h"

namespace waymark::testing {

class PgScratch {
public:
  // Throws std::runtime_error saying what to do when neither way works.
  PgScratch(const std::string& server_url, const std::string& prefix) : server_(server_url) {
    const std::string name = prefix + "_" + std::to_string(::getpid());
    try {
      auto admin = gateway::open_postgres(server_);
      admin->exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");  // a killed run's, by the same pid
      admin->exec("CREATE DATABASE " + name);
      name_ = name;
      url_ = pg_url_with_db(server_, name);
      return;
    } catch (const DbError& e) {
      if (holds_gateway(server_))
        throw std::runtime_error("cannot make a database of its own on " + server_ + " (" + e.what() +
                                 ") and the database there already holds a gateway: give --db a URL naming an empty "
                                 "database, or a role that may CREATE DATABASE");
    }
    url_ = server_;  // empty, and ours for this run
  }
  ~PgScratch() {
    if (name_.empty()) return;
    try {
      auto admin = gateway::open_postgres(server_);
      admin->exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception&) {  // the server is gone already: nothing to drop
    }
  }
  PgScratch(const PgScratch&) = delete;
  PgScratch& operator=(const PgScratch&) = delete;
  const std::string& url() const { return url_; }

private:
  static bool holds_gateway(const std::string& url) {
    auto db = gateway::open_postgres(url);
    Stmt s(*db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()");
    return s.step() && s.i64(0) > 0;
  }
  std::string server_, name_, url_;
};

}  // namespace waymark::testing
