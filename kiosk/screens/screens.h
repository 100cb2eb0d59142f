// kiosk/screens/screens.h: the parts every screen shares: the top bar (ids nav.back, nav.home, nav.signout,
// nav.read), the content area under it, the speaker button, the idle countdown the app draws over any screen
// (ids idle.anywhere, idle.stay) and the out-of-order page. Like every screen, free functions over a view-model
// that return what the person asked for (an intent); they never touch storage or the network.
#pragma once

#include <string>

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

// ---- overlays and fatal states
enum class IdleIntent { None, Stay };
IdleIntent draw_idle_warning(Ui& ui, int seconds_left);
void draw_out_of_order(Ui& ui, const std::string& detail);

}  // namespace waymark::screens
