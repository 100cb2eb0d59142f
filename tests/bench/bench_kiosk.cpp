// bench_kiosk: how fast and light the kiosk is at 1920x1080, on each renderer, against a browser kiosk (issue 17).
// Columns, each in its own process so memory is its own: an empty ImGui frame (the cost of drawing nothing) and
// the kiosk on SDL's software renderer, the same two on the CPU renderer (headless), the kiosk on the CPU
// renderer windowed under Xvfb (window surface + SDL_UpdateWindowSurfaceRects), and Debian's chromium headless
// showing the demo catalogue as a 300-listing web page (generated at run time, bench_browser.cpp).
//   bench_kiosk [--frames N] [--idle-seconds S] [--size WxH] [--chromium-runs N] [--columns a,b,...]
// Per screen (sign-in, home, Courses while it scrolls with inertia, a listing, My Views with the keyboard up,
// Messages, My meetings; the same at the biggest text size, "+"), driven by the UI script runner: frame p50/p99
// as the kiosk draws them (the CPU renderer redraws only what changed) and drawn whole (wall time, and this
// thread's CPU time for still screens), pixels redrawn per frame.
// Per column: start to first frame (spawn of the process to the first frame presented), resident memory at the
// first frame and its peak over the run (the kiosk: VmHWM; chromium: Pss summed over its processes), CPU time,
// and idle CPU (%) over S seconds on home with the idle countdown on screen. Then the ratios against chromium.
// Not run by ctest.
#include <imgui.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/catalogue/catalogue.h"
#include "core/ops/demo.h"
#include "core/storage/device_store.h"
#include "kiosk/app.h"
#include "kiosk/driver/script.h"
#include "kiosk/features.h"
#include "kiosk/platform/platform.h"
#include "kiosk/platform/render_backend.h"
#include "kiosk/ui/theme.h"
#include "tests/bench/bench_browser.h"
#include "tests/bench/bench_util.h"

using namespace waymark;
using Steady = std::chrono::steady_clock;
using bench::Pct;
using bench::percentiles;
using bench::play;

namespace {
double ms_since(Steady::time_point t) { return std::chrono::duration<double, std::milli>(Steady::now() - t).count(); }

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// /proc/self/status in kB (VmRSS, VmHWM). Not getrusage's ru_maxrss: it keeps the peak of the image before exec,
// here the parent bench that popen forked.
long status_kb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string k;
  long kb = 0;
  while (in >> k) {
    if (k == key) {
      in >> kb;
      return kb;
    }
    in.ignore(1 << 12, '\n');
  }
  return 0;
}

double peak_rss_mb() { return static_cast<double>(status_kb("VmHWM:")) / 1024.0; }

// A column's figures, printed by a child process as "name value" lines.
using Figures = std::map<std::string, double>;

void put(Figures& f, const std::string& name, Pct p) {
  f[name + " p50"] = p.p50;
  f[name + " p99"] = p.p99;
}

// An empty full-screen ImGui window drawn through the same platform and backend.
Figures measure_baseline(platform::RendererChoice renderer, int w, int h, int frames, int idle_s, double spawned_ns) {
  Figures b;
  const auto t0 = Steady::now();
  platform::Platform p;
  std::string err;
  platform::PlatformOptions po;
  po.renderer = renderer;
  po.headless = true;
  po.width = w;
  po.height = h;
  if (!p.init(po, &err)) {
    std::fprintf(stderr, "baseline: %s\n", err.c_str());
    std::exit(1);
  }
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui::GetIO().DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
  ui::Fonts fonts;
  fonts.build(assets_dir(), static_cast<float>(h), ui::FontChoice{}, &err);
  auto backend = std::make_unique<platform::RenderBackend>(p);
  backend->upload_fonts();
  bool raster = true;
  auto frame = [&] {
    ImGui::GetIO().DeltaTime = 1.0f / 60;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("##root", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::End();
    ImGui::Render();
    if (!raster) return;
    backend->draw(ImGui::GetDrawData(), IM_COL32(240, 240, 240, 255));
    backend->present();
  };
  frame();
  b["first frame"] = static_cast<double>(Steady::now().time_since_epoch().count()) / 1e6 - spawned_ns / 1e6;
  b["first frame in App::start"] = ms_since(t0);
  std::vector<double> times;
  for (int i = 0; i < frames; i++) {
    const auto t = Steady::now();
    frame();
    times.push_back(ms_since(t));
  }
  for (const char* screen : {"sign-in", "home"}) put(b, std::string("frame ") + screen, percentiles(times));
  if (p.cpu()) {
    p.cpu()->set_damage_tracking(false);
    times.clear();
    for (int i = 0; i < frames; i++) {
      const auto t = Steady::now();
      frame();
      times.push_back(ms_since(t));
    }
  }
  for (const char* screen : {"sign-in", "home"}) {
    put(b, std::string("whole frame ") + screen, percentiles(times));
    b[std::string("pixels ") + screen] = p.cpu() ? 0 : static_cast<double>(w) * h;
  }
  raster = false;
  times.clear();
  for (int i = 0; i < frames; i++) {
    const auto t = Steady::now();
    frame();
    times.push_back(ms_since(t));
  }
  for (const char* screen : {"sign-in", "home"}) put(b, std::string("layout only ") + screen, percentiles(times));
  raster = true;
  // idle: the same wait the kiosk uses, with nothing happening
  const double c0 = cpu_seconds();
  const auto until = Steady::now() + std::chrono::seconds(idle_s);
  std::deque<SDL_Event> q;
  while (Steady::now() < until) {
    const int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(until - Steady::now()).count());
    p.wait_events(std::max(1, left), q);
    q.clear();
  }
  b["idle CPU"] = 100.0 * (cpu_seconds() - c0) / idle_s;
  b["peak memory"] = peak_rss_mb();
  b["CPU time"] = cpu_seconds();
  backend.reset();
  ImGui::DestroyContext();
  return b;
}

std::vector<double> frame_times(kiosk::App& app, int n) {
  std::vector<double> t;
  for (int i = 0; i < n; i++) t.push_back(app.draw_frame());
  return t;
}

// The CPU's part of a frame when a GPU draws the pixels: input, layout and draw lists, no rasterizing.
std::vector<double> layout_times(kiosk::App& app, int n) {
  app.set_rasterize_every_frame(false);
  std::vector<double> t = frame_times(app, n);
  app.set_rasterize_every_frame(true);
  return t;
}

bool shown(kiosk::App& app, const std::string& id) {
  for (const ui::UiItem& it : app.last_frame().items)
    if (it.id == id) return true;
  return false;
}

// Home through the top bar: its Home button where it shows one, else Back.
void go_home(kiosk::App& app) {
  for (int i = 0; i < 6 && app.route() != "home"; i++) {
    play(app, shown(app, "nav.home") ? "tap #nav.home\n" : "tap #nav.back\n");
  }
  play(app, "expect-route home\n");
}

double pixels_of(kiosk::App& app) {
  const platform::CpuRenderer* cpu = app.platform().cpu();
  return cpu ? static_cast<double>(cpu->pixels_redrawn())
             : static_cast<double>(app.platform().width()) * app.platform().height();
}

// Draws n frames and returns their times; pixels gets the mean redrawn per frame, cpu_ms each frame's CPU time.
std::vector<double> frames_with_pixels(kiosk::App& app, int n, double* pixels, std::vector<double>* cpu_ms = nullptr) {
  std::vector<double> t;
  double sum = 0;
  for (int i = 0; i < n; i++) {
    const double c0 = bench::thread_cpu_ms();
    t.push_back(app.draw_frame());
    if (cpu_ms) cpu_ms->push_back(bench::thread_cpu_ms() - c0);
    sum += pixels_of(app);
  }
  *pixels = sum / n;
  return t;
}

// A still screen as the kiosk draws it, drawn whole, and (with layout) without rasterizing.
void measure_screen(kiosk::App& app, const std::string& screen, int frames, bool layout, Figures& f) {
  double px = 0, whole_px = 0;
  put(f, "frame " + screen, percentiles(frames_with_pixels(app, frames, &px)));
  f["pixels " + screen] = px;
  platform::CpuRenderer* cpu = app.platform().cpu();
  if (cpu) cpu->set_damage_tracking(false);
  std::vector<double> whole_cpu;
  put(f, "whole frame " + screen, percentiles(frames_with_pixels(app, frames, &whole_px, &whole_cpu)));
  put(f, "whole frame CPU " + screen, percentiles(whole_cpu));
  if (cpu) cpu->set_damage_tracking(true);
  if (layout) put(f, "layout only " + screen, percentiles(layout_times(app, frames)));
  f["peak memory after " + screen] = peak_rss_mb();
}

// Courses while it scrolls: a fast swipe down and one back up, every frame of the drag and of the inertia after it
// (the script runner draws frames until the fling settles), timed through the frame observer.
void measure_scroll(kiosk::App& app, const std::string& screen, Figures& f) {
  const int w = app.platform().width(), h = app.platform().height();
  const std::string x = std::to_string(w / 2), lo = std::to_string(h * 8 / 10), hi = std::to_string(h * 3 / 10);
  const std::string down = "swipe " + x + " " + lo + " " + x + " " + hi + " 120\n";
  const std::string up = "swipe " + x + " " + hi + " " + x + " " + lo + " 120\n";
  platform::CpuRenderer* cpu = app.platform().cpu();
  for (const bool whole : {false, true}) {
    std::vector<double> t;
    double px = 0;
    if (cpu) cpu->set_damage_tracking(!whole);
    app.set_frame_observer([&](double ms) {
      t.push_back(ms);
      px += pixels_of(app);
    });
    play(app, down + up);
    app.set_frame_observer(nullptr);
    put(f, (whole ? "whole frame " : "frame ") + screen, percentiles(t));
    if (!whole) f["pixels " + screen] = px / static_cast<double>(t.size());
  }
  if (cpu) cpu->set_damage_tracking(true);
  f["peak memory after " + screen] = peak_rss_mb();
}

// Home under the idle countdown ("Still there?"): one number changes each second, the rest stays.
void measure_countdown(kiosk::App& app, const IdlePolicy& idle, int frames, Figures& f) {
  app.clock().advance_ms(idle.timeout_ms - idle.warning_ms + 500);
  app.draw_frame();  // the overlay appears: a whole frame
  const int64_t step = std::max<int64_t>(1, (idle.warning_ms - 2000) / frames);  // never reaches the end
  std::vector<double> t;
  double sum = 0;
  for (int i = 0; i < frames; i++) {
    app.clock().advance_ms(step);
    t.push_back(app.draw_frame());
    sum += pixels_of(app);
  }
  put(f, "frame countdown", percentiles(t));
  f["pixels countdown"] = sum / frames;
  app.clock().advance_ms(idle.warning_ms);
  app.draw_frame();  // the countdown ran out: signed out, back on sign-in
}

// Idle on home with the countdown on screen, in the kiosk's real loop (the script runner's idle-real). The
// scripted clock is frozen, so a thread moves it on with the wall clock: the countdown ticks as on a device.
double measure_idle_countdown(kiosk::App& app, const IdlePolicy& idle, int idle_s) {
  app.clock().advance_ms(idle.timeout_ms - idle.warning_ms + 500);
  app.draw_frame();
  std::atomic<bool> stop{false};
  std::thread ticker([&] {
    auto last = Steady::now();
    while (!stop) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      const auto now = Steady::now();
      app.clock().advance_ms(std::chrono::duration_cast<std::chrono::milliseconds>(now - last).count());
      last = now;
    }
  });
  const double c0 = cpu_seconds();
  const auto t0 = Steady::now();
  play(app, "idle-real " + std::to_string(idle_s * 1000) + "\nexpect-route home\n");
  const double pct = 100.0 * (cpu_seconds() - c0) / (ms_since(t0) / 1000.0);
  stop = true;
  ticker.join();
  return pct;
}

const char* kSignIn = "type 1001\ntap #signin.next\ntype 1357\ntap #signin.submit\nexpect Hi Alex\n";

// Every screen of the brief, at the text size in use; suffix names the size ("" or " +").
void measure_screens(kiosk::App& app, const std::string& suffix, int frames, Figures& f) {
  measure_screen(app, "home" + suffix, frames, suffix.empty(), f);
  play(app, "tap #home.courses\nexpect-route courses\n");
  std::string card;  // the first listing card on screen (cards are numbered down the list, wherever it stands)
  for (const ui::UiItem& it : app.last_frame().items)
    if (card.empty() && it.id.rfind("listing.open", 0) == 0) card = it.id;
  play(app, "tap #" + (card.empty() ? std::string("listing.open") : card) + "\nexpect-route courses\n");
  measure_screen(app, "listing" + suffix, frames, false, f);
  play(app, "tap #nav.back\nexpect-route courses\n");
  measure_scroll(app, "courses scroll" + suffix, f);
  go_home(app);
  play(app, "tap #home.meetings\nexpect-route meetings\n");
  measure_screen(app, "meetings" + suffix, frames, false, f);
  go_home(app);
  // My Views resumes at the question it stood at: the first time, answer the first (faces) to reach the second
  // (words, with the on-screen keyboard up)
  play(app, "tap #home.myviews\ntap #myviews.start\n");
  if (shown(app, "myviews.face.4")) play(app, "tap #myviews.face.4\ntap #myviews.next\n");
  play(app, "expect What is going well for you?\n");
  measure_screen(app, "my views keyboard" + suffix, frames, false, f);
  go_home(app);
  play(app, "tap #home.messages\nexpect Who do you want to talk to?\n");
  measure_screen(app, "messages" + suffix, frames, false, f);
  go_home(app);
}


Figures measure_kiosk(platform::RendererChoice renderer, bool windowed, const std::string& dir, int w, int h,
                      int frames, int idle_s, double spawned_ns) {
  Figures f;
  kiosk::AppOptions opt;
  opt.data_dir = dir;
  opt.window.headless = !windowed;
  opt.window.windowed = windowed;
  opt.window.renderer = renderer;
  opt.window.width = w;
  opt.window.height = h;
  kiosk::App app(opt);
  kiosk::register_features(app);
  std::string err;
  if (!app.start(&err)) {
    std::fprintf(stderr, "bench: %s\n", err.c_str());
    std::exit(1);
  }
  f["first frame"] = static_cast<double>(Steady::now().time_since_epoch().count()) / 1e6 - spawned_ns / 1e6;
  f["first frame in App::start"] = app.stats().start_to_first_frame_ms;
  f["memory at first frame"] = static_cast<double>(status_kb("VmRSS:")) / 1024.0;
  f["CPU time to first frame"] = cpu_seconds() * 1000.0;
  app.clock().freeze();
  measure_screen(app, "sign-in", frames, true, f);
  play(app, kSignIn);
  measure_screens(app, "", frames, f);
  play(app, "tap #home.help\ntap #settings.size.2\ntap #nav.back\nexpect-route home\n");
  measure_screens(app, " +", frames, f);
  measure_countdown(app, opt.idle, frames, f);
  play(app, kSignIn);
  f["idle CPU"] = measure_idle_countdown(app, opt.idle, idle_s);
  f["peak memory"] = peak_rss_mb();
  f["CPU time"] = cpu_seconds();
  return f;
}

// Runs one column in a child process (this program with --column) and reads its figures.
Figures run_column(const char* self, const std::string& column, const std::string& args, const std::string& env) {
  Figures f;
  const std::string spawned = std::to_string(Steady::now().time_since_epoch().count());
  const std::string cmd = env + " exec " + std::string(self) + " --column " + column + " --spawned " + spawned + " " + args;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return f;
  char line[512];
  while (std::fgets(line, sizeof line, p)) {
    std::string l(line);
    const size_t tab = l.find('\t');
    if (tab != std::string::npos) f[l.substr(0, tab)] = std::atof(l.c_str() + tab + 1);
  }
  if (pclose(p) != 0) std::fprintf(stderr, "bench: the %s column failed\n", column.c_str());
  return f;
}

// Chromium headless on the demo catalogue's first 300 approved listings, runs times: the median start and peak.
Figures measure_chromium(const std::string& template_dir, const std::string& work, int w, int h, int runs) {
  Figures f;
  std::vector<Listing> listings;
  {
    auto r = open_device(template_dir);
    for (Listing& l : listings_all(*r.db, "approved"))
      if (listings.size() < 300) listings.push_back(std::move(l));
  }
  const std::string page = work + "/catalogue.html";
  std::ofstream(page) << bench::catalogue_page(listings);
  std::vector<double> start, peak, cpu;
  for (int i = 0; i < runs; i++) {
    const bench::BrowserRun r = bench::run_chromium(page, work, w, h);
    if (!r.ok) {
      std::fprintf(stderr, "bench: chromium: %s\n", r.error.c_str());
      continue;
    }
    start.push_back(r.start_to_shot_ms);
    peak.push_back(r.peak_pss_mb);
    cpu.push_back(r.cpu_s);
  }
  if (start.empty()) return f;
  f["start to screenshot"] = percentiles(start).p50;
  f["peak Pss to screenshot"] = percentiles(peak).p50;
  f["CPU time to screenshot"] = percentiles(cpu).p50;
  f["listings on the page"] = static_cast<double>(listings.size());
  return f;
}

// The waymark-kiosk program measured as chromium is: spawned, until it exits with its first screenshot written
// (the script runner's `shot`, kiosk/platform/png_writer.h), and until it tells systemd READY=1, which it
// does once its first frame is drawn. A device's first start bakes its font atlas; the figures are the median
// of the runs after one such start (a device starts many times and bakes once). Pss is summed over processes.
void measure_kiosk_process(const std::string& dir, bool windowed, int display, int w, int h, int runs, Figures& f) {
  const std::string script = dir + "/first-shot.wms", shots = dir + "/shots", idle = dir + "/idle.wms";
  std::ofstream(script) << "shot first\n";
  std::ofstream(idle) << "idle-real 60000\n";
  auto args = [&](const std::string& s) {
    std::vector<std::string> a = {WAYMARK_KIOSK_BIN, "--data", dir, "--renderer", "cpu", "--script", s, "--shots",
                                  shots, "--size", std::to_string(w) + "x" + std::to_string(h)};
    a.push_back(windowed ? "--windowed" : "--headless");
    if (!windowed) a.push_back("--render-all-frames");  // the first frame rasterized, as on a screen
    return a;
  };
  std::vector<std::string> env = {"SDL_AUDIODRIVER=dummy"};
  if (windowed) env.push_back("DISPLAY=:" + std::to_string(display));
  std::vector<double> start, peak, cpu, ready, ready_peak;
  for (int i = 0; i <= runs; i++) {
    const bench::BrowserRun r = bench::run_to_screenshot(args(script), shots + "/first.png", env);
    const bench::BrowserRun q = bench::run_to_ready(args(idle), dir, env);
    if (!r.ok || !q.ok) {
      std::fprintf(stderr, "bench: waymark-kiosk%s: %s\n", windowed ? " (Xvfb)" : "", (r.ok ? q : r).error.c_str());
      return;
    }
    if (i == 0) continue;  // the first start on this device: the font atlas is baked and kept
    start.push_back(r.start_to_shot_ms);
    peak.push_back(r.peak_pss_mb);
    cpu.push_back(r.cpu_s);
    ready.push_back(q.start_to_shot_ms);
    ready_peak.push_back(q.peak_pss_mb);
  }
  f["start to screenshot"] = percentiles(start).p50;
  f["peak Pss to screenshot"] = percentiles(peak).p50;
  f["CPU time to screenshot"] = percentiles(cpu).p50;
  f["start to first frame (READY=1)"] = percentiles(ready).p50;
  f["peak Pss to first frame"] = percentiles(ready_peak).p50;
}

void print_table(const std::vector<std::pair<std::string, Figures>>& cols, int frames) {
  std::set<std::string> names;
  for (const auto& [c, f] : cols)
    for (const auto& [k, v] : f) names.insert(k);
  std::printf("%-34s", "");
  for (const auto& [c, f] : cols) std::printf(" %14s", c.c_str());
  std::printf("\n");
  auto row = [&](const std::string& name) {
    const bool px = name.rfind("pixels", 0) == 0;
    const std::string unit = name.find("memory") != std::string::npos || name.find("Pss") != std::string::npos ? " (MB)"
                             : name == "idle CPU"                     ? " (%)"
                             : name.rfind("CPU time", 0) == 0 && name != "CPU time to first frame" ? " (s)"
                             : px || name == "listings on the page"   ? ""
                                                                      : " (ms)";
    std::printf("%-34s", (name + unit).c_str());
    for (const auto& [c, f] : cols) {
      const auto it = f.find(name);
      if (it == f.end()) std::printf(" %14s", "-");
      else if (px) std::printf(" %14.0f", it->second);
      else std::printf(" %14.2f", it->second);
    }
    std::printf("\n");
  };
  const char* first[] = {"start to screenshot", "peak Pss to screenshot", "CPU time to screenshot",
                         "start to first frame (READY=1)", "peak Pss to first frame", "first frame",
                         "first frame in App::start", "CPU time to first frame", "memory at first frame",
                         "peak memory", "idle CPU", "CPU time", "frame countdown p50", "frame countdown p99",
                         "pixels countdown", "listings on the page"};
  for (const char* n : first) {
    row(n);
    names.erase(n);
  }
  for (const std::string& prefix : {"frame ", "pixels ", "whole frame ", "layout only ", "peak memory after "})
    for (const std::string& n : names)
      if (n.rfind(prefix, 0) == 0) row(n);
  std::printf("(%d frames per still screen; \"+\" is the biggest text size. \"to screenshot\" rows: the program spawned\n"
              " until it exits with its first screenshot written, Pss summed over its processes polled every 10 ms, the\n"
              " median of the runs; the other rows are from the column's own process: resident memory (VmRSS, VmHWM), and\n"
              " its peak over the whole tour includes a PIN check's 64 MB Argon2id work area, freed when it ends)\n", frames);
}

void print_ratios(const Figures& chromium, const std::vector<std::pair<std::string, Figures>>& cols) {
  if (chromium.empty()) return;
  for (const auto& [c, f] : cols) {
    if (c.find("kiosk") == std::string::npos || !f.count("start to screenshot")) continue;
    for (const bool shot : {false, true}) {
      const char* when = shot ? "start to screenshot" : "start to first frame (READY=1)";
      const char* mem = shot ? "peak Pss to screenshot" : "peak Pss to first frame";
      if (!f.count(when)) continue;
      const double t = chromium.at("start to screenshot") / f.at(when);
      const double m = chromium.at("peak Pss to screenshot") / f.at(mem);
      std::printf("%-11s %-30s %5.1f times quicker than chromium's screenshot, peak Pss %5.1f times lighter "
                  "(target 10 each): %s\n", c.c_str(), when, t, m, t >= 10 && m >= 10 ? "met" : "NOT met");
    }
  }
}
}  // namespace

int main(int argc, char** argv) {
  int frames = 100, idle_s = 10, w = 1920, h = 1080, chromium_runs = 3;
  double spawned_ns = 0;
  std::string column, args, data, only;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--frames") frames = std::atoi(argv[i + 1]);
    else if (a == "--idle-seconds") idle_s = std::atoi(argv[i + 1]);
    else if (a == "--size") std::sscanf(argv[i + 1], "%dx%d", &w, &h);
    else if (a == "--chromium-runs") chromium_runs = std::atoi(argv[i + 1]);
    else if (a == "--column") column = argv[i + 1];
    else if (a == "--data") data = argv[i + 1];
    else if (a == "--spawned") spawned_ns = std::atof(argv[i + 1]);
    else if (a == "--columns") only = "," + std::string(argv[i + 1]) + ",";
    if (a == "--frames" || a == "--idle-seconds" || a == "--size") args += a + " " + argv[i + 1] + " ";
  }
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  if (!column.empty()) {  // a child: one column
    const auto sdl = platform::RendererChoice::SdlSoftware, cpu = platform::RendererChoice::Cpu;
    const Figures f = column == "sdl-baseline" ? measure_baseline(sdl, w, h, frames, idle_s, spawned_ns)
                      : column == "cpu-baseline" ? measure_baseline(cpu, w, h, frames, idle_s, spawned_ns)
                      : column == "sdl-kiosk"    ? measure_kiosk(sdl, false, data, w, h, frames, idle_s, spawned_ns)
                      : column == "xvfb-kiosk"   ? measure_kiosk(cpu, true, data, w, h, frames, idle_s, spawned_ns)
                                                 : measure_kiosk(cpu, false, data, w, h, frames, idle_s, spawned_ns);
    for (const auto& [k, v] : f) std::printf("%s\t%.4f\n", k.c_str(), v);
    return 0;
  }
  const std::string work = std::filesystem::temp_directory_path() / ("waymark-bench-" + std::to_string(getpid()));
  const std::string template_dir = work + "/demo";
  std::filesystem::create_directories(template_dir);
  {
    auto r = open_device(template_dir);
    SystemClock c;
    seed_demo(*r.db, c);
    r.db->close();
    mark_clean_shutdown(template_dir);
  }
  const std::string load_before = bench::load_average();
  std::printf("bench_kiosk: %dx%d, %d frames per still screen, idle over %d s; each column its own process; "
              "load average %s\n", w, h, frames, idle_s, load_before.c_str());
  std::fflush(stdout);
  pid_t xvfb = 0;
  const int display = bench::start_xvfb(w, h, &xvfb);
  if (display < 0) std::fprintf(stderr, "bench: no Xvfb: the windowed column is left out\n");
  std::vector<std::pair<std::string, Figures>> cols;
  Figures chromium;
  for (const std::string c : {"sdl-baseline", "sdl-kiosk", "cpu-baseline", "cpu-kiosk", "xvfb-kiosk", "chromium"}) {
    if (!only.empty() && only.find("," + c + ",") == std::string::npos) continue;
    if (c == "chromium") {
      chromium = measure_chromium(template_dir, work, w, h, chromium_runs);
      cols.emplace_back(c, chromium);
      continue;
    }
    if (c == "xvfb-kiosk" && display < 0) continue;
    std::string a = args;
    if (c.find("kiosk") != std::string::npos) {  // its own copy of the demo device, made before its clock starts
      const std::string dir = work + "/" + c;
      std::filesystem::copy(template_dir, dir, std::filesystem::copy_options::recursive);
      a += "--data " + dir;
    }
    const std::string env = c == "xvfb-kiosk" ? "DISPLAY=:" + std::to_string(display) : "";
    const auto started = Steady::now();
    cols.emplace_back(c, run_column(argv[0], c, a, env));
    if (c == "cpu-kiosk" || c == "xvfb-kiosk") {
      const std::string dir = work + "/" + c + "-process";
      std::filesystem::copy(template_dir, dir, std::filesystem::copy_options::recursive);
      measure_kiosk_process(dir, c == "xvfb-kiosk", display, w, h, chromium_runs, cols.back().second);
    }
    std::fprintf(stderr, "bench: %s column took %.1f s\n", c.c_str(), ms_since(started) / 1000.0);
  }
  bench::stop_xvfb(xvfb);
  std::printf("load average after: %s\n", bench::load_average().c_str());
  print_table(cols, frames);
  print_ratios(chromium, cols);
  std::filesystem::remove_all(work);
  return 0;
}
