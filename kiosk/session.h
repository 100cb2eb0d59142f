// kiosk/session.h: who is at the kiosk now (a child, a member of staff, or nobody) and what ends their turn.
// Sign-in checks the number and PIN through core/accounts and starts the idle timer (core/accounts/session.h);
// the language and the child's own settings belong to the turn; end() wipes the profile from memory and puts
// the device's language and the standard settings back, so nothing of one person is left for the next.
// The app tells the features to forget (Feature::on_sign_out) and draws the sign-in screen again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "core/accounts/accounts.h"
#include "core/accounts/child_settings.h"
#include "core/accounts/session.h"
#include "core/base/clock.h"
#include "core/storage/db.h"

namespace waymark::kiosk {

class Session {
public:
  Session(const Clock& clock, IdlePolicy idle) : clock_(clock), idle_(idle) {}
  // Once the database is open (the kiosk can start without one: then nobody can sign in).
  void open(Db& db, Accounts& accounts, std::string device_lang);

  // ---- who
  bool active() const { return child_.has_value() || staff_.has_value(); }
  const ChildProfile* child() const { return child_ ? &*child_ : nullptr; }
  const StaffProfile* staff() const { return staff_ ? &*staff_ : nullptr; }

  // ---- signing in (on Ok the person is signed in and the idle timer starts)
  bool can_sign_in() const { return accounts_ != nullptr; }
  SignInResult sign_in_child(const std::string& number, const std::string& pin);
  SignInResult sign_in_staff(const std::string& number, const std::string& pin);

  // ---- language: the device's until someone signs in, then the child's
  const std::string& lang() const { return lang_; }
  // The other language, chosen on the sign-in screen: remembered for the child who then signs in.
  void switch_language_before_sign_in();
  // The child chose a language in Help: used now and remembered for next time.
  void set_child_lang(const std::string& lang);

  // ---- the child's own settings (text size, letters, colours, calm, reading)
  const ChildSettings& settings() const { return settings_; }
  // Saved for the child and used now (still used for this visit when saving fails: said in the log).
  void change_settings(const ChildSettings& s);
  // Goes up each time settings() changes, so the app knows to apply them.
  int settings_version() const { return settings_version_; }

  // ---- idle: no touch for a while shows a countdown, then ends the turn
  void touch(int64_t now_ms) { idle_.touch(now_ms); }
  IdlePhase idle_phase(int64_t now_ms) const { return idle_.phase(now_ms); }
  int idle_seconds_left(int64_t now_ms) const { return idle_.seconds_left(now_ms); }
  int64_t ms_until_idle_change(int64_t now_ms) const { return idle_.ms_until_next_change(now_ms); }

  // ---- the end of a turn
  // A screen asked to sign out (home's Sign out, staff's Back): the app ends the turn after drawing the screen.
  void request_end(const char* why) { end_requested_ = why; }
  const char* end_requested() const { return end_requested_; }
  // Audits a member of staff leaving, wipes the profile, puts the device's language and settings back.
  void end(const char* why);
  // Words for the sign-in screen about why a turn ended that the child did not end (a transfer): shown once.
  void set_notice(std::string words) { notice_ = std::move(words); }
  std::string take_notice() { return std::exchange(notice_, std::string()); }

private:
  void set_settings(const ChildSettings& s);

  const Clock& clock_;
  IdleTracker idle_;
  Db* db_ = nullptr;
  Accounts* accounts_ = nullptr;
  std::optional<ChildProfile> child_;
  std::optional<StaffProfile> staff_;
  std::string device_lang_ = "en";
  std::string lang_ = "en";
  bool lang_chosen_at_sign_in_ = false;
  ChildSettings settings_;  // the signed-in child's (defaults when nobody is signed in)
  int settings_version_ = 0;
  const char* end_requested_ = nullptr;
  std::string notice_;
};

}  // namespace waymark::kiosk
