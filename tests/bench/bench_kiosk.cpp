// bench_kiosk: how fast and light the kiosk is, headless at 1920x1080, beside a baseline measured in the
// same run on the same renderer (an empty ImGui frame: the cost of drawing nothing).
//   bench_kiosk [--frames N] [--idle-seconds S] [--size WxH]
// Prints: start to first frame (ms), peak resident memory (MB), frame time p50/p99 (ms) on sign-in and
// home (software-rasterized, as headless runs and CI draw), the same frames without rasterizing (the CPU's
// share on a device whose GPU draws the pixels), and idle CPU (%) over S seconds. Not run by ctest.
#include <imgui.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
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

struct Baseline {
  double first_frame_ms = 0, rss_mb = 0, idle_cpu_pct = 0;
  Pct frame{};
  Pct layout{};  // the same frame without rasterizing (what the CPU does when a GPU draws)
};

// An empty full-screen ImGui window drawn through the same platform and backend.
Baseline measure_baseline(int w, int h, int frames, int idle_s) {
  Baseline b;
  const auto t0 = Steady::now();
  platform::Platform p;
  std::string err;
  platform::PlatformOptions po;
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
  b.first_frame_ms = ms_since(t0);
  std::vector<double> times;
  for (int i = 0; i < frames; i++) {
    const auto t = Steady::now();
    frame();
    times.push_back(ms_since(t));
  }
  b.frame = percentiles(times);
  raster = false;
  times.clear();
  for (int i = 0; i < frames; i++) {
    const auto t = Steady::now();
    frame();
    times.push_back(ms_since(t));
  }
  b.layout = percentiles(times);
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
  b.idle_cpu_pct = 100.0 * (cpu_seconds() - c0) / idle_s;
  b.rss_mb = peak_rss_mb();
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
}  // namespace

int main(int argc, char** argv) {
  int frames = 300, idle_s = 10, w = 1920, h = 1080;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--frames") frames = std::atoi(argv[i + 1]);
    else if (a == "--idle-seconds") idle_s = std::atoi(argv[i + 1]);
    else if (a == "--size") std::sscanf(argv[i + 1], "%dx%d", &w, &h);
  }
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  std::printf("bench_kiosk: headless %dx%d, software renderer, %d frames per screen, idle over %d s\n", w, h, frames, idle_s);

  const Baseline base = measure_baseline(w, h, frames, idle_s);

  const std::string dir = std::filesystem::temp_directory_path() / ("waymark-bench-" + std::to_string(getpid()));
  {
    auto r = open_device(dir);
    SystemClock c;
    seed_demo(*r.db, c);
  }
  kiosk::AppOptions opt;
  opt.data_dir = dir;
  opt.window.headless = true;
  opt.window.width = w;
  opt.window.height = h;
  kiosk::App app(opt);
  kiosk::register_features(app);
  std::string err;
  if (!app.start(&err)) {
    std::fprintf(stderr, "bench: %s\n", err.c_str());
    return 1;
  }
  app.clock().freeze();
  const double first = app.stats().start_to_first_frame_ms;
  const Pct signin = percentiles(frame_times(app, frames));
  const Pct signin_cpu = percentiles(layout_times(app, frames));
  play(app, "type 1001\ntap #signin.next\ntype 1357\ntap #signin.submit\nexpect Hi Alex\n");
  const Pct home = percentiles(frame_times(app, frames));
  const Pct home_cpu = percentiles(layout_times(app, frames));
  play(app, "tap #nav.signout\nexpect Type your number\n");

  // idle on the sign-in screen: the real loop, stopped by SIGTERM after idle_s seconds
  std::thread([idle_s] {
    std::this_thread::sleep_for(std::chrono::seconds(idle_s));
    kill(getpid(), SIGTERM);
  }).detach();
  const double c0 = cpu_seconds();
  const auto t0 = Steady::now();
  app.run(nullptr);
  const double idle_pct = 100.0 * (cpu_seconds() - c0) / (ms_since(t0) / 1000.0);

  std::printf("%-34s %12s %12s\n", "", "baseline", "waymark");
  std::printf("%-34s %12.1f %12.1f\n", "start to first frame (ms)", base.first_frame_ms, first);
  std::printf("%-34s %12.2f %12.2f\n", "frame p50 sign-in (ms)", base.frame.p50, signin.p50);
  std::printf("%-34s %12.2f %12.2f\n", "frame p99 sign-in (ms)", base.frame.p99, signin.p99);
  std::printf("%-34s %12.2f %12.2f\n", "frame p50 home (ms)", base.frame.p50, home.p50);
  std::printf("%-34s %12.2f %12.2f\n", "frame p99 home (ms)", base.frame.p99, home.p99);
  std::printf("%-34s %12.2f %12.2f\n", "layout only p50 sign-in (ms)", base.layout.p50, signin_cpu.p50);
  std::printf("%-34s %12.2f %12.2f\n", "layout only p99 sign-in (ms)", base.layout.p99, signin_cpu.p99);
  std::printf("%-34s %12.2f %12.2f\n", "layout only p50 home (ms)", base.layout.p50, home_cpu.p50);
  std::printf("%-34s %12.2f %12.2f\n", "layout only p99 home (ms)", base.layout.p99, home_cpu.p99);
  std::printf("%-34s %12.2f %12.2f\n", "idle CPU (%)", base.idle_cpu_pct, idle_pct);
  std::printf("%-34s %12.1f %12.1f\n", "peak resident memory (MB)", base.rss_mb, peak_rss_mb());
  std::filesystem::remove_all(dir);
  return 0;
}
