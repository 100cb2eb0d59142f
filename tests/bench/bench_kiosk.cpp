// bench_kiosk: how fast and light the kiosk is, headless at 1920x1080, on each renderer (issue 17): the CPU
// renderer and SDL's software renderer, each beside a baseline measured on the same renderer (an empty ImGui
// frame: the cost of drawing nothing). Each column runs in its own process, so memory is its own.
//   bench_kiosk [--frames N] [--idle-seconds S] [--size WxH]
// Prints: start to first frame (ms), peak resident memory (MB), frame time p50/p99 (ms) on sign-in and home as
// the kiosk draws them (the CPU renderer redraws only what changed: nothing, on a still screen) and on home
// under the idle countdown (one number changing), the same
// frames drawn whole (wall and this thread's CPU time), pixels redrawn per frame, the frames without
// rasterizing (the CPU's share on a device whose GPU draws the pixels), and idle CPU (%) over S seconds.
// Not run by ctest.
#include <imgui.h>
#include <signal.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/ops/demo.h"
#include "core/storage/device_store.h"
#include "kiosk/app.h"
#include "kiosk/driver/script.h"
#include "kiosk/features.h"
#include "kiosk/platform/platform.h"
#include "kiosk/platform/render_backend.h"
#include "kiosk/ui/theme.h"

using namespace waymark;
using Steady = std::chrono::steady_clock;

namespace {
double ms_since(Steady::time_point t) { return std::chrono::duration<double, std::milli>(Steady::now() - t).count(); }

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

struct Pct {
  double p50, p99;
};
Pct percentiles(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))]; };
  return {at(0.50), at(0.99)};
}

// A column's figures, printed by a child process as "name value" lines.
using Figures = std::map<std::string, double>;

void put(Figures& f, const std::string& name, Pct p) {
  f[name + " p50"] = p.p50;
  f[name + " p99"] = p.p99;
}

// An empty full-screen ImGui window drawn through the same platform and backend.
Figures measure_baseline(platform::RendererChoice renderer, int w, int h, int frames, int idle_s) {
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
  b["first frame"] = ms_since(t0);
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

void play(kiosk::App& app, const std::string& script) {
  std::istringstream in(script);
  auto ps = kiosk::parse_script(in);
  kiosk::Driver d(ps.lines, "/tmp");
  app.run(&d);
  if (d.exit_code() != 0) {
    std::fprintf(stderr, "bench: the sign-in script failed: %s\n", d.failure().c_str());
    std::exit(1);
  }
}

// This thread's CPU time: a frame's cost on a shared machine, where wall time also counts waiting for a core.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Draws n frames and returns their times; pixels gets the mean redrawn per frame, cpu_ms each frame's CPU time.
std::vector<double> frames_with_pixels(kiosk::App& app, int n, double* pixels, std::vector<double>* cpu_ms = nullptr) {
  std::vector<double> t;
  double sum = 0;
  const platform::CpuRenderer* cpu = app.platform().cpu();
  for (int i = 0; i < n; i++) {
    const double c0 = thread_cpu_ms();
    t.push_back(app.draw_frame());
    if (cpu_ms) cpu_ms->push_back(thread_cpu_ms() - c0);
    sum += cpu ? static_cast<double>(cpu->pixels_redrawn())
               : static_cast<double>(app.platform().width()) * app.platform().height();
  }
  *pixels = sum / n;
  return t;
}

// Sign-in and home as the kiosk draws them, drawn whole, and without rasterizing.
void measure_screen(kiosk::App& app, const char* screen, int frames, Figures& f) {
  double px = 0, whole_px = 0;
  put(f, std::string("frame ") + screen, percentiles(frames_with_pixels(app, frames, &px)));
  f[std::string("pixels ") + screen] = px;
  platform::CpuRenderer* cpu = app.platform().cpu();
  if (cpu) cpu->set_damage_tracking(false);
  std::vector<double> whole_cpu;
  put(f, std::string("whole frame ") + screen, percentiles(frames_with_pixels(app, frames, &whole_px, &whole_cpu)));
  put(f, std::string("whole frame CPU ") + screen, percentiles(whole_cpu));
  if (cpu) cpu->set_damage_tracking(true);
  put(f, std::string("layout only ") + screen, percentiles(layout_times(app, frames)));
}

// Home under the idle countdown ("Still there?"): one number changes each second, the rest stays.
void measure_countdown(kiosk::App& app, const IdlePolicy& idle, int frames, Figures& f) {
  app.clock().advance_ms(idle.timeout_ms - idle.warning_ms + 500);
  app.draw_frame();  // the overlay appears: a whole frame
  const int64_t step = std::max<int64_t>(1, (idle.warning_ms - 2000) / frames);  // never reaches the end
  std::vector<double> t;
  double sum = 0;
  const platform::CpuRenderer* cpu = app.platform().cpu();
  for (int i = 0; i < frames; i++) {
    app.clock().advance_ms(step);
    t.push_back(app.draw_frame());
    sum += cpu ? static_cast<double>(cpu->pixels_redrawn())
               : static_cast<double>(app.platform().width()) * app.platform().height();
  }
  put(f, "frame countdown", percentiles(t));
  f["pixels countdown"] = sum / frames;
  app.clock().advance_ms(idle.warning_ms);
  app.draw_frame();  // the countdown ran out: signed out, back on sign-in
}

Figures measure_kiosk(platform::RendererChoice renderer, int w, int h, int frames, int idle_s) {
  Figures f;
  const std::string dir = std::filesystem::temp_directory_path() / ("waymark-bench-" + std::to_string(getpid()));
  {
    auto r = open_device(dir);
    SystemClock c;
    seed_demo(*r.db, c);
  }
  kiosk::AppOptions opt;
  opt.data_dir = dir;
  opt.window.headless = true;
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
  app.clock().freeze();
  f["first frame"] = app.stats().start_to_first_frame_ms;
  measure_screen(app, "sign-in", frames, f);
  play(app, "type 1001\ntap #signin.next\ntype 1357\ntap #signin.submit\nexpect Hi Alex\n");
  measure_screen(app, "home", frames, f);
  measure_countdown(app, opt.idle, frames, f);
  play(app, "expect Type your number\n");

  // idle on the sign-in screen: the real loop, stopped by SIGTERM after idle_s seconds
  std::thread([idle_s] {
    std::this_thread::sleep_for(std::chrono::seconds(idle_s));
    kill(getpid(), SIGTERM);
  }).detach();
  const double c0 = cpu_seconds();
  const auto t0 = Steady::now();
  app.run(nullptr);
  f["idle CPU"] = 100.0 * (cpu_seconds() - c0) / (ms_since(t0) / 1000.0);
  f["peak memory"] = peak_rss_mb();
  std::filesystem::remove_all(dir);
  return f;
}

// Runs one column in a child process (this program with --column) and reads its figures.
Figures run_column(const char* self, const std::string& column, const std::string& args) {
  Figures f;
  const std::string cmd = std::string(self) + " --column " + column + " " + args;
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
}  // namespace

int main(int argc, char** argv) {
  int frames = 300, idle_s = 10, w = 1920, h = 1080;
  std::string column, args;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--frames") frames = std::atoi(argv[i + 1]);
    else if (a == "--idle-seconds") idle_s = std::atoi(argv[i + 1]);
    else if (a == "--size") std::sscanf(argv[i + 1], "%dx%d", &w, &h);
    else if (a == "--column") column = argv[i + 1];
    if (a != "--column") args += a + " " + argv[i + 1] + " ";
  }
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  if (!column.empty()) {  // a child: one column
    const auto sdl = platform::RendererChoice::SdlSoftware, cpu = platform::RendererChoice::Cpu;
    const Figures f = column == "sdl-baseline" ? measure_baseline(sdl, w, h, frames, idle_s)
                      : column == "cpu-baseline" ? measure_baseline(cpu, w, h, frames, idle_s)
                      : column == "sdl-kiosk"    ? measure_kiosk(sdl, w, h, frames, idle_s)
                                                 : measure_kiosk(cpu, w, h, frames, idle_s);
    for (const auto& [k, v] : f) std::printf("%s\t%.4f\n", k.c_str(), v);
    return 0;
  }
  std::printf("bench_kiosk: headless %dx%d, %d frames per screen, idle over %d s; each column its own process\n", w, h,
              frames, idle_s);
  const char* columns[] = {"sdl-baseline", "sdl-kiosk", "cpu-baseline", "cpu-kiosk"};
  std::vector<Figures> figs;
  for (const char* c : columns) figs.push_back(run_column(argv[0], c, args));
  std::printf("%-30s %14s %14s %14s %14s\n", "", "SDL sw: empty", "SDL sw: kiosk", "CPU: empty", "CPU: kiosk");
  const char* rows[] = {"first frame",           "peak memory",           "idle CPU",
                        "frame sign-in p50",     "frame sign-in p99",     "pixels sign-in",
                        "frame home p50",        "frame home p99",        "pixels home",
                        "frame countdown p50",   "frame countdown p99",   "pixels countdown",
                        "whole frame sign-in p50", "whole frame sign-in p99", "whole frame home p50",
                        "whole frame home p99",  "whole frame CPU sign-in p50", "whole frame CPU sign-in p99",
                        "whole frame CPU home p50", "whole frame CPU home p99", "layout only sign-in p50", "layout only sign-in p99",
                        "layout only home p50",  "layout only home p99"};
  for (const char* r : rows) {
    const std::string name = r;
    const std::string unit = name == "peak memory" ? " (MB)" : name == "idle CPU" ? " (%)" : name.rfind("pixels", 0) == 0 ? "/frame" : " (ms)";
    std::printf("%-30s", (name + unit).c_str());
    for (const Figures& f : figs) {
      const auto it = f.find(name);
      if (it == f.end()) std::printf(" %14s", "-");
      else if (name.rfind("pixels", 0) == 0) std::printf(" %14.0f", it->second);
      else std::printf(" %14.2f", it->second);
    }
    std::printf("\n");
  }
  return 0;
}
