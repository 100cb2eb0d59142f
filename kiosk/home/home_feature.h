// kiosk/home/home_feature.h: the child's home (route "home": a greeting, when they leave, the next meeting,
// what changed in the plan, the six tiles) and help and settings (route "help"). Home reads the meeting line from My Views when it
// opens and when sync's generation changes, not every frame; help saves a changed setting through the Session,
// which the app then applies (colours, letters, text size, reading).
#pragma once

#include <cstdint>
#include <string>

#include "kiosk/feature.h"
#include "kiosk/home/home_screens.h"

namespace waymark::kiosk {

class HomeFeature : public Feature {
public:
  void draw(ui::Ui& ui, KioskContext& ctx) override;
  void on_sign_out() override;

private:
  screens::HomeVM vm(const ui::Ui& ui, KioskContext& ctx);
  std::string meeting_line_;   // read by vm() when the key below changes
  std::string plan_line_;      // what changed in the plan since the child last looked, read with the meeting line
  std::string meeting_key_;    // child, language, day and sync's generation it was read for
  int last_frame_ = -10;       // a gap in frames means home was left: read again on return
};

class HelpFeature : public Feature {
public:
  void draw(ui::Ui& ui, KioskContext& ctx) override;
  void on_sign_out() override {}
};

}  // namespace waymark::kiosk
