// kiosk/app.h: the kiosk application: it composes the parts and routes to them. It owns the window, the
// frame loop, the database, the background sync, the read-aloud voice and the look (colours, letters), and
// each frame draws the feature registered for the route on top of the navigator (kiosk/feature.h says what a
// feature is; kiosk/features.cpp registers them), the idle countdown over it, or the out-of-order page. Who is
// signed in, and what ends their turn, is the Session's (kiosk/session.h).
//
// Index
//  - AppOptions   : how to start (data folder, assets, window, idle policy)
//  - App          : owns everything; run() is the event loop (scripted or real)
#pragma once

#include <SDL.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/accounts/accounts.h"
#include "core/accounts/child_settings.h"
#include "core/accounts/session.h"
#include "core/base/clock.h"
#include "core/i18n/i18n.h"
#include "core/storage/db.h"
#include "core/sync/sync_client.h"
#include "kiosk/feature.h"
#include "kiosk/platform/input.h"
#include "kiosk/platform/platform.h"
#include "kiosk/platform/render_backend.h"
#include "kiosk/read_aloud.h"
#include "kiosk/session.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/widgets.h"

namespace waymark::kiosk {

class Driver;

struct AppOptions {
  std::string data_dir;                 // the device data folder
  std::string assets_dir;               // default: core's assets_dir()
  platform::PlatformOptions window;
  IdlePolicy idle;                      // default 90 s with a 20 s countdown
  bool seed_demo_if_empty = false;      // default false; the demo command sets it
  std::string speech_dir;               // default empty: speech plays aloud; set: one WAV per utterance here
  // Called from the frame loop at least every heartbeat_ms while the loop is alive (the systemd watchdog).
  // The loop wakes for it even when idle. Default: none.
  std::function<void()> heartbeat;
  int heartbeat_ms = 0;                 // default 0: no heartbeat
  // default true. Headless scripted runs set it false: every frame is laid out and its input handled
  // exactly as on screen, but pixels are drawn only for the frames a `shot` captures (software
  // rasterizing at 1920x1080 is most of a headless frame's cost, and no one sees the others).
  bool rasterize_every_frame = true;
  // default empty. The curator's secret key file (--curator-key FILE or WAYMARK_CURATOR_KEY): staff mode's
  // Publish signs the next content pack with it. Empty on a wing device: publishing happens on the office PC.
  std::string curator_key;
  // default empty: $WAYMARK_PIN_PEPPER_FILE, else the systemd credential waymark-pin-pepper. A file holding the
  // device's PIN pepper, outside the data folder (--pin-pepper FILE; core/accounts/pin_seal.h).
  std::string pin_pepper;
};

struct RunStats {
  double start_to_first_frame_ms = 0;
  int ignored_quit_requests = 0;
};

class App {
public:
  explicit App(AppOptions opt);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Opens the data folder, builds fonts, starts the window. On failure returns false with a reason.
  bool start(std::string* error);
  // Runs until a staff exit, SIGTERM, or the end of the script. Returns the process exit code.
  int run(Driver* driver);

  // A part shown while nobody is signed in, on each of routes (sign-in).
  void add_public_feature(std::vector<std::string> routes, std::unique_ptr<PublicFeature> f);
  // A part for a signed-in child.
  void add_feature(const std::string& route, std::unique_ptr<Feature> f);
  // A staff-mode part: a button on the staff menu (words from title_id) opens route.
  void add_staff_feature(const std::string& route, const std::string& title_id, ui::Icon icon, std::unique_ptr<StaffFeature> f);
  // A staff-mode part with no button on the staff menu (the menu itself).
  void add_staff_feature(const std::string& route, std::unique_ptr<StaffFeature> f);

  // for the driver, tests and benchmarks
  const ui::FrameRecord& last_frame() const { return ui_->record(); }
  OffsetClock& clock() { return clock_; }
  platform::Platform& platform() { return platform_; }
  const std::string& route() const { return nav_.top(); }
  const ChildSettings& settings() const { return session_.settings(); }
  const std::string& lang() const { return session_.lang(); }
  // Headless runs: wait for speech still being made and write it (the script ended).
  void flush_speech(int timeout_ms) { read_aloud_.flush(timeout_ms); }
  bool speech_being_made() const { return read_aloud_.making(); }
  bool child_signed_in() const { return session_.child() != nullptr; }
  const RunStats& stats() const { return stats_; }
  bool animating() const { return ui_ && ui_->animating(); }
  // Draws one frame now (capture_png: also write it there). Returns the time the frame took in ms.
  double draw_frame(const std::string& capture_png = {}, std::string* error = nullptr);
  void process_events(std::deque<SDL_Event>& q);
  // Empty when the kiosk is locked down as it should be (one shown, full-screen window; no stray ImGui
  // window or popup; on sign-in or home), else what is wrong. For the escape-vector tests.
  std::string lockdown_problem() const;
  void set_rasterize_every_frame(bool on) { opt_.rasterize_every_frame = on; }
  // Benchmarks: called after every frame with its time in ms (frames a script draws too). Default: none.
  void set_frame_observer(std::function<void(double)> f) { frame_observer_ = std::move(f); }

private:
  void handle_input(const platform::InputFrame& in);
  void draw_screen();
  bool draw_staff_part(const std::string& route);
  // The turn ends: every feature forgets, the Session wipes, the sign-in screen shows.
  void sign_out(const char* why);
  // A child signed in here whom the feed says was transferred away (core/sync/departures.h): after the screen
  // saved what it was given this frame, what they were writing is sent and they are signed out with a kind word.
  // Checked when a child signs in and after each sync round that changed something; tells sync who is signed in.
  void leave_if_transferred();
  // The Session's settings when they changed: colours and read-on-tap now; the font atlas at the start of the
  // next frame (only if it changed).
  void apply_session_settings();
  bool rebuild_fonts_if_needed(std::string* error);
  // The device's PIN pepper (app_pins.cpp): found, or the out-of-order page when it is unusable.
  void open_pin_seal();
  // Seals PIN hashes stored before the pepper, removes those of children not here (before sync starts).
  void tidy_pins();
  void after_frame(const std::string& route_before);
  double frame_done(double t0);  // the frame's time, told to the observer
  int wake_timeout_ms();
  void beat();
  void run_real_loop(int64_t until_steady_ms);
  const ui::Palette& palette() const { return palette_; }

  AppOptions opt_;
  OffsetClock clock_;
  platform::Platform platform_;
  std::unique_ptr<platform::RenderBackend> backend_;
  std::unique_ptr<platform::Input> input_;
  Strings strings_;
  ui::Fonts fonts_;
  std::unique_ptr<ui::Ui> ui_;
  ui::Palette palette_;
  int applied_settings_version_ = -1;  // the Session's settings_version() the look was made for
  ui::FontChoice wanted_fonts_;  // what the next frame's font atlas must be
  ReadAloud read_aloud_;
  std::unique_ptr<Db> db_;
  std::unique_ptr<PinSeal> pin_seal_;  // the device's PIN pepper (null: none); outlives accounts_ and sync_
  std::unique_ptr<Accounts> accounts_;
  std::unique_ptr<SyncService> sync_;  // runs on its own thread and database connection when enrolled
  std::string fatal_;  // set when the database refused to open: the out-of-order page shows instead
  Nav nav_;
  Session session_;
  struct PublicPart {
    std::vector<std::string> routes;
    std::unique_ptr<PublicFeature> f;
  };
  std::vector<PublicPart> public_features_;
  std::map<std::string, std::unique_ptr<Feature>> features_;
  struct StaffPart {
    std::string route;
    std::unique_ptr<StaffFeature> f;
  };
  std::vector<StaffPart> staff_features_;
  std::vector<StaffMenuEntry> staff_menu_;
  std::string staff_typed_;   // a plugged keyboard's text for staff mode, until the next frame uses it
  int staff_backspaces_ = 0;
  std::string departure_checked_for_;  // the signed-in child leave_if_transferred last looked at ("": nobody)
  int64_t departure_checked_gen_ = -1; // and the sync generation it looked at
  bool want_text_input_ = false;  // this frame's staff part is typing (SDL text input on)
  bool text_input_on_ = false;

  bool quit_ = false;
  bool stopped_by_signal_ = false;
  int exit_code_ = 0;
  bool suppress_until_release_ = false;
  int64_t last_frame_ms_ = 0;
  int64_t started_ms_ = 0;
  Uint32 signal_event_ = 0;
  RunStats stats_;
  std::function<void(double)> frame_observer_;
  int64_t last_beat_ms_ = 0;  // steady clock
};

}  // namespace waymark::kiosk
