#include "kiosk/app.h"
#include "core/storage/meta_keys.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <utility>

#include "core/base/text.h"
#include "core/ops/demo.h"
#include "core/storage/device_store.h"
#include "core/sync/departures.h"
#include "kiosk/driver/script.h"
#include "kiosk/screens/screens.h"

namespace waymark::kiosk {

namespace {
int64_t steady_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

double wall_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}
}  // namespace

App::App(AppOptions opt) : opt_(std::move(opt)), read_aloud_(clock_, opt_.speech_dir), session_(clock_, opt_.idle) {
  if (opt_.assets_dir.empty()) opt_.assets_dir = assets_dir();
}

App::~App() {
  if (db_) wake_sync_on_outbox_writes(*db_, nullptr);
  sync_.reset();  // joins the sync thread before the database goes
  read_aloud_.stop();
  features_.clear();
  staff_features_.clear();
  public_features_.clear();
  backend_.reset();
  if (ImGui::GetCurrentContext()) ImGui::DestroyContext();
  if (db_) {
    db_->close();
    mark_clean_shutdown(opt_.data_dir);
  }
}

void App::add_public_feature(std::vector<std::string> routes, std::unique_ptr<PublicFeature> f) {
  public_features_.push_back(PublicPart{std::move(routes), std::move(f)});
}

void App::add_feature(const std::string& route, std::unique_ptr<Feature> f) { features_[route] = std::move(f); }

void App::add_staff_feature(const std::string& route, const std::string& title_id, ui::Icon icon,
                            std::unique_ptr<StaffFeature> f) {
  staff_menu_.push_back(StaffMenuEntry{route, title_id, icon});
  add_staff_feature(route, std::move(f));
}

void App::add_staff_feature(const std::string& route, std::unique_ptr<StaffFeature> f) {
  staff_features_.push_back(StaffPart{route, std::move(f)});
}

bool App::start(std::string* error) {
  const double t0 = wall_ms();
  started_ms_ = clock_.now_ms();
  std::string err;
  if (!strings_.load(opt_.assets_dir + "/strings", &err)) {
    if (error) *error = err;
    return false;
  }
  // The database first: a damaged one shows the out-of-order page rather than a sign-in that cannot work.
  DeviceOpenOptions dopt;
  dopt.track_running = true;
  DeviceOpenResult opened = open_device(opt_.data_dir, dopt);
  if (!opened.db) {
    fatal_ = opened.error;
    std::fprintf(stderr, "waymark-kiosk: %s\n", fatal_.c_str());
  } else {
    db_ = std::move(opened.db);
    if (opened.was_unclean) std::fprintf(stderr, "waymark-kiosk: the last run did not stop cleanly; the database checked ok\n");
    open_pin_seal();
    if (opt_.seed_demo_if_empty && fatal_.empty() && seed_demo(*db_, clock_, pin_seal_.get()))
      std::fprintf(stderr, "waymark-kiosk: seeded the demo establishment into %s\n", opt_.data_dir.c_str());
    accounts_ = std::make_unique<Accounts>(*db_, clock_, pin_seal_.get());
    tidy_pins();
    // The gateway's authenticated time is the floor for "now"; sync runs on its own thread and connection.
    if (const int64_t floor = gateway_time_floor(*db_); floor > 0) clock_.set_floor_ms(floor);
    if (device_enrolled(*db_)) {
      sync_ = std::make_unique<SyncService>(db_->path(), clock_, 30000, pin_seal_.get());
      sync_->start();
      wake_sync_on_outbox_writes(*db_, sync_.get());  // every outbox write wakes sync once it commits
    }
    session_.open(*db_, *accounts_, meta_get(*db_, kMetaDefaultLang, "en"));
  }

  signal_event_ = SDL_RegisterEvents(1);
  platform::Platform::start_signal_thread(signal_event_);
  if (!platform_.init(opt_.window, error)) return false;
  // which renderer and why, for waymarkctl doctor; written only when it changed, so a start costs no fsync
  if (db_ && meta_get(*db_, kMetaKioskRenderer) != platform_.renderer_note()) {
    Txn txn(*db_);
    meta_set(*db_, kMetaKioskRenderer, platform_.renderer_note());
    txn.commit();
  }
  input_ = std::make_unique<platform::Input>(signal_event_);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini: nothing is written next to the binary
  io.LogFilename = nullptr;
  io.ConfigFlags = ImGuiConfigFlags_NoMouseCursorChange;  // no keyboard or gamepad navigation: no window switching
  io.ConfigInputTextCursorBlink = false;
  io.ConfigWindowsMoveFromTitleBarOnly = true;
  io.MouseDoubleClickTime = 0.0f;  // a fast second tap is just another tap
  io.DisplaySize = ImVec2(static_cast<float>(platform_.width()), static_cast<float>(platform_.height()));
  io.SetClipboardTextFn = [](void*, const char*) {};
  io.GetClipboardTextFn = [](void*) -> const char* { return ""; };

  palette_ = ui::standard_palette();
  if (db_) fonts_.set_cache_dir(opt_.data_dir + "/font-cache");  // a data folder that opened is writable
  if (!fonts_.build(opt_.assets_dir, static_cast<float>(platform_.height()), ui::FontChoice{}, &err)) {
    if (error) *error = err;
    return false;
  }
  ui::apply_imgui_style(palette_, fonts_.em());
  backend_ = std::make_unique<platform::RenderBackend>(platform_);
  if (!backend_->upload_fonts()) {
    if (error) *error = std::string("cannot upload the font texture: ") + SDL_GetError();
    return false;
  }
  wanted_fonts_ = fonts_.choice();
  applied_settings_version_ = session_.settings_version();  // the standard look, just built
  ui_ = std::make_unique<ui::Ui>(fonts_, strings_);
  last_frame_ms_ = clock_.now_ms();
  draw_frame();
  stats_.start_to_first_frame_ms = wall_ms() - t0;
  return true;
}

// ---------------------------------------------------------------- events
void App::process_events(std::deque<SDL_Event>& q) {
  bool had_input = false;
  while (!q.empty() && !quit_) {
    platform::InputFrame in = input_->feed(q);
    handle_input(in);
    had_input = had_input || in.any_input;
    draw_frame();
  }
  // ImGui reacts to a release one frame later (a click shows its result on the next frame)
  if (had_input && !quit_) draw_frame();
}

void App::handle_input(const platform::InputFrame& in) {
  if (in.signal) {
    std::fprintf(stderr, "waymark-kiosk: stopping on signal %d; everything is already saved\n", in.signal);
    stopped_by_signal_ = true;
    quit_ = true;
    exit_code_ = 0;
    return;
  }
  if (in.quit_requested) {
    // A window manager close, alt+f4 or SDL_QUIT: the kiosk stays. Only a staff PIN leaves it.
    stats_.ignored_quit_requests++;
    std::fprintf(stderr, "waymark-kiosk: ignored a request to quit (leaving needs a staff PIN)\n");
  }
  if (in.resized) {
    platform_.refresh_size();
    ImGui::GetIO().DisplaySize = ImVec2(static_cast<float>(platform_.width()), static_cast<float>(platform_.height()));
  }
  if (in.multi_touch || input_->fingers_down() > 1) {
    // two or more fingers: no gesture does anything, and the press in progress is cancelled
    ImGui::ClearActiveID();
    suppress_until_release_ = true;
  }
  if (suppress_until_release_) {
    if (!ImGui::GetIO().MouseDown[0] && input_->fingers_down() == 0) suppress_until_release_ = false;
    else ImGui::ClearActiveID();
  }
  // While "Still there?" shows, the overlay takes the tap (it covers the screen and keeps the child signed
  // in on release). Waking on the raw touch instead would hide the overlay mid-press and let the same tap
  // press whatever lies underneath.
  // A plugged keyboard types only in staff mode (an office PC); a child's screens never take it.
  if (session_.staff() && !session_.child()) {
    staff_typed_ += sanitize_text(in.text, 400, false);
    for (const platform::KeyPress& k : in.keys)
      if (k.key == SDLK_BACKSPACE) staff_backspaces_++;
  } else {
    staff_typed_.clear();
    staff_backspaces_ = 0;
  }
  const int64_t now = clock_.now_ms();
  if (in.any_input && !(session_.active() && session_.idle_phase(now) == IdlePhase::Warning)) session_.touch(now);
}

int App::wake_timeout_ms() {
  int t = -1;
  if (session_.active()) t = static_cast<int>(std::min<int64_t>(session_.ms_until_idle_change(clock_.now_ms()), 60'000));
  if (ui_ && ui_->animating()) t = 16;
  if (const int r = read_aloud_.wake_ms(); r >= 0) t = t < 0 ? r : std::min(t, r);
  if (session_.child())
    if (auto f = features_.find(nav_.top()); f != features_.end() && f->second->wake_ms() >= 0)
      t = t < 0 ? f->second->wake_ms() : std::min(t, f->second->wake_ms());
  return t;
}

// ---------------------------------------------------------------- sign-out and the look
void App::sign_out(const char* why) {
  if (session_.staff())
    for (StaffPart& p : staff_features_) p.f->on_sign_out();
  if (session_.child())
    for (auto& [route, f] : features_) f->on_sign_out();
  for (PublicPart& p : public_features_) p.f->on_sign_out();
  session_.end(why);
  apply_session_settings();  // the next person starts from the device's defaults
  read_aloud_.stop();
  nav_.reset("signin");
  ImGui::ClearActiveID();
  std::fprintf(stderr, "waymark-kiosk: signed out (%s)\n", why);
}

void App::leave_if_transferred() {
  const ChildProfile* child = session_.child();
  const std::string who = child ? child->number : std::string();
  const int64_t gen = sync_ ? sync_->generation() : 0;
  if (who == departure_checked_for_ && gen == departure_checked_gen_) return;
  departure_checked_for_ = who;
  departure_checked_gen_ = gen;
  if (sync_) sync_->set_signed_in(who);
  if (who.empty() || !db_) return;
  try {
    if (!sync::departing(*db_, who)) return;
    const int sent = sync::send_departing_drafts(*db_, who, clock_.now_s());
    std::fprintf(stderr, "waymark-kiosk: a transferred child signed out (%d message(s) they were writing sent)\n", sent);
  } catch (const DbError& e) {  // nothing they wrote is lost: the drafts stay until the next look
    std::fprintf(stderr, "waymark-kiosk: a transferred child's drafts were not sent yet: %s\n", e.what());
    departure_checked_gen_ = -1;
    return;
  }
  const std::string words = ui_->t("signin.moved");  // in the child's language, before the turn ends
  sign_out("transferred");
  session_.set_notice(words);
  departure_checked_for_.clear();
  if (sync_) {
    sync_->set_signed_in({});
    sync_->poke();  // send what they wrote, then remove them
  }
}

void App::apply_session_settings() {
  if (session_.settings_version() == applied_settings_version_) return;
  applied_settings_version_ = session_.settings_version();
  const ChildSettings& s = session_.settings();
  palette_ = s.high_contrast ? ui::high_contrast_palette() : ui::standard_palette();
  ui::apply_imgui_style(palette_, fonts_.em());
  wanted_fonts_ = ui::FontChoice{s.font, text_scale_for(s.text_size)};
  if (ui_) ui_->set_read_on_tap(s.read_on_tap);
}

bool App::rebuild_fonts_if_needed(std::string* error) {
  if (wanted_fonts_ == fonts_.choice()) return true;
  // Between frames: the last frame's draw data is gone, the next NewFrame picks up the new atlas.
  std::string err;
  if (!fonts_.build(opt_.assets_dir, static_cast<float>(platform_.height()), wanted_fonts_, &err)) {
    std::fprintf(stderr, "waymark-kiosk: %s; keeping the standard letters\n", err.c_str());
    wanted_fonts_ = ui::FontChoice{};
    if (!fonts_.build(opt_.assets_dir, static_cast<float>(platform_.height()), wanted_fonts_, &err)) {
      if (error) *error = err;
      return false;
    }
  }
  ui::apply_imgui_style(palette_, fonts_.em());
  if (!backend_->upload_fonts()) {
    if (error) *error = std::string("cannot upload the font texture: ") + SDL_GetError();
    return false;
  }
  return true;
}

void App::after_frame(const std::string& route_before) {
  ui::Ui& ui = *ui_;
  std::string tapped = ui.take_tap_speech();
  std::string tapped_lang = ui.take_tap_speech_lang();
  const bool read_screen = ui.take_read_screen_request();
  // The child moved on: reading stops. A tap that moved them (a listing opening) is still read, if they
  // asked for that; navigation buttons are silent.
  if (nav_.top() != route_before) read_aloud_.stop();
  const std::string& lang = session_.lang();
  const int wpm = speech_words_per_minute(session_.settings().speech_rate);
  if (read_screen) {
    if (read_aloud_.active()) read_aloud_.stop();  // the button says "Stop" while reading
    else read_aloud_.say(ui.read_script_parts(lang), wpm);  // English words on a Welsh screen: English voice
  } else if (!tapped.empty()) {
    read_aloud_.say(tapped, tapped_lang.empty() ? lang : tapped_lang, wpm);
  }
  read_aloud_.pump();
}

// ---------------------------------------------------------------- routing
// The feature for the route on top, if the person it is for is signed in; else back to sign-in or home.
void App::draw_screen() {
  ui::Ui& ui = *ui_;
  if (!fatal_.empty()) {
    screens::draw_out_of_order(ui, fatal_);
    return;
  }
  const std::string route = nav_.top();
  for (PublicPart& p : public_features_)
    if (std::find(p.routes.begin(), p.routes.end(), route) != p.routes.end()) {
      PublicContext ctx{*db_, clock_, session_, nav_};
      p.f->draw(ui, ctx);
      return;
    }
  if (draw_staff_part(route)) return;
  const ChildProfile* child = session_.child();
  if (!child) {  // nothing below is reachable without a signed-in child
    nav_.reset("signin");
    return;
  }
  if (auto f = features_.find(route); f != features_.end()) {
    KioskContext ctx{*db_, clock_, strings_, opt_.assets_dir, *child, nav_, session_, sync_.get()};
    f->second->draw(ui, ctx);
    return;
  }
  nav_.reset("home");
}

bool App::draw_staff_part(const std::string& route) {
  const StaffProfile* staff = session_.staff();
  if (!staff) return false;
  for (StaffPart& p : staff_features_)
    if (route == p.route) {
      StaffContext ctx{*db_, clock_, strings_, *staff, nav_, session_, sync_.get(), staff_menu_, opt_.data_dir,
                       opt_.curator_key, std::exchange(staff_typed_, std::string()), std::exchange(staff_backspaces_, 0)};
      p.f->draw(*ui_, ctx);
      want_text_input_ = ctx.wants_text;
      if (ctx.exit_kiosk) {
        quit_ = true;
        exit_code_ = 0;
      }
      return true;
    }
  return false;
}

// ---------------------------------------------------------------- drawing
double App::draw_frame(const std::string& capture_png, std::string* error) {
  const double t0 = wall_ms();
  const int64_t now = clock_.now_ms();
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = std::clamp(static_cast<float>(now - last_frame_ms_) / 1000.0f, 0.001f, 0.1f);
  last_frame_ms_ = now;

  // the idle rules run before drawing so a signed-out child is never drawn again
  if (session_.active() && session_.idle_phase(now) == IdlePhase::Expired) sign_out("idle");
  std::string font_error;
  if (!rebuild_fonts_if_needed(&font_error)) {
    std::fprintf(stderr, "waymark-kiosk: %s\n", font_error.c_str());
    quit_ = true;
    exit_code_ = 3;
  }
  const std::string route_before = nav_.top();

  ImGui::NewFrame();
  ui_->set_reading(read_aloud_.active());
  ui_->begin_frame(palette_, session_.lang(), io.DeltaTime, static_cast<double>(now - started_ms_) / 1000.0,
                   session_.settings().calm);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  const ImGuiWindowFlags root = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNav |
                                ImGuiWindowFlags_NoScrollWithMouse |
                                ImGuiWindowFlags_NoBackground;  // the renderer clears to the background colour already
  ImGui::Begin("##root", nullptr, root);
  draw_screen();
  if (const char* why = session_.end_requested()) sign_out(why);  // home's Sign out, staff's Back
  leave_if_transferred();
  apply_session_settings();  // a child signed in, or changed a setting in Help
  staff_typed_.clear();  // typing meant for a screen that did not take it is dropped, never kept for later
  staff_backspaces_ = 0;
  // SDL text input (a plugged keyboard's text) is on only while a staff text field is being typed in
  if (want_text_input_ != text_input_on_) {
    if (want_text_input_) SDL_StartTextInput();
    else SDL_StopTextInput();
    text_input_on_ = want_text_input_;
  }
  want_text_input_ = false;
  ImGui::End();

  if (session_.active() && session_.idle_phase(now) == IdlePhase::Warning) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::SetNextWindowFocus();
    ui_->record().cover();
    ui_->begin_overlay();
    ImGui::Begin("##idle", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoNav);
    if (screens::draw_idle_warning(*ui_, session_.idle_seconds_left(now)) == screens::IdleIntent::Stay) session_.touch(now);
    ImGui::End();
  }
  ImGui::Render();
  after_frame(route_before);

  if (capture_png.empty() && !opt_.rasterize_every_frame) return frame_done(t0);
  backend_->draw(ImGui::GetDrawData(), palette_.bg);
  if (!capture_png.empty()) platform_.save_png(capture_png, error);
  backend_->present();
  return frame_done(t0);
}

double App::frame_done(double t0) {
  const double ms = wall_ms() - t0;
  if (frame_observer_) frame_observer_(ms);
  return ms;
}

// ---------------------------------------------------------------- the loop
void App::beat() {
  if (!opt_.heartbeat || opt_.heartbeat_ms <= 0) return;
  const int64_t now = steady_ms();
  if (now - last_beat_ms_ < opt_.heartbeat_ms) return;
  last_beat_ms_ = now;
  opt_.heartbeat();
}

// The real loop: sleeps in SDL_WaitEventTimeout until input or a timer (idle countdown, animation,
// watchdog) is due, so an idle kiosk uses no CPU.
void App::run_real_loop(int64_t until_steady_ms) {
  std::deque<SDL_Event> q;
  while (!quit_) {
    beat();
    const int64_t slept_at = steady_ms();
    const int frame_due = wake_timeout_ms();  // -1: nothing to draw until input
    int t = frame_due;
    if (opt_.heartbeat && opt_.heartbeat_ms > 0) {  // wake for the watchdog even when nothing else would
      const int beat_due = static_cast<int>(std::max<int64_t>(0, last_beat_ms_ + opt_.heartbeat_ms - slept_at));
      t = t < 0 ? beat_due : std::min(t, beat_due);
    }
    if (until_steady_ms > 0) {
      const int64_t left = until_steady_ms - slept_at;
      if (left <= 0) return;
      t = t < 0 ? static_cast<int>(left) : std::min(t, static_cast<int>(left));
    }
    platform_.wait_events(t, q);
    if (q.empty()) {
      // a timer ran out: draw only for the countdown, a sign-out or an animation step, not for the watchdog
      if (frame_due >= 0 && steady_ms() - slept_at >= frame_due) draw_frame();
      continue;
    }
    process_events(q);
  }
}

int App::run(Driver* driver) {
  std::deque<SDL_Event> q;
  beat();
  if (!driver) run_real_loop(0);
  while (driver && !quit_) {
    beat();
    if (driver->done()) break;
    if (driver->real_idle_ms() > 0) {
      run_real_loop(steady_ms() + driver->real_idle_ms());
      driver->real_idle_done();
      continue;
    }
    driver->tick(*this);
    platform_.poll_events(q);
    if (q.empty()) draw_frame();
    else process_events(q);
  }
  if (stopped_by_signal_) return 0;  // the supervisor asked; a script cut short is not a failure of the kiosk
  if (driver && !driver->done()) driver->app_exited(*this);
  if (!opt_.speech_dir.empty()) read_aloud_.flush(30'000);  // a headless run: every utterance reaches its file
  return driver ? (driver->exit_code() != 0 ? driver->exit_code() : exit_code_) : exit_code_;
}

std::string App::lockdown_problem() const {
  if (quit_) return "the kiosk is stopping";
  int windows = 0;
  for (Uint32 id = 1; id < 256; id++)
    if (SDL_GetWindowFromID(id)) windows++;
  if (windows != 1) return std::to_string(windows) + " SDL windows (want exactly 1)";
  const Uint32 flags = SDL_GetWindowFlags(platform_.window());
  if (flags & (SDL_WINDOW_HIDDEN | SDL_WINDOW_MINIMIZED)) return "the window is hidden or minimised";
  if (!opt_.window.headless && !opt_.window.windowed && !(flags & SDL_WINDOW_FULLSCREEN_DESKTOP))
    return "the window is not full screen";
  const ImGuiContext* g = ImGui::GetCurrentContext();
  if (!g) return "no UI context";
  for (const ImGuiWindow* w : g->Windows) {
    if (!w->WasActive) continue;
    // our two windows, and child regions (scroll lists) inside them
    const ImGuiWindow* top = (w->Flags & ImGuiWindowFlags_ChildWindow) ? w->RootWindow : w;
    const std::string name = top ? top->Name : w->Name;
    if (name != "##root" && name != "##idle") return std::string("a stray window \"") + w->Name + "\" is open";
  }
  if (!g->OpenPopupStack.empty()) return "a popup is open";
  const std::string& r = nav_.top();
  if (r != "signin" && r != "staff-signin" && r != "home") return "the screen is \"" + r + "\", not sign-in or home";
  return {};
}

}  // namespace waymark::kiosk
