// kiosk/staff/staff_menu.h: staff mode's first screen (route "staff"): a button for each staff part registered
// with a menu entry (kiosk/features.cpp), leaving the kiosk for those whose role allows it (audited), and Back,
// which signs the member of staff out.
#pragma once

#include "kiosk/feature.h"

namespace waymark::kiosk {

class StaffMenuFeature : public StaffFeature {
public:
  void draw(ui::Ui& ui, StaffContext& ctx) override;
  void on_sign_out() override {}
};

}  // namespace waymark::kiosk
