#include "kiosk/session.h"

#include <cstdio>

#include "core/base/secrets.h"
#include "core/storage/device_store.h"

namespace waymark::kiosk {

namespace {
std::string known_lang(const std::string& lang) { return lang == "cy" ? "cy" : "en"; }

void wipe_profile(ChildProfile& c) {
  wipe(c.number);
  wipe(c.first_name);
  if (c.release_date) wipe(*c.release_date);
  if (c.release_la) wipe(*c.release_la);
  if (c.dob) wipe(*c.dob);
  wipe(c.wing);
}
}  // namespace

void Session::open(Db& db, Accounts& accounts, std::string device_lang) {
  db_ = &db;
  accounts_ = &accounts;
  device_lang_ = std::move(device_lang);
  lang_ = device_lang_;
}

SignInResult Session::sign_in_staff(const std::string& number, const std::string& pin) {
  StaffSignIn s = accounts_->sign_in_staff(number, pin);
  if (s.result.status != SignInStatus::Ok) return s.result;
  staff_ = s.staff;
  Txn txn(*db_);
  audit(*db_, clock_.now_s(), "staff:" + staff_->number, "staff-sign-in");
  txn.commit();
  idle_.touch(clock_.now_ms());
  return s.result;
}

SignInResult Session::sign_in_child(const std::string& number, const std::string& pin) {
  ChildSignIn c = accounts_->sign_in_child(number, pin);
  if (c.result.status != SignInStatus::Ok) return c.result;
  child_ = c.child;
  // switching away from the device's language at sign-in is the child's choice, and is remembered
  if (lang_chosen_at_sign_in_ && lang_ != device_lang_ && lang_ != child_->lang) {
    accounts_->set_child_lang(child_->number, lang_);
    child_->lang = lang_;
  }
  lang_ = known_lang(child_->lang);
  set_settings(load_child_settings(*db_, child_->number));
  idle_.touch(clock_.now_ms());
  return c.result;
}

void Session::switch_language_before_sign_in() {
  lang_ = lang_ == "en" ? "cy" : "en";
  lang_chosen_at_sign_in_ = true;
}

void Session::set_child_lang(const std::string& lang) {
  lang_ = known_lang(lang);
  if (!child_) return;
  accounts_->set_child_lang(child_->number, lang_);  // each child's language is remembered
  child_->lang = lang_;
}

void Session::change_settings(const ChildSettings& s) {
  if (child_) {
    try {
      save_child_settings(*db_, child_->number, s, clock_.now_s());
    } catch (const std::exception& e) {  // still applied for this visit; said plainly in the log for staff
      std::fprintf(stderr, "waymark-kiosk: could not save settings: %s\n", e.what());
    }
  }
  set_settings(s);
}

void Session::set_settings(const ChildSettings& s) {
  settings_ = s;
  settings_version_++;
}

void Session::end(const char* why) {
  end_requested_ = nullptr;
  if (staff_) {
    Txn txn(*db_);
    audit(*db_, clock_.now_s(), "staff:" + staff_->number, "staff-sign-out", why);
    txn.commit();
    wipe(staff_->name);
    wipe(staff_->number);
    staff_.reset();
  }
  if (child_) {
    wipe_profile(*child_);
    child_.reset();
  }
  lang_chosen_at_sign_in_ = false;
  lang_ = known_lang(device_lang_);
  set_settings(ChildSettings{});  // the next person starts from the device's defaults
}

}  // namespace waymark::kiosk
