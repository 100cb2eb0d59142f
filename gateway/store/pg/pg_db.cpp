#include "gateway/store/pg/pg_db.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <map>

#include "gateway/store/pg/pg_dialect.h"

namespace waymark::gateway {

namespace {

constexpr Oid kByteaOid = 17;

struct ResultFree {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultFree>;

// The nearest SQLite result code for a PostgreSQL failure (db_backend.h: callers test one set of codes).
int sqlite_code(PGconn* conn, const PGresult* r) {
  if (PQstatus(conn) == CONNECTION_BAD) return SQLITE_IOERR;
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  if (!state) return SQLITE_IOERR;  // no answer at all: the server went away
  const std::string_view s(state);
  if (s == "23505") return SQLITE_CONSTRAINT_UNIQUE;
  if (s == "23503") return SQLITE_CONSTRAINT_FOREIGNKEY;
  if (s == "23502") return SQLITE_CONSTRAINT_NOTNULL;
  if (s == "23514") return SQLITE_CONSTRAINT_CHECK;
  if (s == "23000") return SQLITE_CONSTRAINT_TRIGGER;  // waymark_refuse(): an append-only table (pg_dialect.h)
  if (s.substr(0, 2) == "23") return SQLITE_CONSTRAINT;
  if (s == "40001" || s == "40P01" || s == "55P03") return SQLITE_BUSY;
  if (s.substr(0, 2) == "08" || s.substr(0, 3) == "57P") return SQLITE_IOERR;
  return SQLITE_ERROR;
}

std::string message(PGconn* conn, const PGresult* r) {
  const char* m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string s = m ? m : PQerrorMessage(conn);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

bool ok(const PGresult* r) {
  const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

std::string bytea_from_hex(const char* v, size_t n) {
  if (n < 2 || v[0] != '\\' || v[1] != 'x') return std::string(v, n);
  std::string out;
  out.reserve((n - 2) / 2);
  auto nib = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  for (size_t i = 2; i + 1 < n; i += 2) out += static_cast<char>(nib(v[i]) << 4 | nib(v[i + 1]));
  return out;
}

class PgBackend;

class PgStmt final : public StmtBackend {
public:
  PgStmt(PgBackend& db, std::string sql, const PositionalSql& p)
      : db_(db), sql_(std::move(sql)), names_(p.names), vals_(p.names.size()), null_(p.names.size(), 1),
        fmt_(p.names.size(), 0) {}
  void bind_i64(const char* name, int64_t v) override { set(name, std::to_string(v), 0); }
  void bind_f64(const char* name, double v) override {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    set(name, std::string(buf, ec == std::errc() ? end : buf), 0);
  }
  void bind_text(const char* name, std::string_view v) override { set(name, std::string(v), 0); }
  void bind_blob(const char* name, const void* data, size_t n) override {
    set(name, std::string(static_cast<const char*>(data), n), 1);
  }
  void bind_null(const char* name) override { null_[index_of(name)] = 1; }
  bool step() override;
  void reset() override {
    res_.reset();
    row_ = -1;
    std::fill(null_.begin(), null_.end(), 1);
  }
  bool is_null(int col) const override { return !res_ || PQgetisnull(res_.get(), row_, col); }
  int64_t i64(int col) const override {
    if (is_null(col)) return 0;
    const char* v = PQgetvalue(res_.get(), row_, col);
    if (v[0] == 't' || v[0] == 'f') return v[0] == 't';  // a boolean expression, as SQLite's 1 and 0
    if (std::strpbrk(v, ".eE")) return static_cast<int64_t>(std::strtod(v, nullptr));  // numeric (sum, avg)
    return std::strtoll(v, nullptr, 10);
  }
  double f64(int col) const override { return is_null(col) ? 0.0 : std::strtod(PQgetvalue(res_.get(), row_, col), nullptr); }
  std::string text(int col) const override {
    if (is_null(col)) return {};
    const char* v = PQgetvalue(res_.get(), row_, col);
    const size_t n = static_cast<size_t>(PQgetlength(res_.get(), row_, col));
    return PQftype(res_.get(), col) == kByteaOid ? bytea_from_hex(v, n) : std::string(v, n);
  }
  std::vector<unsigned char> blob(int col) const override {
    const std::string s = text(col);
    return std::vector<unsigned char>(s.begin(), s.end());
  }

private:
  size_t index_of(const char* name) const {
    for (size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == name) return i;
    throw DbError(SQLITE_RANGE, std::string("no such parameter ") + name);
  }
  void set(const char* name, std::string v, int fmt) {
    const size_t i = index_of(name);
    vals_[i] = std::move(v);
    null_[i] = 0;
    fmt_[i] = fmt;
  }
  PgBackend& db_;
  std::string sql_;
  std::vector<std::string> names_;
  std::vector<std::string> vals_;
  std::vector<char> null_;
  std::vector<int> fmt_;
  Result res_;
  int row_ = -1;
};

class PgBackend final : public DbBackend {
public:
  PgBackend(PGconn* c, std::string label) : conn_(c), label_(std::move(label)) {}
  ~PgBackend() override { PQfinish(conn_); }

  std::unique_ptr<StmtBackend> prepare(std::string_view sql) override {
    std::string s(sql);
    const Prepared& p = prepared(s);
    return std::make_unique<PgStmt>(*this, std::move(s), p.positional);
  }
  void exec(std::string_view sql) override {
    reconnect_if_lost();
    Result r(PQexec(conn_, std::string(sql).c_str()));
    require_ok(r.get(), "exec failed");
    changes_ = std::atoi(PQcmdTuples(r.get()));
  }
  void begin(TxnKind kind) override {
    exec(kind == TxnKind::Immediate ? "BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kWriterLock) + ")"
                                    : std::string("BEGIN ISOLATION LEVEL REPEATABLE READ"));
  }
  void commit() override {
    Result r(PQexec(conn_, "COMMIT"));
    require_ok(r.get(), "commit failed");
    if (std::strcmp(PQcmdStatus(r.get()), "COMMIT") != 0)
      throw DbError(SQLITE_ABORT, "commit failed: a statement in the transaction had failed, so PostgreSQL rolled it back");
  }
  void rollback() override {
    if (PQstatus(conn_) != CONNECTION_OK) return;
    PQclear(PQexec(conn_, "ROLLBACK"));
  }
  bool in_transaction() const override {
    const PGTransactionStatusType t = PQtransactionStatus(conn_);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
  }
  int changes() const override { return changes_; }
  // PostgreSQL has no user_version: the number lives in a one-row table, made by the first migration.
  int user_version() override {
    if (one_value("SELECT to_regclass('waymark_schema_version') IS NULL") == "t") return 0;
    return std::atoi(one_value("SELECT coalesce(max(version), 0) FROM waymark_schema_version").c_str());
  }
  void set_user_version(int v) override {
    exec("CREATE TABLE IF NOT EXISTS waymark_schema_version (version BIGINT NOT NULL); DELETE FROM waymark_schema_version");
    const std::string value = std::to_string(v);
    const char* params[] = {value.c_str()};
    Result r(PQexecParams(conn_, "INSERT INTO waymark_schema_version VALUES ($1)", 1, nullptr, params, nullptr, nullptr, 0));
    require_ok(r.get(), "recording the schema version failed");
  }
  std::string migration_sql(std::string_view sqlite_ddl) override { return pg_ddl(sqlite_ddl); }
  std::string check() override {
    exec("SELECT 1");
    return "ok";
  }

  // Runs a prepared statement (preparing it on this connection first when needed).
  Result run(const std::string& sql, const std::vector<std::string>& vals, const std::vector<char>& null,
             const std::vector<int>& fmt) {
    const Prepared& p = prepared(sql);
    if (!p.ready) {
      Result r(PQprepare(conn_, p.name.c_str(), p.positional.sql.c_str(), static_cast<int>(vals.size()), nullptr));
      require_ok(r.get(), "prepare failed for \"" + sql.substr(0, 80) + "\"");
      cache_[sql].ready = true;
    }
    std::vector<const char*> v(vals.size());
    std::vector<int> len(vals.size());
    for (size_t i = 0; i < vals.size(); ++i) {
      v[i] = null[i] ? nullptr : vals[i].c_str();
      len[i] = static_cast<int>(vals[i].size());
    }
    Result r(PQexecPrepared(conn_, p.name.c_str(), static_cast<int>(v.size()), v.data(), len.data(), fmt.data(), 0));
    require_ok(r.get(), "step failed");
    changes_ = std::atoi(PQcmdTuples(r.get()));
    return r;
  }

private:
  struct Prepared {
    PositionalSql positional;
    std::string name;
    bool ready = false;  // prepared on the current connection
  };
  const Prepared& prepared(const std::string& sql) {
    reconnect_if_lost();
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
      std::string name = std::to_string(cache_.size() + 1);
      name.insert(name.begin(), 'w');
      Prepared p{named_to_positional(sql), std::move(name), false};
      it = cache_.emplace(sql, std::move(p)).first;
    }
    return it->second;
  }
  // A connection that broke is made again before the next statement outside a transaction; inside one the
  // transaction is lost anyway and its Txn rolls back (the caller sees the DbError first).
  void reconnect_if_lost() {
    if (PQstatus(conn_) == CONNECTION_OK) return;
    PQreset(conn_);
    for (auto& [sql, p] : cache_) p.ready = false;
    if (PQstatus(conn_) != CONNECTION_OK)
      throw DbError(SQLITE_IOERR, "the database at " + label_ + " cannot be reached: " + message(conn_, nullptr));
  }
  void require_ok(const PGresult* r, const std::string& what) {
    if (!ok(r)) throw DbError(sqlite_code(conn_, r), what + ": " + message(conn_, r));
  }
  std::string one_value(const char* sql) {
    reconnect_if_lost();
    Result r(PQexec(conn_, sql));
    require_ok(r.get(), "query failed");
    return PQntuples(r.get()) > 0 ? std::string(PQgetvalue(r.get(), 0, 0)) : std::string();
  }
  PGconn* conn_;
  std::string label_;
  std::map<std::string, Prepared, std::less<>> cache_;
  int changes_ = 0;
};

bool PgStmt::step() {
  if (!res_) {
    res_ = db_.run(sql_, vals_, null_, fmt_);
    row_ = -1;
  }
  ++row_;
  return row_ < PQntuples(res_.get());
}

// "postgresql://user@host:port/db" without a password, for messages.
std::string label_of(PGconn* c) {
  std::string l = "postgresql://";
  auto add = [&l](const char* before, const char* part, const char* after) {
    if (!part || !*part) return;
    l.append(before);
    l.append(part);
    l.append(after);
  };
  add("", PQuser(c), "@");
  add("", PQhost(c), "");
  add(":", PQport(c), "");
  add("/", PQdb(c), "");
  return l;
}

}  // namespace

bool is_postgres_url(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::unique_ptr<Db> open_postgres(const std::string& url) {
  // connect_timeout first, so the URI may still set its own; the URI is expanded as the dbname keyword.
  const char* const keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* const values[] = {"10", "waymark-gateway", url.c_str(), nullptr};
  PGconn* c = PQconnectdbParams(keys, values, 1);
  if (!c) throw DbError(SQLITE_NOMEM, "cannot start a PostgreSQL connection");
  std::string label = label_of(c);
  if (PQstatus(c) != CONNECTION_OK) {
    std::string why = PQerrorMessage(c);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    PQfinish(c);
    throw DbError(SQLITE_IOERR, "cannot reach the PostgreSQL database " + label + ": " + why);
  }
  // Notices (CREATE TABLE IF NOT EXISTS on a table that exists) are not the operator's business.
  PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);
  PGresult* r = PQexec(c, "SET client_min_messages = warning; SET TIME ZONE 'UTC'");
  PQclear(r);
  return std::make_unique<Db>(std::make_unique<PgBackend>(c, label), label);
}

}  // namespace waymark::gateway
