// gateway/store/database.h: the gateway's database, DIR/gateway.db (WAL, synchronous=FULL, migrated on
// open) or PostgreSQL (gateway/store/pg/), and the facts kept in its meta table: the establishment's name and
// the epoch devices sync against.
//
// Where the database is, for the data folder DIR: WAYMARK_GATEWAY_DB when set (the `--db URL` every command
// takes sets it), else the URL kept in DIR/database.url (written when a command that creates the gateway ran
// with one), else SQLite in DIR/gateway.db. DIR itself always holds the key, certificate and packs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/storage/db.h"

namespace waymark::gateway {

std::string gateway_db_path(const std::string& dir);
std::string gateway_db_url_path(const std::string& dir);
// The SQLite file or the postgresql:// URL (above).
std::string gateway_db_location(const std::string& dir);
// Opens (creating when `create`) and migrates. Throws std::runtime_error with plain words.
std::unique_ptr<Db> open_gateway(const std::string& dir, bool create = false);
bool gateway_initialised(Db& db);
// Names the gateway's first establishment (id 1; gateway/store/establishments.h), made when there is none.
void gateway_init(Db& db, const std::string& establishment, int64_t now_ms);
std::string gateway_meta(Db& db, const std::string& key, const std::string& fallback = {});
// Inside the caller's transaction.
void set_gateway_meta(Db& db, const std::string& key, const std::string& value);
// After restoring a backup: a new epoch, so every device re-reads the feed and re-sends what it may lost.
std::string gateway_new_epoch(Db& db, const std::string& actor, int64_t now_ms);

}  // namespace waymark::gateway
