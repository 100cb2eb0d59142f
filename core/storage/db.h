// core/storage/db.h: RAII wrappers over SQLite (or, for the gateway, another engine behind the seam in
// core/storage/db_backend.h: the same Db, Stmt and Txn, whichever engine is underneath).
//
// Index
//  - DbError     : an exception carrying SQLite's result code (bugs and unexpected failures)
//  - Db          : one connection; opened with WAL, synchronous=FULL, foreign_keys=ON, busy_timeout
//  - Stmt        : a prepared statement; parameters are bound by name only (":name")
//  - StmtCache   : SQLite statements kept prepared for reuse by their SQL text (one per connection)
//  - Txn         : BEGIN IMMEDIATE by default (after this process's other writers of the file, in turn:
//                  writer_gate.h); rolls back in its destructor unless committed
//  - NotInTransaction / require_transaction : the one rule for who opens a transaction (below)
//
// Never build SQL from values: every value goes through Stmt::bind.
//
// Who opens the transaction: every function that writes is one of two kinds, and its comment says which.
//  - "Own transaction": a whole action (a tap, a command). It opens a Txn itself and commits it. Called while a
//    transaction is already open, its Txn throws DbError (SQLITE_MISUSE): nesting is a bug, never silently joined.
//  - "Inside a transaction": a step of a bigger change that must commit with it (an outbox record with the tap
//    that caused it, a listing with its search index). Its first line is require_transaction(db, "name"),
//    which throws NotInTransaction when the caller holds none.
// Nothing opens one "only if none is open": a function wanted both ways is split into the step and an action
// that wraps it (form_install and form_install_step).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/db_backend.h"
#include "core/storage/writer_gate.h"

struct sqlite3;
struct sqlite3_stmt;

namespace waymark {

class DbError : public std::runtime_error {
public:
  DbError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

private:
  int code_;
};

// A function that must run inside the caller's transaction was called outside one (a bug in the caller).
class NotInTransaction : public DbError {
public:
  explicit NotInTransaction(const std::string& function);
};

struct DbOptions {
  bool read_only = false;        // default false
  bool create = true;            // default true: create the file if absent
  int busy_timeout_ms = 5000;    // default 5000
  bool secure_delete = false;    // default false: purges of children's data turn it on
};

// Preparing a statement costs more than running a short one (about a fifth of a gateway's CPU per sync request
// went on it), so each SQLite connection keeps the statements it prepared, by their SQL text, for the next Stmt
// with the same text. A Stmt borrows one (no other Stmt uses it meanwhile: the same text twice at once prepares
// a second) and gives it back reset, bindings cleared, so a kept statement holds no lock and no value. At most
// kCapacity are kept, the least recently used going first. Db::exec (schema changes and pragmas run there) and
// set_user_version empty the cache; closing the connection finalizes what is kept, and a Stmt that outlives
// its connection finalizes its own.
class StmtCache {
public:
  static constexpr size_t kCapacity = 96;  // statements kept per connection
  explicit StmtCache(sqlite3* db) : db_(db) {}
  ~StmtCache() { clear(); }
  StmtCache(const StmtCache&) = delete;
  StmtCache& operator=(const StmtCache&) = delete;
  // A prepared statement for sql, kept or new; `key` receives the text to give it back under. Throws DbError.
  sqlite3_stmt* take(std::string_view sql, std::string& key);
  void give(std::string&& key, sqlite3_stmt* st);
  void clear();  // finalizes every kept statement
  void close();  // clear(), and from now on finalize what is given back
  size_t size() const { return kept_.size(); }

private:
  struct Kept {
    sqlite3_stmt* st;
    uint64_t used;  // when it was last given back, in gives
  };
  sqlite3* db_;
  bool closed_ = false;
  uint64_t clock_ = 0;
  std::map<std::string, Kept, std::less<>> kept_;
};

class Db {
public:
  Db() = default;
  explicit Db(const std::string& path, const DbOptions& opt = {});
  // A connection through another engine (db_backend.h); `label` names it in messages (never a password).
  Db(std::unique_ptr<DbBackend> backend, std::string label);
  ~Db();
  Db(Db&& o) noexcept;
  Db& operator=(Db&& o) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  sqlite3* raw() const { return db_; }
  const std::string& path() const { return path_; }
  bool is_open() const { return db_ != nullptr || backend_ != nullptr; }
  // The other engine, or null for SQLite.
  DbBackend* backend() const { return backend_.get(); }

  // Runs one or more statements with no parameters (schema, pragmas). Never pass values here.
  void exec(std::string_view sql);
  int user_version();
  void set_user_version(int v);
  int64_t last_insert_rowid() const;
  bool in_transaction() const;  // a BEGIN is open on this connection
  int changes() const;
  // "ok" or the first problem SQLite reports.
  std::string quick_check();
  std::string integrity_check();
  std::string pragma_text(std::string_view pragma);
  void close();

  // A notice after commit (the outbox wakes sync this way, core/messaging/outbox.h): `set_commit_listener`
  // sets this connection's one listener (default none); `notify_after_commit` asks for it to run once the
  // current transaction commits (Txn::commit). A rollback forgets the request.
  void set_commit_listener(std::function<void()> fn) { commit_listener_ = std::move(fn); }
  void notify_after_commit() { commit_notice_due_ = true; }

  // Called after each commit on this connection with the size of the WAL in pages. Setting one turns off this
  // connection's own automatic checkpoint: the listener sees to it (core/storage/checkpointer.h). SQLite only.
  void set_wal_listener(std::function<void(int pages)> fn);

  // The prepared statements this connection keeps (null for another engine, which keeps its own).
  StmtCache* statements() const { return stmts_.get(); }

  // A module's cache of what it read through this connection (the catalogue's search index), by the module's key
  // (default empty). It goes with the connection; the module itself decides when it is stale.
  std::shared_ptr<const void>& cache(const std::string& key) { return caches_[key]; }

private:
  friend class Txn;
  friend class Stmt;
  void after_transaction(bool committed);
  void run_cached(std::string_view sql);  // a statement without parameters or rows, through the cache
  sqlite3* db_ = nullptr;
  std::shared_ptr<StmtCache> stmts_;  // shared with the Stmts that borrow from it
  std::unique_ptr<DbBackend> backend_;
  std::string path_;
  std::function<void()> commit_listener_;
  bool commit_notice_due_ = false;
  std::map<std::string, std::shared_ptr<const void>, std::less<>> caches_;
  std::unique_ptr<std::function<void(int)>> wal_listener_;  // on the heap: SQLite holds its address
  std::shared_ptr<WriterGate> writers_;  // this file's queue of writers in this process (writer_gate.h)
  int busy_timeout_ms_ = 0;
};

class Stmt {
public:
  Stmt(Db& db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept;

  Stmt& bind(const char* name, int64_t v);
  Stmt& bind(const char* name, int v) { return bind(name, static_cast<int64_t>(v)); }
  Stmt& bind(const char* name, double v);
  Stmt& bind(const char* name, std::string_view v);
  Stmt& bind(const char* name, const std::string& v) { return bind(name, std::string_view(v)); }
  Stmt& bind(const char* name, const char* v) { return bind(name, std::string_view(v)); }
  Stmt& bind_blob(const char* name, const void* data, size_t n);
  Stmt& bind_null(const char* name);
  template <class T>
  Stmt& bind(const char* name, const std::optional<T>& v) {
    if (v) return bind(name, *v);
    return bind_null(name);
  }

  // true while a row is available
  bool step();
  // step() that must not produce a row (INSERT/UPDATE/DELETE)
  void run();
  void reset();

  bool is_null(int col) const;
  int64_t i64(int col) const;
  int i32(int col) const { return static_cast<int>(i64(col)); }
  double f64(int col) const;
  std::string text(int col) const;
  std::optional<std::string> opt_text(int col) const;
  std::optional<int64_t> opt_i64(int col) const;
  std::vector<unsigned char> blob(int col) const;

private:
  int index_of(const char* name) const;
  sqlite3_stmt* st_ = nullptr;
  std::shared_ptr<StmtCache> cache_;  // where st_ goes back to
  std::string key_;                   // its SQL text there
  std::unique_ptr<StmtBackend> ext_;  // set instead of st_ when the Db has another engine
  Db* db_ = nullptr;
};

// The first line of every "inside a transaction" function: throws NotInTransaction naming it when none is open.
void require_transaction(const Db& db, const char* function);

// Throws DbError (SQLITE_MISUSE) when a transaction is already open on db: an "own transaction" function
// called inside another's.
class Txn {
public:
  explicit Txn(Db& db, TxnKind kind = TxnKind::Immediate);
  ~Txn();
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;
  void commit();

private:
  void leave_gate();
  Db& db_;
  bool done_ = false;
  bool gated_ = false;  // holds the file's WriterGate until commit or rollback
};

}  // namespace waymark
