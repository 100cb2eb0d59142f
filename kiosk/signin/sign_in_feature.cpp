#include "kiosk/signin/sign_in_feature.h"

#include "core/base/dates.h"
#include "core/base/secrets.h"
#include "core/i18n/local_format.h"
#include "core/storage/device_store.h"
#include "core/storage/meta_keys.h"

namespace waymark::kiosk {

using namespace screens;

void SignInFeature::on_sign_out() {
  wipe(vm_.number);
  wipe(vm_.pin);
  vm_.message.clear();
  vm_.message_is_error = false;
  vm_.pin_step = false;
  vm_.staff = false;
}

void SignInFeature::submit(ui::Ui& ui, PublicContext& ctx) {
  if (!ctx.session.can_sign_in()) return;
  const SignInResult r = vm_.staff ? ctx.session.sign_in_staff(vm_.number, vm_.pin) : ctx.session.sign_in_child(vm_.number, vm_.pin);
  if (r.status == SignInStatus::Ok) {
    const bool staff = vm_.staff;
    on_sign_out();  // nothing typed stays in memory
    ctx.nav.reset(staff ? "staff" : "home");
    return;
  }
  wipe(vm_.pin);
  if (r.status == SignInStatus::Locked) {
    vm_.message = ui.tf("signin.locked", {{"time", format_time(ctx.session.lang(), local_minutes_of_day(r.locked_until_s))}});
  } else if (r.attempts_left == 1) {
    vm_.message = ui.t("signin.wrong_last");
  } else {
    vm_.message = ui.tf("signin.wrong", {{"tries", std::to_string(r.attempts_left)}});
  }
  vm_.message_is_error = true;
}

void SignInFeature::draw(ui::Ui& ui, PublicContext& ctx) {
  if (!establishment_read_) {
    vm_.establishment = meta_get(ctx.db, kMetaEstablishment);
    establishment_read_ = true;
  }
  vm_.staff = ctx.nav.top() == "staff-signin";
  if (std::string notice = ctx.session.take_notice(); !notice.empty()) {
    vm_.message = std::move(notice);  // why the last turn ended (a transfer), until the next one starts
    vm_.message_is_error = false;
  }
  switch (draw_sign_in(ui, vm_)) {
    case SignInIntent::Next:
      if (Accounts::valid_number(vm_.number)) {
        vm_.pin_step = true;
        vm_.message.clear();
      }
      break;
    case SignInIntent::Submit: submit(ui, ctx); break;
    case SignInIntent::Back:
      if (vm_.pin_step) {
        vm_.pin_step = false;
        wipe(vm_.pin);
        vm_.message.clear();
      } else {
        on_sign_out();
        ctx.nav.reset("signin");
      }
      break;
    case SignInIntent::SwitchLanguage:
      ctx.session.switch_language_before_sign_in();
      vm_.message.clear();
      break;
    case SignInIntent::StaffSignIn:
      on_sign_out();
      ctx.nav.reset("staff-signin");
      break;
    case SignInIntent::None: break;
  }
}

}  // namespace waymark::kiosk
