// kiosk/screens/screens.h: the foundation's screens. Each is a free function over a view-model that
// returns what the person asked for (an intent). Screens never touch storage or the network: the
// controllers in kiosk/app.cpp build the view-models from core and act on the intents.
#pragma once

#include <string>
#include <vector>

#include "core/accounts/child_settings.h"
#include "kiosk/ui/widgets.h"

namespace waymark::screens {

using ui::Ui;

// ---- shared frame parts
// The top bar draws the speaker button ("Read to me", id nav.read) on every screen and handles it itself:
// a tap asks the app to read this frame's read-aloud script (the title, then whatever the screen marked
// with ui.text_heading_at / text_main_at / read_main). A second tap while reading stops it.
struct TopBarVM {
  std::string title;        // shown left, after the back button when there is one
  bool show_back = false;
  bool show_sign_out = false;
  bool show_home = false;
  bool show_read = true;    // the speaker button (id nav.read): reads the title and the screen's main text
};
enum class TopBarIntent { None, Back, Home, SignOut };
TopBarIntent draw_top_bar(Ui& ui, const TopBarVM& vm);
float top_bar_height(const Ui& ui);
// the area below the top bar, with side margins
struct Area {
  ImVec2 min, max;
  float w() const { return max.x - min.x; }
  float h() const { return max.y - min.y; }
};
Area content_area(const Ui& ui);

// the speaker button on its own (the sign-in screen has no top bar)
void draw_read_button(Ui& ui, ImVec2 pos, ImVec2 size);
float read_button_width(const Ui& ui);

// ---- sign-in (children and staff)
struct SignInVM {
  bool staff = false;            // staff sign-in uses the same steps with other words
  bool pin_step = false;         // false: typing the number; true: typing the PIN
  std::string number;            // edited by the keypad on the number step
  std::string pin;               // edited by the keypad on the PIN step (shown as dots)
  std::string message;           // a plain sentence after a wrong PIN or while locked
  bool message_is_error = false;
  std::string establishment;
};
enum class SignInIntent { None, Next, Submit, Back, SwitchLanguage, StaffSignIn };
SignInIntent draw_sign_in(Ui& ui, SignInVM& vm);

// ---- home
struct HomeVM {
  std::string first_name;
  std::string release_line;  // "About 10 weeks until you leave." or empty
  std::string next_meeting_line;  // filled by the meetings feature; empty for now
};
enum class HomeIntent { None, Courses, MyViews, Messages, Meetings, Help, SignOut };
HomeIntent draw_home(Ui& ui, const HomeVM& vm);

// ---- a part that a later release fills
struct ComingSoonVM {
  std::string title;
  ui::Icon icon = ui::Icon::None;
};
enum class ComingSoonIntent { None, Back };
ComingSoonIntent draw_coming_soon(Ui& ui, const ComingSoonVM& vm);

// ---- help and settings (the child's own settings: language, text size, letters, colours, calm, reading)
struct HelpVM {
  std::string lang;
  ChildSettings settings;  // edited in place; the intent SettingsChanged says when
};
enum class HelpIntent { None, Back, English, Welsh, SettingsChanged };
HelpIntent draw_help(Ui& ui, HelpVM& vm);

// ---- staff menu
struct StaffMenuPart {
  std::string route, words;
  ui::Icon icon = ui::Icon::None;
};
struct StaffMenuVM {
  std::string name;
  bool can_exit = false;
  std::string message;
  std::vector<StaffMenuPart> parts;  // staff-mode parts, one button each (ids staff.part.<route>)
  std::string opened;                // set with OpenPart: the part's route
};
enum class StaffMenuIntent { None, Back, ExitKiosk, OpenPart };
StaffMenuIntent draw_staff_menu(Ui& ui, StaffMenuVM& vm);

// ---- overlays and fatal states
enum class IdleIntent { None, Stay };
IdleIntent draw_idle_warning(Ui& ui, int seconds_left);
void draw_out_of_order(Ui& ui, const std::string& detail);

}  // namespace waymark::screens
