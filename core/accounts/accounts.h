// core/accounts/accounts.h: children and staff on this device, PIN sign-in and lockout.
//
// Five wrong PINs for one number lock that number for 15 minutes. The count and the lock are stored in
// the database, so a restart does not clear them. Unknown numbers are counted the same way and get the
// same answer as a wrong PIN, so the screen never tells anyone which numbers exist.
//
// PIN hashes are stored sealed with the device's pepper when it has one (core/accounts/pin_seal.h), and only
// for accounts that can sign in here: a child who left this wing, or was released, keeps no hash on it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/accounts/pin_seal.h"
#include "core/base/clock.h"
#include "core/storage/db.h"

namespace waymark {

extern const char* const kAccountsSql;  // the middle of migration 1: children, staff, pin_attempts

struct ChildProfile {
  std::string number;
  std::string first_name;
  std::string lang = "en";  // "en" or "cy"
  std::optional<std::string> release_date;  // YYYY-MM-DD
  std::optional<std::string> release_la;    // ONS code
  std::optional<std::string> dob;           // YYYY-MM-DD
  std::string wing;
};

enum class Role { Education, Approver, WingOfficer, IT };
const char* role_name(Role r);
std::optional<Role> parse_role(const std::string& s);

struct StaffProfile {
  std::string number;
  std::string name;
  std::vector<Role> roles;
  bool has(Role r) const;
  bool can_exit_kiosk() const { return has(Role::WingOfficer) || has(Role::IT); }
};

enum class SignInStatus { Ok, WrongPin, Locked };

struct LockoutPolicy {
  int max_failures = 5;              // default 5
  int64_t lock_seconds = 15 * 60;    // default 15 minutes
};

struct SignInResult {
  SignInStatus status = SignInStatus::WrongPin;
  int attempts_left = 0;         // after a wrong PIN
  int64_t locked_until_s = 0;    // when Locked
};

struct ChildSignIn {
  SignInResult result;
  std::optional<ChildProfile> child;
};

struct StaffSignIn {
  SignInResult result;
  std::optional<StaffProfile> staff;
};

// Empty when the PIN is acceptable for a staff account, else the reason in plain words (stricter than a child's:
// no digit repeated, no run in order, which children could guess). Used by `waymarkctl staff add` and reset-pin.
std::string staff_pin_problem(const std::string& pin);

// What the stored PIN hashes look like to this device (doctor, and the kiosk's start).
struct PinHashCensus {
  int plain = 0;          // Argon2id stored as it came: a copied folder can be guessed against
  int sealed = 0;         // sealed with this device's pepper
  int other_pepper = 0;   // sealed, but not with the pepper this program has (or it has none): cannot sign in
};

// What tidy_pin_hashes changed.
struct PinHashTidy {
  int cleared = 0;  // hashes of children who cannot sign in here (left the wing, released), removed
  int sealed = 0;   // plain hashes sealed with the pepper
  int reread = 0;   // children's hashes sealed with another pepper: dropped, and the roster read again at next sync
  bool compacted = false;  // the file was rebuilt (VACUUM) so no freed page keeps an old hash
};

class Accounts {
public:
  // seal: the device's pepper, or null on a device that has none yet (hashes are then stored plain).
  Accounts(Db& db, const Clock& clock, const PinSeal* seal = nullptr, LockoutPolicy policy = {})
      : db_(db), clock_(clock), seal_(seal), policy_(policy) {}

  // Adds or replaces. Own transaction (as every write here: sign-in attempts, language).
  void put_child(const ChildProfile& c, const std::string& pin);
  void put_staff(const StaffProfile& s, const std::string& pin);
  void set_child_lang(const std::string& number, const std::string& lang);

  std::optional<ChildProfile> child(const std::string& number);
  std::optional<StaffProfile> staff(const std::string& number);
  std::vector<StaffProfile> all_staff();
  std::vector<ChildProfile> all_children();
  // Every child this device holds, active or not: whom a wipe must forget.
  std::vector<ChildProfile> every_child();

  ChildSignIn sign_in_child(const std::string& number, const std::string& pin);
  StaffSignIn sign_in_staff(const std::string& number, const std::string& pin);

  // The upgrade path, run at every kiosk start (cheap when there is nothing to do): removes the hashes of
  // children who cannot sign in here, seals every plain hash when there is a pepper, and then rebuilds the
  // file so no old copy stays in a freed page or the WAL. Needs no other connection reading (before sync starts).
  PinHashTidy tidy_pin_hashes();
  PinHashCensus pin_hash_census();
  // The form a fresh Argon2id hash is stored in: sealed when there is a pepper.
  std::string stored_pin_hash(const std::string& argon2id) const;

  static bool valid_pin(const std::string& pin);     // 4 to 8 digits
  static bool valid_number(const std::string& num);  // 1 to 16 digits

private:
  SignInResult check(const char* kind, const std::string& number, const std::optional<std::string>& hash,
                     const std::string& pin);
  std::optional<std::string> stored_hash(const char* table, const std::string& number);
  void upgrade_hash(const char* table, const std::string& number, const std::string& stored, const std::string& pin);
  Db& db_;
  const Clock& clock_;
  const PinSeal* seal_;
  LockoutPolicy policy_;
};

}  // namespace waymark
