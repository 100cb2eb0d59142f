// kiosk/signin/sign_in_feature.h: the sign-in part (routes "signin" and "staff-signin"), shown while nobody is
// signed in. Holds what is being typed, checks the number and PIN through the Session, and says plainly what
// went wrong (a wrong PIN, how many tries are left, until when the number is locked). A child goes home, a
// member of staff to the staff menu.
#pragma once

#include "kiosk/feature.h"
#include "kiosk/signin/sign_in_screen.h"

namespace waymark::kiosk {

class SignInFeature : public PublicFeature {
public:
  void draw(ui::Ui& ui, PublicContext& ctx) override;
  void on_sign_out() override;

private:
  void submit(ui::Ui& ui, PublicContext& ctx);
  screens::SignInVM vm_;
  bool establishment_read_ = false;  // the establishment's name is read once per run
};

}  // namespace waymark::kiosk
