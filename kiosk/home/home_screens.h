// kiosk/home/home_screens.h: a signed-in child's home and the help and settings screen. Free functions over
// view-models that return what the child asked for; kiosk/home/home_feature.h builds them and acts.
// Stable ids: home.courses, home.myviews, home.messages, home.meetings, home.plan, home.help, nav.signout; help.lang.en,
// help.lang.cy, settings.size.<0-2>, settings.font.standard, settings.font.dyslexic, settings.colours.usual,
// settings.colours.strong, settings.calm.off, settings.calm.on, settings.tap.off, settings.tap.on,
// settings.voice.<0-2>; the scroll regions help.settings and help.scroll.
#pragma once

#include <string>

#include "core/accounts/child_settings.h"
#include "kiosk/screens/screens.h"

namespace waymark::screens {

// ---- home
struct HomeVM {
  std::string first_name;         // "Jay"
  std::string release_line;       // "About 10 weeks until you leave." or empty
  std::string next_meeting_line;  // "Your next meeting: Review meeting, Thursday 26 November at 10:30. ..." or empty
  std::string plan_line;          // "Your plan has changed since you last looked: Where you will live." or empty
};
enum class HomeIntent { None, Courses, MyViews, Messages, Meetings, Plan, Help, SignOut };
HomeIntent draw_home(Ui& ui, const HomeVM& vm);

// ---- help and settings (the child's own settings: language, text size, letters, colours, calm, reading)
struct HelpVM {
  std::string lang;        // "en" or "cy": the chip that shows as chosen
  ChildSettings settings;  // edited in place; the intent SettingsChanged says when
};
enum class HelpIntent { None, Back, English, Welsh, SettingsChanged };
HelpIntent draw_help(Ui& ui, HelpVM& vm);

}  // namespace waymark::screens
