// kiosk/courses/staff_listings.h: staff mode's "Courses and jobs" (route "staff-listings"): what waits for a
// second person's approval, what is going stale, what is approved, and how many children saved or asked about
// each listing (counts only). Approve and retire follow core/catalogue/curation.h's rules (two people, safety check).
// Education staff create and edit listings on a form (every field of a Listing, checked by core's
// save_listing with a message next to each field; the safety check shows live); a save makes the listing
// pending again, for a second person to approve. An approver publishes the next signed content pack
// (kiosk/courses/staff_publish.h) on the office PC that has the curator key.
#pragma once

#include <string>
#include <vector>

#include "core/catalogue/catalogue.h"
#include "core/catalogue/curation.h"
#include "kiosk/app.h"

namespace waymark::kiosk {

class StaffListingsFeature : public StaffFeature {
public:
  void draw(ui::Ui& ui, StaffContext& ctx) override;
  void on_sign_out() override;

private:
  void draw_list(ui::Ui& ui, StaffContext& ctx);
  void draw_edit(ui::Ui& ui, StaffContext& ctx);
  void start_edit(StaffContext& ctx, const Listing* from);
  float text_field(ui::Ui& ui, StaffContext& ctx, const char* name, const std::string& label, std::string& value,
                   size_t max, ImVec2 pos, float w);
  float problems_for(ui::Ui& ui, const char* name, ImVec2 pos, float w);

  std::string tab_ = "pending";  // pending, stale, approved, counts
  std::string selected_;
  std::string message_;
  bool message_ok_ = false;
  std::string find_;               // words in the title to find (the approved list is long)
  bool find_open_ = false;         // the keyboard is out for finding
  ui::KeyboardState find_kbd_;

  // the form (editing_: the form shows instead of the list)
  bool editing_ = false;
  Listing draft_;                  // everything typed so far; a failed save keeps it all
  std::string la_query_;           // the area as typed, matched against the local-authority table
  std::vector<LocalAuthority> las_;  // the table, read once per form
  std::string focus_;              // the text field the keyboard types into (empty: none)
  int scroll_to_focus_ = 0;
  bool la_scroll_ = false;         // the area's matches changed: scroll them into view        // frames left in which the form scrolls the focused field into view
  ui::KeyboardState kbd_;
  std::vector<FieldProblem> problems_;  // from the last save that failed
  std::string form_message_;
  bool tried_save_ = false;        // a save failed: the problems are checked again as things are typed
};

}  // namespace waymark::kiosk
