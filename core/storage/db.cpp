#include "core/storage/db.h"

#include <sqlite3.h>

#include <chrono>
#include <string>
#include <utility>

namespace waymark {

namespace {
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
  std::string msg(what);
  msg += ": ";
  msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw DbError(rc, msg);
}
}  // namespace

// ---------------------------------------------------------------- Db
Db::Db(const std::string& path, const DbOptions& opt) : path_(path) {
  int flags = opt.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (opt.create && !opt.read_only) flags |= SQLITE_OPEN_CREATE;
  flags |= SQLITE_OPEN_NOMUTEX;  // one connection per thread
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = "cannot open database " + path + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close(db_);
    db_ = nullptr;
    throw DbError(rc, msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  stmts_ = std::make_shared<StmtCache>(db_);
  sqlite3_busy_timeout(db_, opt.busy_timeout_ms);
  busy_timeout_ms_ = opt.busy_timeout_ms;
  if (!opt.read_only) writers_ = WriterGate::for_file(path);
  // Durability: in WAL, NORMAL can lose a committed transaction on power loss. "Saved" must mean saved.
  if (!opt.read_only) exec("PRAGMA journal_mode=WAL;");
  exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA trusted_schema=OFF;");
  if (opt.secure_delete) exec("PRAGMA secure_delete=ON;");
}

Db::Db(std::unique_ptr<DbBackend> backend, std::string label) : backend_(std::move(backend)), path_(std::move(label)) {}

Db::~Db() { close(); }

Db::Db(Db&& o) noexcept
    : db_(std::exchange(o.db_, nullptr)),
      stmts_(std::move(o.stmts_)),
      backend_(std::move(o.backend_)),
      path_(std::move(o.path_)),
      commit_listener_(std::move(o.commit_listener_)),
      caches_(std::move(o.caches_)),
      wal_listener_(std::move(o.wal_listener_)),
      writers_(std::move(o.writers_)),
      busy_timeout_ms_(o.busy_timeout_ms_) {}

Db& Db::operator=(Db&& o) noexcept {
  if (this != &o) {
    close();
    db_ = std::exchange(o.db_, nullptr);
    stmts_ = std::move(o.stmts_);
    backend_ = std::move(o.backend_);
    path_ = std::move(o.path_);
    commit_listener_ = std::move(o.commit_listener_);
    commit_notice_due_ = false;
    caches_ = std::move(o.caches_);
    wal_listener_ = std::move(o.wal_listener_);
    writers_ = std::move(o.writers_);
    busy_timeout_ms_ = o.busy_timeout_ms_;
  }
  return *this;
}

void Db::close() {
  caches_.clear();
  backend_.reset();
  if (stmts_) {
    stmts_->close();  // before the connection: a statement still borrowed finalizes itself when given back
    stmts_.reset();
  }
  if (db_) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
  }
  wal_listener_.reset();
}

void Db::set_wal_listener(std::function<void(int pages)> fn) {
  if (!db_) throw DbError(SQLITE_MISUSE, "a WAL listener needs an open SQLite connection");
  wal_listener_ = std::make_unique<std::function<void(int)>>(std::move(fn));
  sqlite3_wal_hook(
      db_,
      [](void* listener, sqlite3*, const char*, int pages) {
        (*static_cast<std::function<void(int)>*>(listener))(pages);
        return SQLITE_OK;
      },
      wal_listener_.get());
}

void Db::exec(std::string_view sql) {
  if (backend_) return backend_->exec(sql);
  if (stmts_) stmts_->clear();  // the schema (or a pragma a kept statement depends on) may change here
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw DbError(rc, "exec failed: " + msg);
  }
}

int Db::user_version() {
  if (backend_) return backend_->user_version();
  Stmt s(*this, "PRAGMA user_version");
  s.step();
  return s.i32(0);
}

void Db::set_user_version(int v) {
  if (backend_) return backend_->set_user_version(v);
  // PRAGMA takes no bound parameters; v is an int we own, not user input. exec empties the statement cache:
  // a migration ends here.
  exec("PRAGMA user_version=" + std::to_string(v));
}

void Db::run_cached(std::string_view sql) { Stmt(*this, sql).run(); }

// Other engines have no rowid: code that runs on them reads a new key with RETURNING instead.
int64_t Db::last_insert_rowid() const {
  if (backend_) throw DbError(SQLITE_MISUSE, "last_insert_rowid is SQLite's alone: use RETURNING");
  return sqlite3_last_insert_rowid(db_);
}
bool Db::in_transaction() const {
  if (backend_) return backend_->in_transaction();
  return db_ != nullptr && sqlite3_get_autocommit(db_) == 0;
}
int Db::changes() const { return backend_ ? backend_->changes() : sqlite3_changes(db_); }

std::string Db::pragma_text(std::string_view pragma) {
  Stmt s(*this, "PRAGMA " + std::string(pragma));
  if (!s.step()) return {};
  return s.text(0);
}

std::string Db::quick_check() {
  try {
    if (backend_) return backend_->check();
    return pragma_text("quick_check");
  } catch (const DbError& e) {
    return e.what();
  }
}

std::string Db::integrity_check() {
  try {
    if (backend_) return backend_->check();
    return pragma_text("integrity_check");
  } catch (const DbError& e) {
    return e.what();
  }
}

// ---------------------------------------------------------------- StmtCache
sqlite3_stmt* StmtCache::take(std::string_view sql, std::string& key) {
  if (const auto it = kept_.find(sql); it != kept_.end()) {
    sqlite3_stmt* st = it->second.st;
    key = std::move(kept_.extract(it).key());
    return st;
  }
  sqlite3_stmt* st = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &st, nullptr);
  if (rc != SQLITE_OK) fail(db_, rc, "prepare failed for \"" + std::string(sql.substr(0, 80)) + "\"");
  key.assign(sql);
  return st;
}

void StmtCache::give(std::string&& key, sqlite3_stmt* st) {
  if (!st) return;
  if (closed_ || kept_.count(key)) {  // one kept per text is enough
    sqlite3_finalize(st);
    return;
  }
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  if (kept_.size() >= kCapacity) {
    auto oldest = kept_.begin();
    for (auto it = kept_.begin(); it != kept_.end(); ++it)
      if (it->second.used < oldest->second.used) oldest = it;
    sqlite3_finalize(oldest->second.st);
    kept_.erase(oldest);
  }
  kept_.emplace(std::move(key), Kept{st, ++clock_});
}

void StmtCache::clear() {
  for (auto& [sql, k] : kept_) sqlite3_finalize(k.st);
  kept_.clear();
}

void StmtCache::close() {
  clear();
  closed_ = true;
}

// ---------------------------------------------------------------- Stmt
Stmt::Stmt(Db& db, std::string_view sql) : db_(&db) {
  if (db.backend()) {
    ext_ = db.backend()->prepare(sql);
    return;
  }
  if (!db.stmts_) throw DbError(SQLITE_MISUSE, "prepare failed for \"" + std::string(sql.substr(0, 80)) + "\": the database is closed");
  st_ = db.stmts_->take(sql, key_);
  cache_ = db.stmts_;
}

Stmt::~Stmt() {
  if (cache_) cache_->give(std::move(key_), st_);
  else sqlite3_finalize(st_);
}

Stmt::Stmt(Stmt&& o) noexcept
    : st_(std::exchange(o.st_, nullptr)),
      cache_(std::move(o.cache_)),
      key_(std::move(o.key_)),
      ext_(std::move(o.ext_)),
      db_(o.db_) {}

int Stmt::index_of(const char* name) const {
  int i = sqlite3_bind_parameter_index(st_, name);
  if (i == 0) throw DbError(SQLITE_RANGE, std::string("no such parameter ") + name);
  return i;
}

Stmt& Stmt::bind(const char* name, int64_t v) {
  if (ext_) {
    ext_->bind_i64(name, v);
    return *this;
  }
  int rc = sqlite3_bind_int64(st_, index_of(name), v);
  if (rc != SQLITE_OK) fail(db_->raw(), rc, "bind");
  return *this;
}

Stmt& Stmt::bind(const char* name, double v) {
  if (ext_) {
    ext_->bind_f64(name, v);
    return *this;
  }
  int rc = sqlite3_bind_double(st_, index_of(name), v);
  if (rc != SQLITE_OK) fail(db_->raw(), rc, "bind");
  return *this;
}

Stmt& Stmt::bind(const char* name, std::string_view v) {
  if (ext_) {
    ext_->bind_text(name, v);
    return *this;
  }
  int rc = sqlite3_bind_text64(st_, index_of(name), v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) fail(db_->raw(), rc, "bind");
  return *this;
}

Stmt& Stmt::bind_blob(const char* name, const void* data, size_t n) {
  if (ext_) {
    ext_->bind_blob(name, data, n);
    return *this;
  }
  int rc = sqlite3_bind_blob64(st_, index_of(name), data, n, SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) fail(db_->raw(), rc, "bind");
  return *this;
}

Stmt& Stmt::bind_null(const char* name) {
  if (ext_) {
    ext_->bind_null(name);
    return *this;
  }
  int rc = sqlite3_bind_null(st_, index_of(name));
  if (rc != SQLITE_OK) fail(db_->raw(), rc, "bind");
  return *this;
}

bool Stmt::step() {
  if (ext_) return ext_->step();
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_->raw(), rc, "step failed");
}

void Stmt::run() {
  if (step()) throw DbError(SQLITE_MISUSE, "statement returned a row where none was expected");
}

void Stmt::reset() {
  if (ext_) return ext_->reset();
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
}

bool Stmt::is_null(int col) const { return ext_ ? ext_->is_null(col) : sqlite3_column_type(st_, col) == SQLITE_NULL; }
int64_t Stmt::i64(int col) const { return ext_ ? ext_->i64(col) : sqlite3_column_int64(st_, col); }
double Stmt::f64(int col) const { return ext_ ? ext_->f64(col) : sqlite3_column_double(st_, col); }

std::string Stmt::text(int col) const {
  if (ext_) return ext_->text(col);
  const unsigned char* p = sqlite3_column_text(st_, col);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st_, col)));
}

std::optional<std::string> Stmt::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

std::optional<int64_t> Stmt::opt_i64(int col) const {
  if (is_null(col)) return std::nullopt;
  return i64(col);
}

std::vector<unsigned char> Stmt::blob(int col) const {
  if (ext_) return ext_->blob(col);
  const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(st_, col));
  int n = sqlite3_column_bytes(st_, col);
  if (!p || n <= 0) return {};
  return std::vector<unsigned char>(p, p + n);
}

// ---------------------------------------------------------------- transactions
NotInTransaction::NotInTransaction(const std::string& function)
    : DbError(SQLITE_MISUSE, function + " must be called inside a transaction (see core/storage/db.h)") {}

void require_transaction(const Db& db, const char* function) {
  if (!db.in_transaction()) throw NotInTransaction(function);
}

Txn::Txn(Db& db, TxnKind kind) : db_(db) {
  if (db_.in_transaction())
    throw DbError(SQLITE_MISUSE, "a transaction is already open: a function that opens its own was called inside "
                                 "another (see core/storage/db.h)");
  if (db_.backend()) {
    db_.backend()->begin(kind);
    return;
  }
  if (kind == TxnKind::Immediate && db_.writers_) {
    if (!db_.writers_->enter(std::chrono::milliseconds(db_.busy_timeout_ms_)))
      throw DbError(SQLITE_BUSY, "database is locked: another writer in this program held it for " +
                                     std::to_string(db_.busy_timeout_ms_) + " ms (" + db_.path_ + ")");
    gated_ = true;
  }
  try {
    db_.run_cached(kind == TxnKind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN");
  } catch (...) {
    leave_gate();
    throw;
  }
}

void Txn::leave_gate() {
  if (std::exchange(gated_, false)) db_.writers_->leave();
}

Txn::~Txn() {
  if (!done_) {
    try {
      if (db_.backend()) db_.backend()->rollback();
      else db_.run_cached("ROLLBACK");
    } catch (...) {
      // The transaction may already be gone (e.g. SQLITE_FULL rolled it back); nothing more to do.
    }
    leave_gate();
    db_.after_transaction(false);
  }
}

void Txn::commit() {
  if (db_.backend()) db_.backend()->commit();
  else db_.run_cached("COMMIT");
  done_ = true;
  leave_gate();
  db_.after_transaction(true);
}

void Db::after_transaction(bool committed) {
  const bool due = std::exchange(commit_notice_due_, false);
  if (committed && due && commit_listener_) commit_listener_();
}

}  // namespace waymark
