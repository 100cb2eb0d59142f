// tests/fuzz/fuzz_gateway.h: the demo gateway the gateway fuzz targets drive, made once per process in a
// temporary folder: the demo's children and workers, one device enrolled on wing Oak, and web sessions for a
// worker (Sam Taylor), Brookfield's establishment IT (Ivy Clarke) and a board member who sees everything, each
// signed in with a cookie value that is a plain word (@SESSION@, @IT_SESSION@, @BOARD_SESSION@).
// restore() puts the database back as it was made, so every input meets the same gateway: an input that signs
// out, revokes the device or transfers a child does not change what the next one finds, and a finding
// reproduces from its one input.
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/sync/sync_proto.h"
#include "gateway/store/board_accounts.h"
#include "gateway/store/it_accounts.h"
#include "gateway/store/store.h"

namespace waymark::fuzz {

inline constexpr int64_t kNowMs = 1'796'212'800'000;  // 2026-12-02T12:00:00Z: a fixed day, runs repeat

struct FuzzGateway {
  std::string dir;
  std::unique_ptr<Db> db;
  gateway::Device device;
  int64_t worker = 0;                    // Sam Taylor's worker id
  // The web sessions' cookie values and CSRF tokens are these words themselves, as an input writes them, so a
  // form's Content-Length stays right however the input is mutated.
  std::string session = "@SESSION@", csrf = "@CSRF@";           // Sam Taylor, a worker
  std::string it_session = "@IT_SESSION@", it_csrf = "@IT_CSRF@";  // Ivy Clarke: Brookfield's IT (BRK: 1001, 1002, Oak)
  std::string board_session = "@BOARD_SESSION@";               // a board member whose scope is all
  sqlite3* made = nullptr;               // the database as made, for restore()
  sqlite3_int64 changes_when_made = 0;   // the connection's count of changed rows when it was last put back

  FuzzGateway() {
    dir = (std::filesystem::temp_directory_path() / ("waymark-fuzz-gw-" + std::to_string(::getpid()))).string();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    db = gateway::open_gateway(dir, true);
    db->exec("PRAGMA synchronous=OFF");  // a throw-away file, only made here: nothing to keep safe
    gateway::seed_gateway_demo(*db, kNowMs);
    const std::string code = gateway::issue_enrol_code(*db, "Oak", 24, "fuzz", kNowMs);
    const sync::DeviceKeys keys = sync::make_device_keys();
    const nlohmann::json e = gateway::api_enrol(
        *db, {{"code", code}, {"public_key", sync::base64_encode(keys.public_key)}, {"label", "fuzz"}}, "203.0.113.1", kNowMs);
    device.id = e.at("device_id").get<std::string>();
    device.wing = "Oak";
    worker = gateway::principal_by_email(*db, "sam.taylor@leeds-yot.example")->id;
    gateway::add_it_account(*db, "Ivy Clarke", "ivy.it@brookfield.example", "BRK", "fuzz", kNowMs);
    gateway::add_board_member(*db, "Morgan Price", "morgan.price@board.example", "all", "fuzz", kNowMs);
    session_as("sam.taylor@leeds-yot.example", session, csrf);
    session_as("ivy.it@brookfield.example", it_session, it_csrf);
    std::string unused;
    session_as("morgan.price@board.example", board_session, unused);
    // From here the gateway runs on an in-memory copy: putting it back before each input is then a copy in
    // memory, not a rewrite of the file (which cut the inputs run a second to a quarter).
    auto in_memory = std::make_unique<Db>(":memory:");
    if (!copy(db->raw(), in_memory->raw())) __builtin_trap();
    db = std::move(in_memory);
    if (sqlite3_open(":memory:", &made) != SQLITE_OK || !copy(db->raw(), made)) __builtin_trap();
    changes_when_made = sqlite3_total_changes64(db->raw());
  }
  ~FuzzGateway() {
    sqlite3_close(made);
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  // A web session for the account with `email` whose cookie value is `token` and CSRF token `form_token` (a
  // real session, made by create_session, given those words instead of its random ones).
  void session_as(const std::string& email, const std::string& token, const std::string& form_token) {
    const gateway::WebSession s = gateway::create_session(*db, *gateway::principal_by_email(*db, email), kNowMs);
    Stmt u(*db, "UPDATE web_sessions SET token_hash = :t, csrf = :c WHERE token_hash = :old");
    u.bind(":t", sync::sha256_hex(token)).bind(":c", form_token.empty() ? s.csrf : form_token).bind(":old", sync::sha256_hex(s.token)).run();
  }

  // The database as it was made (no transaction may be open on it). Only when something was written since it
  // was last put back: a copy costs about a millisecond (the connection reads its schema again), and the
  // many inputs that are refused before they write anything need none.
  void restore() {
    if (sqlite3_total_changes64(db->raw()) == changes_when_made) return;
    if (!copy(made, db->raw())) __builtin_trap();
    changes_when_made = sqlite3_total_changes64(db->raw());
  }

 private:
  static bool copy(sqlite3* from, sqlite3* to) {
    sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
    if (!b) return false;
    const int rc = sqlite3_backup_step(b, -1);
    return sqlite3_backup_finish(b) == SQLITE_OK && rc == SQLITE_DONE;
  }
};

}  // namespace waymark::fuzz
