// core/accounts/pin_hashes.cpp: how Accounts stores PIN hashes: sealed with the device's pepper when there is
// one, upgraded at a successful sign-in, and tidied at every kiosk start (the upgrade path of a device whose
// hashes were stored before the pepper existed). The design and its threat model: docs/operating.md,
// "Children's PINs on a device".
#include <string>

#include "core/accounts/accounts.h"
#include "core/base/secrets.h"
#include "core/storage/device_store.h"
#include "core/storage/meta_keys.h"

namespace waymark {

namespace {

// `table` is always one of the two literals below, never a value from outside.
bool pin_table(const char* table) { return std::string(table) == "children" || std::string(table) == "staff"; }

}  // namespace

std::string Accounts::stored_pin_hash(const std::string& argon2id) const {
  return seal_ ? seal_->seal(argon2id) : argon2id;
}

std::optional<std::string> Accounts::stored_hash(const char* table, const std::string& number) {
  if (!pin_table(table)) return std::nullopt;
  Stmt s(db_, std::string("SELECT pin_hash FROM ") + table + " WHERE number = :n AND active = 1");
  s.bind(":n", number);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

// After a right PIN: a plain hash gets sealed, and one made with weaker settings is made again with hash_pin's,
// while the PIN is at hand. Only with a pepper: without one a re-hash would be as exposed as the old.
void Accounts::upgrade_hash(const char* table, const std::string& number, const std::string& stored,
                            const std::string& pin) {
  if (!seal_ || !pin_table(table)) return;
  const std::optional<std::string> argon2 = PinSeal::is_sealed(stored) ? seal_->open(stored) : std::optional(stored);
  if (!argon2) return;
  const bool weaker = pin_hash_is_weaker(*argon2);
  if (PinSeal::is_sealed(stored) && !weaker) return;
  const std::string fresh = seal_->seal(weaker ? hash_pin(pin) : *argon2);
  Txn txn(db_);
  // Only when nobody changed it meanwhile (a sync bringing a new PIN wins).
  Stmt s(db_, std::string("UPDATE ") + table + " SET pin_hash = :h WHERE number = :n AND pin_hash = :old");
  s.bind(":h", fresh).bind(":n", number).bind(":old", stored).run();
  txn.commit();
}

PinHashCensus Accounts::pin_hash_census() {
  PinHashCensus c;
  for (const char* table : {"children", "staff"}) {
    Stmt s(db_, std::string("SELECT pin_hash FROM ") + table + " WHERE active = 1 AND pin_hash <> ''");
    while (s.step()) {
      const std::string h = s.text(0);
      if (!PinSeal::is_sealed(h)) c.plain++;
      else if (seal_ && PinSeal::key_id_of(h) == seal_->key_id()) c.sealed++;
      else c.other_pepper++;
    }
  }
  return c;
}

PinHashTidy Accounts::tidy_pin_hashes() {
  PinHashTidy r;
  {
    Stmt s(db_, "SELECT count(*) FROM children WHERE active = 0 AND pin_hash <> ''");
    s.step();
    r.cleared = s.i32(0);
  }
  std::vector<std::pair<std::string, std::string>> plain[2];  // children, staff: (number, hash)
  const char* tables[2] = {"children", "staff"};
  if (seal_)
    for (int t = 0; t < 2; t++) {
      // A child who cannot sign in here is cleared below, never sealed.
      Stmt s(db_, std::string("SELECT number, pin_hash FROM ") + tables[t] + " WHERE pin_hash LIKE '$argon2id$%'" +
                      (t == 0 ? " AND active = 1" : ""));
      while (s.step()) plain[t].emplace_back(s.text(0), s.text(1));
    }
  // Children's hashes sealed with another pepper (the device got a new one) cannot be opened: they are dropped
  // and the roster read again from the gateway's feed, which brings them back sealed with this pepper.
  std::vector<std::string> foreign;
  if (seal_) {
    Stmt s(db_, "SELECT number, pin_hash FROM children WHERE active = 1 AND pin_hash LIKE '$wmseal1$%'");
    while (s.step())
      if (PinSeal::key_id_of(s.text(1)) != seal_->key_id()) foreign.push_back(s.text(0));
  }
  r.reread = static_cast<int>(foreign.size());
  const bool changes = r.cleared > 0 || r.reread > 0 || !plain[0].empty() || !plain[1].empty();
  if (changes) {
    // Overwrite, never just unlink: freed bytes are zeroed, and the rebuild below drops every old page.
    SecureDeleteOn zeroed(db_);
    Txn txn(db_);
    db_.exec("UPDATE children SET pin_hash = '' WHERE active = 0 AND pin_hash <> '';");
    for (const std::string& number : foreign) {
      Stmt u(db_, "UPDATE children SET pin_hash = '' WHERE number = :n");
      u.bind(":n", number).run();
    }
    if (!foreign.empty()) meta_set(db_, kMetaSyncCursor, "0");
    for (int t = 0; t < 2; t++)
      for (auto& [number, hash] : plain[t]) {
        Stmt u(db_, std::string("UPDATE ") + tables[t] + " SET pin_hash = :h WHERE number = :n");
        u.bind(":h", seal_->seal(hash)).bind(":n", number).run();
        r.sealed++;
        wipe(hash);
      }
    audit(db_, clock_.now_s(), "kiosk", "pins.tidy",
          std::to_string(r.sealed) + " PIN hashes sealed, " + std::to_string(r.cleared) + " of children not here removed, " +
              std::to_string(r.reread) + " sealed with another pepper to be read again");
    txn.commit();
  }
  r.compacted = rebuild_after_secrets(db_, changes);
  return r;
}

}  // namespace waymark
