// core/storage/db_backend.h: the seam that lets Db/Stmt/Txn (db.h) run on a database other than SQLite.
// SQLite is built into Db itself (the kiosk and the default gateway never touch this interface); another
// engine (the gateway's PostgreSQL, gateway/store/pg/) implements these two classes and is handed to
// Db(std::unique_ptr<DbBackend>). Core never links that engine's client library.
//
// The rules a backend keeps so every caller behaves the same on either engine:
//  - Parameters are bound by name (":name"); the backend maps them to its own placeholders.
//  - Failures throw DbError with the nearest SQLite result code (SQLITE_CONSTRAINT for a broken constraint,
//    SQLITE_BUSY for a lost race, SQLITE_IOERR when the server cannot be reached), so callers test one set.
//  - begin(Immediate) serialises writers as SQLite's BEGIN IMMEDIATE does; begin(Deferred) reads one snapshot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

enum class TxnKind { Immediate, Deferred };

class StmtBackend {
public:
  virtual ~StmtBackend() = default;
  virtual void bind_i64(const char* name, int64_t v) = 0;
  virtual void bind_f64(const char* name, double v) = 0;
  virtual void bind_text(const char* name, std::string_view v) = 0;
  virtual void bind_blob(const char* name, const void* data, size_t n) = 0;
  virtual void bind_null(const char* name) = 0;
  virtual bool step() = 0;  // true while a row is available
  virtual void reset() = 0;  // back to before the first step, bindings cleared
  virtual bool is_null(int col) const = 0;
  virtual int64_t i64(int col) const = 0;
  virtual double f64(int col) const = 0;
  virtual std::string text(int col) const = 0;
  virtual std::vector<unsigned char> blob(int col) const = 0;
};

class DbBackend {
public:
  virtual ~DbBackend() = default;
  virtual std::unique_ptr<StmtBackend> prepare(std::string_view sql) = 0;
  virtual void exec(std::string_view sql) = 0;  // statements without parameters
  virtual void begin(TxnKind kind) = 0;
  virtual void commit() = 0;  // throws DbError when the transaction did not commit
  virtual void rollback() = 0;  // never throws
  virtual bool in_transaction() const = 0;
  virtual int changes() const = 0;  // rows the last statement changed
  virtual int user_version() = 0;
  virtual void set_user_version(int v) = 0;
  virtual std::string check() = 0;  // "ok" or what is wrong (the integrity checks of Db)
  // This engine's text for a migration written in SQLite's DDL (migrations.h); throws what it cannot translate.
  virtual std::string migration_sql(std::string_view sqlite_ddl) = 0;
};

}  // namespace waymark
