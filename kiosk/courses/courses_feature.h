// kiosk/courses/courses_feature.h: the Courses and jobs part behind the home tile (route "courses").
// The controller: builds the screens' view-models from core (matching, the child's list, enquiries) and acts
// on what the child asked for. Everything it holds about the child is dropped on sign-out.
#pragma once

#include <string>
#include <vector>

#include "core/catalogue/catalogue.h"
#include "kiosk/app.h"
#include "kiosk/courses/courses_screens.h"
#include "kiosk/courses/courses_text.h"

namespace waymark::kiosk {

struct CoursesOptions {
  double near_km = 30;     // default 30 km between area centres
  double further_km = 80;  // default 80 km with "further away"
  int window_weeks = 16;   // default 16 weeks after release
  int max_cards = 200;     // default 200 in one list (search narrows it)
};

class CoursesFeature : public Feature {
public:
  explicit CoursesFeature(CoursesOptions opt = {}) : opt_(opt) {}
  void draw(ui::Ui& ui, KioskContext& ctx) override;
  void on_sign_out() override;

private:
  enum class Screen { List, Filters, Detail, MyList };
  void refresh(KioskContext& ctx);
  void draw_list(ui::Ui& ui, KioskContext& ctx);
  void draw_detail(ui::Ui& ui, KioskContext& ctx);
  void draw_my_list(ui::Ui& ui, KioskContext& ctx);
  courses::CardVM card(const courses::Words& w, const MatchedListing& m, CivilDate today) const;
  bool asked_worker(KioskContext& ctx) const;

  CoursesOptions opt_;
  Screen screen_ = Screen::List;
  Screen detail_from_ = Screen::List;
  std::string child_;  // whose state this is
  std::string search_;
  std::string searched_lang_;  // the language search_ was matched in
  ui::KeyboardState kbd_;
  bool keyboard_open_ = false;
  std::string kind_;
  courses::FiltersVM filters_;
  std::string open_id_;
  bool dirty_ = true;
  int last_frame_ = -10;
  MatchResult result_;
  std::vector<MatchedListing> mine_;
  std::string flash_;  // a one-off sentence after an action that could not be done
};

}  // namespace waymark::kiosk
