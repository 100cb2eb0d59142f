// gateway/store/pg/pg_db.h: the gateway's PostgreSQL connection, a Db (core/storage/db.h) whose engine is
// libpq. Every gateway query runs on it unchanged: names (":k") become $1.. once per connection and the
// statement is prepared there; values go as text, blobs as binary bytea; rows come back as text.
//
// Behaviour that matches SQLite's:
//  - Txn(Immediate) is BEGIN + pg_advisory_xact_lock(kWriterLock): one writer at a time across every node,
//    as BEGIN IMMEDIATE gives one writer per file. The gateway's write transactions read then write (a
//    sequence number, a count in a window) and were written for that serialisation; row locks alone would let
//    two nodes read the same "next" value. Txn(Deferred) is REPEATABLE READ: one snapshot, like a SQLite read.
//  - A COMMIT that PostgreSQL turned into a ROLLBACK (a statement in the transaction failed) throws.
//  - A lost server: the statement throws DbError(SQLITE_IOERR) (the routes answer 503); the next use of the
//    connection outside a transaction reconnects, so the node recovers when the database is back.
#pragma once

#include <memory>
#include <string>

#include "core/storage/db.h"

namespace waymark::gateway {

// True for a libpq URI ("postgresql://..." or "postgres://...").
bool is_postgres_url(const std::string& location);

// Connects (the PG* environment variables fill in what the URI leaves out). Throws DbError(SQLITE_IOERR)
// saying which server could not be reached and why.
std::unique_ptr<Db> open_postgres(const std::string& url);

// The advisory lock every write transaction takes (any fixed number, the same on every node).
inline constexpr long long kWriterLock = 0x5761796d61726b;  // "Waymark"

}  // namespace waymark::gateway
