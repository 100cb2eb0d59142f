// kiosk/signin/sign_in_screen.h: the sign-in screen, number then PIN on a big keypad, for children and (with
// other words) for staff. A free function over a view-model that returns what the person asked for; the
// feature (kiosk/signin/sign_in_feature.h) checks the PIN.
// Stable ids: signin.lang, staff.signin, signin.next, signin.back, signin.submit, nav.back (staff: back to the
// children's sign-in), nav.read, the keypad's keys.
#pragma once

#include <string>

#include "kiosk/screens/screens.h"

namespace waymark::screens {

struct SignInVM {
  bool staff = false;            // staff sign-in uses the same steps with other words
  bool pin_step = false;         // false: typing the number; true: typing the PIN
  std::string number;            // "1001": edited by the keypad on the number step
  std::string pin;               // edited by the keypad on the PIN step (shown as dots)
  std::string message;           // "That number or PIN is not right. You have 4 more tries." (or locked until when)
  bool message_is_error = false;
  std::string establishment;     // "HMYOI Brinsford": small, bottom left
};
enum class SignInIntent { None, Next, Submit, Back, SwitchLanguage, StaffSignIn };
SignInIntent draw_sign_in(Ui& ui, SignInVM& vm);

}  // namespace waymark::screens
