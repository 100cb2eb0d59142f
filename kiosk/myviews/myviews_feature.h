// kiosk/myviews/myviews_feature.h: the controllers behind the "myviews" and "meetings" home tiles, and the
// line home shows about the next meeting. They build view-models from core and act on the screens' intents.
//
// Autosave: every answer change is committed (core/myviews/myviews.h) before the screen shows "Saved". When the
// environment names WAYMARK_SHOWN_SAVED_LOG, each time a frame shows "Saved" for a new answer the kiosk
// appends "<response id>\t<question id>\t<answer JSON>" to that file with one write(2); the kill test
// compares it with the database after SIGKILL (tests/soak/myviews_kill.cpp, run by tests/kiosk/myviews_ui_test.cpp).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/myviews/myviews.h"
#include "kiosk/app.h"
#include "kiosk/myviews/myviews_screens.h"

namespace waymark::kiosk {

class MyViewsFeature : public Feature {
public:
  MyViewsFeature();
  ~MyViewsFeature() override;
  void draw(ui::Ui& ui, KioskContext& ctx) override;
  void on_sign_out() override;

private:
  enum class Mode { Start, Question, Review, Sent };
  void load(ui::Ui& ui, KioskContext& ctx);
  void enter_question(KioskContext& ctx, int index);
  void enter_review(KioskContext& ctx);
  void leave(KioskContext& ctx);
  void save(KioskContext& ctx, const nlohmann::json& value);
  void note_shown_saved();
  void draw_start(ui::Ui& ui, KioskContext& ctx);
  void draw_question(ui::Ui& ui, KioskContext& ctx);
  void draw_review(ui::Ui& ui, KioskContext& ctx);

  bool loaded_ = false;
  Mode mode_ = Mode::Start;
  std::optional<Meeting> meeting_;
  std::optional<FormDef> form_;
  std::optional<Response> resp_;   // the draft being filled, or the sent one being read
  screens::QuestionVM qvm_;
  std::string error_;
  int64_t saved_serial_ = 0, logged_serial_ = 0;  // for the shown-saved log
  int log_fd_ = -1;
  bool forms_checked_ = false;  // assets/forms installed during this run (kept across sign-outs)
};

class MeetingsFeature : public Feature {
public:
  void draw(ui::Ui& ui, KioskContext& ctx) override;
  void on_sign_out() override {}
};

// "Your next meeting: Review meeting, Thursday 26 November at 10:30. My Views: not started." plus a nudge
// when the meeting is within a week and My Views is not sent. Empty when the child has no meetings.
std::string home_meeting_line(const ui::Ui& ui, Db& db, const Clock& clock, const std::string& child);

// Installs the form definitions from assets/forms (malformed ones are reported on stderr and skipped; the
// kiosk carries on with what it has). MyViewsFeature calls it once per run.
void ensure_forms_installed(Db& db, const std::string& assets_dir, int64_t now_s);

}  // namespace waymark::kiosk
