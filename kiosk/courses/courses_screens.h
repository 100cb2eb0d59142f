// kiosk/courses/courses_screens.h: the Courses and jobs screens. Free functions over view-models that return
// what the child asked for; they never touch storage (kiosk/courses/courses_feature.cpp does). The list is drawn
// in courses_list_screen.cpp, the cards and the other screens in courses_screens.cpp.
//
// Index
//  - CardVM / draw_card : one listing in a list: kind icon, title, where, when, saved / asked marks, and an
//                         "In English" marker where a Welsh reader gets the English title
//  - english_tag        : that marker (only ever shown to a Welsh reader)
//  - ListVM / draw_list : the matched list: why it shows what it shows, search as you type, kind chips,
//                         "more choices", kind words when the area is unknown or nothing matches
//  - FiltersVM          : the "more choices" panel: distance, dates, level, interest (big chips)
//  - DetailVM           : one listing: where, when, how long, what you need, what you would do; Save and
//                         I'm interested with the enquiry's state ("Waiting to send")
//  - MyListVM           : the child's saved list
// Stable ids: catalogue.search, catalogue.filters, catalogue.mylist, catalogue.kind.<kind>, listing.open (the
// first card), listing.open.<n>, listing.save, listing.interested.
#pragma once

#include <string>
#include <vector>

#include "kiosk/screens/screens.h"
#include "kiosk/ui/widgets.h"

namespace waymark::courses {

using ui::Ui;

ui::Icon kind_icon(const std::string& kind);
// A big tappable area with our own drawing on top ("Words###id": the words are what a script taps, nothing is
// drawn). Returns true on a tap (never at the end of a drag).
bool hit_area(ui::Ui& ui, const std::string& label, ImVec2 pos, ImVec2 size, bool* held = nullptr);
ImU32 kind_color(const ui::Palette& p, const std::string& kind);

struct CardVM {
  std::string id;          // listing id
  std::string kind;        // course, apprenticeship, job, training, activity
  std::string title;
  std::string title_lang;  // the language the title is in (read aloud with that voice); empty = the screen's
  bool in_english = false; // a Welsh reader sees the English title (the listing has no Welsh): a small marker
  std::string line1;       // "Leeds City College · Leeds"
  std::string line2;       // "Starts 14 December · 1 year"
  bool saved = false;
  bool asked = false;
};

// The small "In English" marker (Yn Saesneg) with its right edge at right_top.x; returns its width.
float english_tag(Ui& ui, ImVec2 right_top, ImU32 bg);
float english_tag_width(Ui& ui);

// Draws one card; returns true when it was tapped. label is "Title###id".
bool draw_card(Ui& ui, const CardVM& c, const std::string& label, ImVec2 pos, ImVec2 size);
// Two columns of cards in a touch-scroll region. Returns the tapped listing id (empty: none).
std::string card_grid(Ui& ui, const char* scroll_id, const std::vector<CardVM>& cards, ImVec2 pos, ImVec2 size);
// The text cut to at most `lines` wrapped lines, ending in "…" when it had to be cut.
std::string fit_lines(Ui& ui, const std::string& text, ui::FontRole role, float width, int lines);

// ---- the list
struct ListVM {
  std::string reason;             // "Near Leeds, starting after you get out in March."
  std::string count_line;         // "23 things to look at. Soonest first."
  std::string notice;             // a kind word when the release area is not known (empty: none)
  bool offer_ask_worker = false;  // with the notice: a button to ask the YOT worker
  bool asked_worker = false;
  std::vector<CardVM> cards;
  std::string empty_title, empty_body;      // when there are no cards
  bool offer_distance = false, offer_dates = false, offer_reset = false;
  std::string search;             // edited in place by the keyboard
  bool keyboard_open = false;
  std::string kind;               // "" = all kinds
  int filters_on = 0;             // how many "more choices" are set (shown on the button)
  int mylist_count = 0;
};

enum class ListAction {
  None, Back, Open, SearchOpen, SearchDone, SearchChanged, SearchClear, Kind, Filters, MyList,
  WidenDistance, WidenDates, Reset, AskWorker
};
struct ListIntent {
  ListAction action = ListAction::None;
  std::string arg;  // the listing id (Open) or the kind (Kind)
};
ListIntent draw_list(Ui& ui, ListVM& vm, ui::KeyboardState& kbd);

// ---- more choices
struct FiltersVM {
  bool further = false;
  bool any_time = false;
  int max_level = 0;                   // 0 any, 1, 2
  std::string interest;                // "" any
  std::vector<std::string> interests;  // the choices offered
};
enum class FiltersAction { None, Close, Changed, Reset };
FiltersAction draw_filters(Ui& ui, FiltersVM& vm);

// ---- one listing
struct DetailVM {
  std::string kind, kind_label, title, provider;
  std::string where, when, how_long, need, what, level;
  // The language each listing text is in, and whether it is English shown to a Welsh reader (the marker). The
  // marker under an English title speaks for the whole listing; the others show only under a Welsh title.
  std::string title_lang, how_long_lang, need_lang, what_lang;
  bool title_en = false, how_long_en = false, need_en = false, what_en = false;
  bool saved = false;
  bool asked = false;
  std::string state;       // "Waiting to send" when asked
  std::string state_help;
  std::string state_kind;  // waiting, sent, delivered, read, refused
  bool gone = false;       // no longer showable
};
enum class DetailAction { None, Back, Save, Unsave, Interested };
DetailAction draw_detail(Ui& ui, const DetailVM& vm);

// ---- my list
struct MyListVM {
  std::vector<CardVM> cards;
};
struct MyListIntent {
  enum class Action { None, Back, Open } action = Action::None;
  std::string id;
};
MyListIntent draw_my_list(Ui& ui, const MyListVM& vm);

}  // namespace waymark::courses
