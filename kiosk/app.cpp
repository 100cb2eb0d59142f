#include "kiosk/app.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "core/base/dates.h"
#include "core/i18n/local_format.h"
#include "core/ops/demo.h"
#include "core/storage/device_store.h"
#include "core/base/secrets.h"
#include "core/base/text.h"
#include "kiosk/driver/script.h"
#include "kiosk/myviews/myviews_feature.h"

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

void wipe_profile(ChildProfile& c) {
  wipe(c.number);
  wipe(c.first_name);
  if (c.release_date) wipe(*c.release_date);
  if (c.release_la) wipe(*c.release_la);
  if (c.dob) wipe(*c.dob);
  wipe(c.wing);
}

void clear_signin(screens::SignInVM& vm) {
  wipe(vm.number);
  wipe(vm.pin);
  vm.message.clear();
  vm.message_is_error = false;
  vm.pin_step = false;
}
}  // namespace

App::App(AppOptions opt) : opt_(std::move(opt)), read_aloud_(clock_, opt_.speech_dir), idle_(opt_.idle) {
  if (opt_.assets_dir.empty()) opt_.assets_dir = assets_dir();
}

App::~App() {
  sync_.reset();  // joins the sync thread before the database goes
  read_aloud_.stop();
  features_.clear();
  backend_.reset();
  if (ImGui::GetCurrentContext()) ImGui::DestroyContext();
  if (db_) {
    db_->close();
    mark_clean_shutdown(opt_.data_dir);
  }
}

void App::add_feature(const std::string& route, std::unique_ptr<Feature> f) { features_[route] = std::move(f); }

void App::add_staff_feature(const std::string& route, const std::string& title_id, ui::Icon icon,
                            std::unique_ptr<StaffFeature> f) {
  staff_features_.push_back(StaffPart{route, title_id, icon, std::move(f)});
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
    if (opt_.seed_demo_if_empty && seed_demo(*db_, clock_))
      std::fprintf(stderr, "waymark-kiosk: seeded the demo establishment into %s\n", opt_.data_dir.c_str());
    accounts_ = std::make_unique<Accounts>(*db_, clock_);
    // The gateway's authenticated time is the floor for "now"; sync runs on its own thread and connection.
    if (const int64_t floor = gateway_time_floor(*db_); floor > 0) clock_.set_floor_ms(floor);
    if (device_enrolled(*db_)) {
      sync_ = std::make_unique<SyncService>(db_->path(), clock_);
      sync_->start();
    }
    device_lang_ = meta_get(*db_, "default_lang", "en");
    lang_ = device_lang_;
    signin_.establishment = meta_get(*db_, "establishment");
  }

  signal_event_ = SDL_RegisterEvents(1);
  platform::Platform::start_signal_thread(signal_event_);
  if (!platform_.init(opt_.window, error)) return false;
  if (db_) meta_set(*db_, "kiosk_renderer", platform_.renderer_note());  // waymarkctl doctor shows it
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
  if (staff_ && !child_) {
    staff_typed_ += sanitize_text(in.text, 400, false);
    for (const platform::KeyPress& k : in.keys)
      if (k.key == SDLK_BACKSPACE) staff_backspaces_++;
  } else {
    staff_typed_.clear();
    staff_backspaces_ = 0;
  }
  if (in.any_input && !((child_ || staff_) && idle_.phase(clock_.now_ms()) == IdlePhase::Warning)) idle_.touch(clock_.now_ms());
}

int App::wake_timeout_ms() {
  int t = -1;
  if (child_ || staff_) t = static_cast<int>(std::min<int64_t>(idle_.ms_until_next_change(clock_.now_ms()), 60'000));
  if (ui_ && ui_->animating()) t = 16;
  if (const int r = read_aloud_.wake_ms(); r >= 0) t = t < 0 ? r : std::min(t, r);
  if (child_)
    if (auto f = features_.find(nav_.top()); f != features_.end() && f->second->wake_ms() >= 0)
      t = t < 0 ? f->second->wake_ms() : std::min(t, f->second->wake_ms());
  return t;
}

// ---------------------------------------------------------------- sign-in and sign-out
void App::apply_language(const std::string& lang) { lang_ = (lang == "cy") ? "cy" : "en"; }

void App::sign_in_submit() {
  if (!accounts_) return;
  const int64_t now = clock_.now_s();
  SignInResult r;
  if (signin_.staff) {
    StaffSignIn s = accounts_->sign_in_staff(signin_.number, signin_.pin);
    r = s.result;
    if (r.status == SignInStatus::Ok) {
      staff_ = s.staff;
      Txn txn(*db_);
      audit(*db_, now, "staff:" + staff_->number, "staff-sign-in");
      txn.commit();
      clear_signin(signin_);
      staff_message_.clear();
      idle_.touch(clock_.now_ms());
      nav_.reset("staff");
      return;
    }
  } else {
    ChildSignIn c = accounts_->sign_in_child(signin_.number, signin_.pin);
    r = c.result;
    if (r.status == SignInStatus::Ok) {
      child_ = c.child;
      // switching away from the device's language at sign-in is the child's choice, and is remembered
      if (lang_chosen_at_sign_in_ && lang_ != device_lang_ && lang_ != child_->lang) {
        accounts_->set_child_lang(child_->number, lang_);  // remembered for next time
        child_->lang = lang_;
      }
      apply_language(child_->lang);
      apply_settings(load_child_settings(*db_, child_->number));
      clear_signin(signin_);
      idle_.touch(clock_.now_ms());
      nav_.reset("home");
      return;
    }
  }
  wipe(signin_.pin);
  if (r.status == SignInStatus::Locked) {
    signin_.message = ui_->tf("signin.locked", {{"time", format_time(lang_, local_minutes_of_day(r.locked_until_s))}});
  } else if (r.attempts_left == 1) {
    signin_.message = ui_->t("signin.wrong_last");
  } else {
    signin_.message = ui_->tf("signin.wrong", {{"tries", std::to_string(r.attempts_left)}});
  }
  signin_.message_is_error = true;
}

void App::sign_out(const char* why) {
  if (staff_) {
    for (StaffPart& p : staff_features_) p.f->on_sign_out();
    Txn txn(*db_);
    audit(*db_, clock_.now_s(), "staff:" + staff_->number, "staff-sign-out", why);
    txn.commit();
    wipe(staff_->name);
    wipe(staff_->number);
    staff_.reset();
  }
  if (child_) {
    for (auto& [route, f] : features_) f->on_sign_out();
    wipe_profile(*child_);
    child_.reset();
  }
  clear_signin(signin_);
  signin_.staff = false;
  staff_message_.clear();
  lang_chosen_at_sign_in_ = false;
  apply_language(device_lang_);
  apply_settings(ChildSettings{});  // the next person starts from the device's defaults
  read_aloud_.stop();
  nav_.reset("signin");
  ImGui::ClearActiveID();
  std::fprintf(stderr, "waymark-kiosk: signed out (%s)\n", why);
}

// ---------------------------------------------------------------- settings and read aloud
void App::apply_settings(const ChildSettings& s) {
  settings_ = s;
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
  const int wpm = speech_words_per_minute(settings_.speech_rate);
  if (read_screen) {
    if (read_aloud_.active()) read_aloud_.stop();  // the button says "Stop" while reading
    else read_aloud_.say(ui.read_script_parts(lang_), wpm);  // English words on a Welsh screen: English voice
  } else if (!tapped.empty()) {
    read_aloud_.say(tapped, tapped_lang.empty() ? lang_ : tapped_lang, wpm);
  }
  read_aloud_.pump();
}

// ---------------------------------------------------------------- drawing
void App::draw_screen() {
  using namespace screens;
  Ui& ui = *ui_;
  if (!fatal_.empty()) {
    draw_out_of_order(ui, fatal_);
    return;
  }
  const std::string route = nav_.top();
  if (route == "signin" || route == "staff-signin") {
    signin_.staff = route == "staff-signin";
    switch (draw_sign_in(ui, signin_)) {
      case SignInIntent::Next:
        if (Accounts::valid_number(signin_.number)) {
          signin_.pin_step = true;
          signin_.message.clear();
        }
        break;
      case SignInIntent::Submit: sign_in_submit(); break;
      case SignInIntent::Back:
        if (signin_.pin_step) {
          signin_.pin_step = false;
          wipe(signin_.pin);
          signin_.message.clear();
        } else {
          clear_signin(signin_);
          nav_.reset("signin");
        }
        break;
      case SignInIntent::SwitchLanguage:
        apply_language(lang_ == "en" ? "cy" : "en");
        lang_chosen_at_sign_in_ = true;
        signin_.message.clear();
        break;
      case SignInIntent::StaffSignIn:
        clear_signin(signin_);
        nav_.reset("staff-signin");
        break;
      case SignInIntent::None: break;
    }
    return;
  }
  if (route == "staff" && staff_) {
    StaffMenuVM vm{staff_->name, staff_->can_exit_kiosk(), staff_message_, {}, {}};
    for (const StaffPart& p : staff_features_) vm.parts.push_back(StaffMenuPart{p.route, ui.t(p.title_id), p.icon});
    switch (draw_staff_menu(ui, vm)) {
      case StaffMenuIntent::OpenPart: nav_.push(vm.opened); break;
      case StaffMenuIntent::ExitKiosk:
        if (staff_->can_exit_kiosk()) {
          Txn txn(*db_);
          audit(*db_, clock_.now_s(), "staff:" + staff_->number, "kiosk-exit", "left the kiosk with a staff PIN");
          txn.commit();
          std::fprintf(stderr, "waymark-kiosk: staff %s left the kiosk\n", staff_->number.c_str());
          quit_ = true;
          exit_code_ = 0;
        }
        break;
      case StaffMenuIntent::Back: sign_out("staff finished"); break;
      case StaffMenuIntent::None: break;
    }
    return;
  }
  if (staff_)
    for (StaffPart& p : staff_features_)
      if (route == p.route) {
        StaffContext sc{*db_, clock_, strings_, *staff_, nav_, opt_.data_dir, opt_.curator_key,
                        std::exchange(staff_typed_, std::string()), std::exchange(staff_backspaces_, 0)};
        p.f->draw(ui, sc);
        want_text_input_ = sc.wants_text;
        return;
      }
  if (!child_) {  // nothing below is reachable without a signed-in child
    nav_.reset("signin");
    return;
  }
  if (route == "home") {
    HomeVM vm;
    vm.first_name = child_->first_name;
    if (child_->release_date)
      if (auto rd = parse_date(*child_->release_date)) {
        const int64_t days = days_between(local_date(clock_.now_s()), *rd);
        if (days > 13) vm.release_line = ui.tf("home.release_weeks", {{"weeks", std::to_string((days + 3) / 7)}});
        else if (days > 1) vm.release_line = ui.tf("home.release_days", {{"days", std::to_string(days)}});
        else if (days >= 0) vm.release_line = ui.t("home.release_soon");
      }
    vm.next_meeting_line = home_meeting_line(ui, *db_, clock_, child_->number);
    switch (draw_home(ui, vm)) {
      case HomeIntent::Courses: nav_.push("courses"); break;
      case HomeIntent::MyViews: nav_.push("myviews"); break;
      case HomeIntent::Messages: nav_.push("messages"); break;
      case HomeIntent::Meetings: nav_.push("meetings"); break;
      case HomeIntent::Help: nav_.push("help"); break;
      case HomeIntent::SignOut: sign_out("signed out by the child"); break;
      case HomeIntent::None: break;
    }
    return;
  }
  if (route == "help") {
    HelpVM hvm{lang_, settings_};
    const HelpIntent hi = draw_help(ui, hvm);
    if (hi == HelpIntent::SettingsChanged) {
      try {
        save_child_settings(*db_, child_->number, hvm.settings, clock_.now_s());
      } catch (const std::exception& e) {  // still applied for this visit; said plainly in the log for staff
        std::fprintf(stderr, "waymark-kiosk: could not save settings: %s\n", e.what());
      }
      apply_settings(hvm.settings);
    }
    if (hi == HelpIntent::English || hi == HelpIntent::Welsh) {
      apply_language(hi == HelpIntent::Welsh ? "cy" : "en");
      accounts_->set_child_lang(child_->number, lang_);  // each child's language is remembered
      child_->lang = lang_;
    }
    switch (hi) {
      case HelpIntent::Back: nav_.pop(); break;
      case HelpIntent::English:
      case HelpIntent::Welsh:
      case HelpIntent::SettingsChanged: break;
      case HelpIntent::None: break;
    }
    return;
  }
  if (auto f = features_.find(route); f != features_.end()) {
    KioskContext ctx{*db_, clock_, strings_, opt_.assets_dir, *child_, nav_, sync_.get()};
    f->second->draw(ui, ctx);
    return;
  }
  struct Soon {
    const char* route;
    const char* title;
    ui::Icon icon;
  };
  static const Soon soon[] = {{"courses", "home.courses", ui::Icon::Course},
                              {"myviews", "home.myviews", ui::Icon::MyViews},
                              {"messages", "home.messages", ui::Icon::Messages},
                              {"meetings", "home.meetings", ui::Icon::Meetings}};
  for (const Soon& s : soon)
    if (route == s.route) {
      if (draw_coming_soon(ui, ComingSoonVM{ui.t(s.title), s.icon}) == ComingSoonIntent::Back) nav_.pop();
      return;
    }
  nav_.reset("home");
}

double App::draw_frame(const std::string& capture_png, std::string* error) {
  const double t0 = wall_ms();
  const int64_t now = clock_.now_ms();
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = std::clamp(static_cast<float>(now - last_frame_ms_) / 1000.0f, 0.001f, 0.1f);
  last_frame_ms_ = now;

  // the idle rules run before drawing so a signed-out child is never drawn again
  if ((child_ || staff_) && idle_.phase(now) == IdlePhase::Expired) sign_out("idle");
  std::string font_error;
  if (!rebuild_fonts_if_needed(&font_error)) {
    std::fprintf(stderr, "waymark-kiosk: %s\n", font_error.c_str());
    quit_ = true;
    exit_code_ = 3;
  }
  const std::string route_before = nav_.top();

  ImGui::NewFrame();
  ui_->set_reading(read_aloud_.active());
  ui_->begin_frame(palette_, lang_, io.DeltaTime, static_cast<double>(now - started_ms_) / 1000.0, settings_.calm);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  const ImGuiWindowFlags root = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNav |
                                ImGuiWindowFlags_NoScrollWithMouse |
                                ImGuiWindowFlags_NoBackground;  // the renderer clears to the background colour already
  ImGui::Begin("##root", nullptr, root);
  draw_screen();
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

  if ((child_ || staff_) && idle_.phase(now) == IdlePhase::Warning) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::SetNextWindowFocus();
    ui_->record().cover();
    ui_->begin_overlay();
    ImGui::Begin("##idle", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoNav);
    if (screens::draw_idle_warning(*ui_, idle_.seconds_left(now)) == screens::IdleIntent::Stay) idle_.touch(now);
    ImGui::End();
  }
  ImGui::Render();
  after_frame(route_before);

  if (capture_png.empty() && !opt_.rasterize_every_frame) return wall_ms() - t0;
  backend_->draw(ImGui::GetDrawData(), palette_.bg);
  if (!capture_png.empty()) platform_.save_png(capture_png, error);
  backend_->present();
  return wall_ms() - t0;
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
