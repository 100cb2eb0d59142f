// kiosk/staff/staff_screens.h: staff mode's screens. Free functions over view-models that return what the
// member of staff asked for; they never touch storage (kiosk/staff/staff_listings.cpp does).
//
// Index
//  - StaffMenuVM / draw_staff_menu : hello, one button per staff part, leave the kiosk (needs the role)
//  - StaffListVM / draw_staff_list : "Courses and jobs": tabs (waiting, going stale, approved, counts), find by
//                                    title, the rows, the selected listing with its checks, edit / approve /
//                                    retire, new listing and publish
//  - StaffEditVM / draw_staff_edit : the listing form: every field with its problems under it, the live safety
//                                    check, the keyboard for the field being typed, save and cancel
// Stable ids: staff.part.<route>, staff.exit, staff.listings.tab.<tab>, staff.listings.find, staff.listing.<n>
// (the n-th row), staff.listings.new, staff.listings.publish, staff.listings.edit, staff.listing.approve,
// staff.listing.retire, staff.edit.field.<field>, staff.edit.kind.<kind>, staff.edit.la.<code>,
// staff.edit.level.<n>, staff.edit.interest.<word>, staff.edit.next, staff.edit.kbd_done, staff.edit.save,
// staff.edit.cancel.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/catalogue/catalogue.h"
#include "core/catalogue/curation.h"
#include "kiosk/screens/screens.h"
#include "kiosk/ui/widgets.h"

namespace waymark::screens {

// ---- the staff menu
struct StaffMenuPart {
  std::string route;               // "staff-listings"
  std::string words;               // "Courses and jobs"
  ui::Icon icon = ui::Icon::None;
};
struct StaffMenuVM {
  std::string name;                  // "Priya Shah"
  bool can_exit = false;             // the member of staff may leave the kiosk (their role says so)
  std::vector<StaffMenuPart> parts;  // staff-mode parts, one button each (ids staff.part.<route>)
  std::string opened;                // set with OpenPart: the part's route
};
enum class StaffMenuIntent { None, Back, ExitKiosk, OpenPart };
StaffMenuIntent draw_staff_menu(Ui& ui, StaffMenuVM& vm);

// ---- "Courses and jobs": the lists
struct StaffRowVM {
  std::string id;            // listing id, "bike-taster"
  std::string kind;          // course, apprenticeship, job, training, activity
  std::string title;         // "Bike mechanics taster"
  std::string line;          // "E08000035  ·  starts 2027-01-10  ·  expires 2027-06-01"
  bool flagged = false;      // the safety check blocks it: the line shows in red
};
struct StaffCountVM {
  std::string title;         // "Bike mechanics taster"
  std::string line;          // "saved 3, asked 1"
};
// The selected listing: everything a second person checks before approving.
struct StaffDetailVM {
  std::string title;                  // "Bike mechanics taster"
  std::string where;                  // "Leeds City College, Leeds (E08000035)"
  std::vector<std::string> lines;     // kind, duration and level; what you need; the summary; who edited it
  std::string welsh_head;             // "In Welsh: Blas ar drwsio beiciau  ·  6 wythnos"; empty: no Welsh words
  std::vector<std::string> welsh_lines;  // the Welsh requirements and summary, those that are there
  std::vector<std::string> problems;  // safety flags ("Blocks approval: ...") then validation problems, in red
  bool show_edit = false;             // not retired: Edit (enabled for education staff) and Retire show
  bool can_edit = false;
  bool show_approve = false;          // pending: Approve shows
  bool can_approve = false;           // the approver role, not the last editor, no flags, no problems
  std::string why_not;                // "You made the last change, so a second person must approve it."
};
struct StaffListVM {
  std::string tab = "pending";        // pending, stale, approved, counts
  int64_t n_pending = 0, n_stale = 0, n_approved = 0;  // the counts on the tabs
  std::string find;                   // words in the title to find; edited in place by the keyboard
  bool find_open = false;             // the keyboard is out for finding
  std::vector<StaffRowVM> rows;       // the tab's listings that match find
  std::vector<StaffCountVM> counts;   // the counts tab: how many children saved or asked (counts only)
  std::string selected;               // the selected row's listing id; empty: none
  std::optional<StaffDetailVM> detail;  // the selected listing, when there is one
  std::string message;                // "Approved. Children can see it now." or why something could not be done
  bool message_ok = false;            // green, else red
  bool can_create = false;            // education staff: New listing
  bool can_publish = false;           // approvers: Publish
};
enum class StaffListAction { None, Back, Tab, FindToggle, FindChanged, Select, New, Publish, Edit, Approve, Retire };
struct StaffListIntent {
  StaffListAction action = StaffListAction::None;
  std::string arg;  // the tab (Tab) or the listing id (Select)
};
StaffListIntent draw_staff_list(Ui& ui, StaffListVM& vm, ui::KeyboardState& find_kbd);

// ---- "Courses and jobs": the form
// The form's text fields in the order Next goes through them, and the most letters each takes. "la" is the area
// as typed (StaffEditVM::la_query); the others are the Listing's fields of the same name.
struct StaffTextField {
  const char* name;
  size_t max;
};
extern const StaffTextField kStaffTextFields[13];
// The text a field edits (nullptr for an unknown name), and the most letters it takes.
struct StaffEditVM;
std::string* staff_field_value(StaffEditVM& vm, std::string_view name, size_t* max = nullptr);

struct StaffLaChoice {
  std::string code;  // "E08000035"
  std::string name;  // "Leeds"
};
// The form is the view-model: the feature keeps it while the form is open and the screen edits it in place.
struct StaffEditVM {
  bool is_new = true;                    // "New listing", else "Edit listing"
  Listing draft;                         // everything typed so far; a failed save keeps it all
  std::string la_query;                  // the area as typed, "leed"
  std::vector<StaffLaChoice> la_matches;  // areas that match la_query (up to 6), while none is picked
  std::string la_chosen;                 // "Leeds (E08000035)" once one is picked
  std::string focus;                     // the text field the keyboard types into ("title"); empty: none
  int scroll_to_focus = 0;               // frames left in which the form scrolls the focused field into view
  bool la_scroll = false;                // the area's matches changed: scroll them into view
  std::vector<FieldProblem> problems;    // from the last save that failed, checked again as things are typed
  std::vector<std::string> flags;        // the live safety check, described ("summary has a phone number: ...")
  std::string message;                   // "Not saved: fix the 3 problems shown in red. ..." or "Everything looks right now. ..."
};
enum class StaffEditIntent { None, Cancel, Save };
StaffEditIntent draw_staff_edit(Ui& ui, StaffEditVM& vm, ui::KeyboardState& kbd);

}  // namespace waymark::screens
