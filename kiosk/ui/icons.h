// kiosk/ui/icons.h: simple line icons drawn with ImDrawList, so they scale with em and need no icon font.
// Every icon stands beside words (never alone) on a child-facing action.
#pragma once

#include <imgui.h>

namespace waymark::ui {

enum class Icon {
  None, Course, Apprenticeship, Job, Training, Activity, MyViews, Messages, Meetings, Help, Speaker,
  SignOut, Back, Next, Staff, Lock, Search, Star, Hand, Home, Check, Cross, Globe, Delete, Signpost,
  Exit, List, Filter, Send, Clock, Face1, Face2, Face3, Face4, Face5, Heart, People, Coin
};

// Draws icon centred on c, fitting a square of side `size`, in colour col.
void draw_icon(ImDrawList* dl, Icon icon, ImVec2 c, float size, ImU32 col);

}  // namespace waymark::ui
