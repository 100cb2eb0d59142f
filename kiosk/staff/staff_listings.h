// kiosk/staff/staff_listings.h: staff mode's "Courses and jobs" (route "staff-listings"): what waits for a
// second person's approval, what is going stale, what is approved, and how many children saved or asked about
// each listing (counts only). Approve and retire follow core/catalogue/curation.h's rules (two people, safety check).
// Education staff create and edit listings on a form (every field of a Listing, checked by core's
// save_listing with a message next to each field; the safety check shows live); a save makes the listing
// pending again, for a second person to approve. An approver publishes the next signed content pack
// (kiosk/staff/staff_publish.h) on the office PC that has the curator key.
//
// The controller: it reads the lists from core when the screen opens, after its own writes and when sync's
// generation changes (a pack came in), never once a frame; it checks the form only when the form changed. The
// screens (kiosk/staff/staff_screens.h) draw what it gives them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/catalogue/catalogue.h"
#include "core/catalogue/curation.h"
#include "kiosk/app.h"
#include "kiosk/staff/staff_screens.h"

namespace waymark::kiosk {

class StaffListingsFeature : public StaffFeature {
public:
  void draw(ui::Ui& ui, StaffContext& ctx) override;
  void on_sign_out() override;

private:
  void refresh(StaffContext& ctx);
  screens::StaffListVM list_vm(const ui::Ui& ui, const StaffContext& ctx) const;
  screens::StaffDetailVM detail_vm(const ui::Ui& ui, const StaffContext& ctx) const;
  void draw_list(ui::Ui& ui, StaffContext& ctx);
  void act_on_list(ui::Ui& ui, StaffContext& ctx, const screens::StaffListIntent& in);
  void draw_edit(ui::Ui& ui, StaffContext& ctx);
  void start_edit(StaffContext& ctx, const Listing* from);
  void type_into_focus(StaffContext& ctx);
  void check_form(ui::Ui& ui, StaffContext& ctx);
  void save(ui::Ui& ui, StaffContext& ctx);

  // what the lists show, read by refresh()
  bool dirty_ = true;
  int last_frame_ = -10;            // a gap in frames means the screen was left: read again on return
  int64_t generation_ = -1;         // sync's generation the lists were read at
  std::vector<Listing> rows_;       // the tab's listings
  std::vector<bool> flagged_;       // rows_[i] fails the safety check
  int64_t n_pending_ = 0, n_stale_ = 0, n_approved_ = 0;
  std::vector<ListingCounts> counts_;
  std::optional<Listing> selected_listing_;
  std::vector<SafetyFlag> selected_flags_;
  std::vector<FieldProblem> selected_problems_;

  // what the member of staff is doing
  std::string tab_ = "pending";  // pending, stale, approved, counts
  std::string selected_;
  std::string message_;
  bool message_ok_ = false;
  std::string find_;               // words in the title to find (the approved list is long)
  bool find_open_ = false;         // the keyboard is out for finding
  ui::KeyboardState find_kbd_;

  // the form (editing_: the form shows instead of the list)
  bool editing_ = false;
  screens::StaffEditVM form_;
  std::vector<LocalAuthority> las_;  // the local-authority table, read once per form
  std::vector<std::string> checked_;  // the draft's fields and the area as typed when last checked
  bool tried_save_ = false;        // a save failed: the problems are checked again as things are typed
  ui::KeyboardState kbd_;
};

}  // namespace waymark::kiosk
