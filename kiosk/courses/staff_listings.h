// kiosk/courses/staff_listings.h: staff mode's "Courses and jobs" (route "staff-listings"): what waits for a
// second person's approval, what is going stale, what is approved, and how many children saved or asked about
// each listing (counts only). Approve and retire follow core/curation.h's rules (two people, safety check).
// Creating and editing listings is done by CSV import (`waymarkctl listings import`) for now.
#pragma once

#include <string>

#include "kiosk/app.h"

namespace waymark::kiosk {

class StaffListingsFeature : public StaffFeature {
public:
  void draw(ui::Ui& ui, StaffContext& ctx) override;
  void on_sign_out() override;

private:
  std::string tab_ = "pending";  // pending, stale, approved, counts
  std::string selected_;
  std::string message_;
  bool message_ok_ = false;
};

}  // namespace waymark::kiosk
