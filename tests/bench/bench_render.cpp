// bench_render: the CPU renderer's frame time on every screen the demo tour shows, at 1080p, one core
// (issue 17: frame p99 at most 8 ms on every screen, including scrolling). bench_kiosk measures start-up,
// memory and idle CPU on a few screens; this one walks the kiosk through each screen (as the demo tour does,
// then again at the biggest text size) and scrolls the Courses list with inertia, drawing every frame whole.
//   bench_render [--frames N] [--size WxH] [--screen NAME] [--raster-loop N]
// Per screen: the whole frame (layout + rasterizing every pixel) and the renderer alone (the same draw data
// rasterized again), each as wall time p50/p99 and this thread's CPU time p50/p99 (the fairer figure on a
// shared machine), and the machine's load average. --raster-loop rasterizes each screen's last frame N
// times more and prints the mean CPU time (steadier than percentiles on a loaded machine; for perf record and
// callgrind too). Not run by ctest.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

#include "core/ops/demo.h"
#include "core/storage/device_store.h"
#include "kiosk/app.h"
#include "kiosk/driver/script.h"
#include "kiosk/features.h"
#include "kiosk/platform/platform.h"
#include "tests/bench/bench_util.h"

using namespace waymark;

namespace {
double wall_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Series {
  std::vector<double> wall, cpu;
};

// The renderer alone: the frame's draw data (still ImGui's until the next NewFrame) rasterized again, whole.
void raster_again(kiosk::App& app, Series& s) {
  platform::CpuRenderer* cpu = app.platform().cpu();
  const uint32_t px = cpu->framebuffer().px[0];  // the background, in ARGB: back to ImGui's packing
  const uint32_t bg = 0xFF000000u | ((px >> 16) & 0xFFu) | (px & 0xFF00u) | ((px & 0xFFu) << 16);
  const double w0 = wall_ms(), c0 = bench::thread_cpu_ms();
  cpu->render(ImGui::GetDrawData(), bg);
  s.cpu.push_back(bench::thread_cpu_ms() - c0);
  s.wall.push_back(wall_ms() - w0);
}

// How many measured frames differed from the one before (a scroll that moves nothing measures nothing).
int g_changed = 0;
uint64_t g_last_hash = 0;
uint64_t frame_hash(const platform::Framebuffer& fb) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < fb.px.size(); i += 7) h = (h ^ fb.px[i]) * 1099511628211ull;
  return h;
}

void frame(kiosk::App& app, Series& whole, Series& raster) {
  app.clock().advance_ms(16);
  const double c0 = bench::thread_cpu_ms();
  whole.wall.push_back(app.draw_frame());
  whole.cpu.push_back(bench::thread_cpu_ms() - c0);
  raster_again(app, raster);
  const uint64_t hash = frame_hash(app.platform().cpu()->framebuffer());
  g_changed += hash != g_last_hash ? 1 : 0;
  g_last_hash = hash;
}

// Flicks the list up (or down) and lets it coast: every frame of the drag and of the inertia is measured.
void scroll(kiosk::App& app, int frames, Series& whole, Series& raster) {
  const int x = app.platform().width() / 2, h = app.platform().height();
  const Uint32 win = SDL_GetWindowID(app.platform().window());
  bool up = true;
  int drawn = 0;
  while (drawn < frames) {
    const int y0 = up ? h * 2 / 3 : h / 2, y1 = up ? h / 2 : h * 2 / 3;
    std::deque<SDL_Event> q{kiosk::touch_mouse(win, SDL_MOUSEMOTION, x, y0), kiosk::touch_mouse(win, SDL_MOUSEBUTTONDOWN, x, y0)};
    app.process_events(q);
    for (int i = 1; i <= 8 && drawn < frames; i++, drawn++) {
      std::deque<SDL_Event> m{kiosk::touch_mouse(win, SDL_MOUSEMOTION, x, y0 + (y1 - y0) * i / 8, true)};
      app.process_events(m);
      frame(app, whole, raster);
    }
    std::deque<SDL_Event> r{kiosk::touch_mouse(win, SDL_MOUSEBUTTONUP, x, y1)};
    app.process_events(r);
    for (int i = 0; i < 40 && drawn < frames; i++, drawn++) frame(app, whole, raster);
    up = !up;
  }
}

struct Screen {
  const char* name;
  const char* script;  // from the previous screen to this one
  bool scrolls;
};

// Walks the demo tour's screens (assets/tour/demo-tour.wms), then Home and Courses at the biggest text size.
const Screen kScreens[] = {
    {"sign-in", "expect Type your number\n", false},
    {"home", "type 1001\ntap #signin.next\ntype 1357\ntap #signin.submit\nexpect Hi Alex\n", false},
    {"courses", "tap #home.courses\nexpect Near Leeds\n", false},
    {"listing", "tap #listing.open\nexpect What you would do\n", false},
    {"courses scrolling", "tap #nav.back\n", true},
    {"my views + keyboard",
     "tap #nav.back\ntap #home.myviews\ntap #myviews.start\ntap #myviews.face.4\ntap #myviews.next\n"
     "type I did well\n", false},
    {"messages + keyboard",
     "tap #nav.home\ntap #home.messages\ntap #messages.contact\ntap #messages.compose\ntype Hi Sam\n", false},
    {"meetings", "tap #messages.send\nexpect Waiting to send\ntap #nav.back\ntap #nav.back\ntap #home.meetings\n",
     false},
    {"plan", "tap #nav.back\ntap #home.plan\nexpect Something is late\n", false},
    {"help and settings", "tap #nav.back\ntap #home.help\n", false},
    {"home, biggest text", "tap #settings.size.2\ntap #nav.back\n", false},
    {"courses, biggest text", "tap #home.courses\n", false},
    {"courses scrolling, biggest text", "", true},
};
}  // namespace

int main(int argc, char** argv) {
  int frames = 200, w = 1920, h = 1080;
  int loops = 0;
  std::string only;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--frames") frames = std::max(1, std::atoi(argv[i + 1]));
    else if (a == "--size") std::sscanf(argv[i + 1], "%dx%d", &w, &h);
    else if (a == "--screen") only = argv[i + 1];
    else if (a == "--raster-loop") loops = std::atoi(argv[i + 1]);
  }
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  const std::string dir = std::filesystem::temp_directory_path() / ("waymark-bench-render-" + std::to_string(getpid()));
  {
    auto r = open_device(dir);
    SystemClock c;
    seed_demo(*r.db, c);
  }
  kiosk::AppOptions opt;
  opt.data_dir = dir;
  opt.window.headless = true;
  opt.window.renderer = platform::RendererChoice::Cpu;
  opt.window.width = w;
  opt.window.height = h;
  kiosk::App app(opt);
  kiosk::register_features(app);
  std::string err;
  if (!app.start(&err)) {
    std::fprintf(stderr, "bench_render: %s\n", err.c_str());
    return 1;
  }
  app.clock().freeze();
  platform::CpuRenderer* cpu = app.platform().cpu();
  std::printf("bench_render: CPU renderer, headless %dx%d, %d whole frames per screen, load average %s\n", w, h,
              frames, bench::load_average().c_str());
  std::printf("%-32s %19s %19s %19s %19s %7s\n", "(ms)", "frame wall p50/p99", "frame CPU p50/p99",
              "raster wall p50/p99", "raster CPU p50/p99", "moved");
  for (const Screen& s : kScreens) {
    bench::play(app, s.script);
    if (!only.empty() && only != s.name) continue;
    cpu->set_damage_tracking(false);
    Series whole, raster;
    g_changed = -1;
    if (s.scrolls) scroll(app, frames, whole, raster);
    else
      for (int i = 0; i < frames; i++) frame(app, whole, raster);
    cpu->set_damage_tracking(true);
    std::printf("%-32s %19s %19s %19s %19s %7d\n", s.name, bench::p50_p99(whole.wall).c_str(), bench::p50_p99(whole.cpu).c_str(),
                bench::p50_p99(raster.wall).c_str(), bench::p50_p99(raster.cpu).c_str(), std::max(0, g_changed));
    std::fflush(stdout);
    if (loops > 0) {
      Series sink;
      cpu->set_damage_tracking(false);
      for (int i = 0; i < loops; i++) raster_again(app, sink);
      cpu->set_damage_tracking(true);
      double sum = 0;
      for (const double c : sink.cpu) sum += c;
      std::printf("%-32s rasterized %zu times, %.3f ms CPU each\n", s.name, sink.wall.size(),
                  sum / static_cast<double>(std::max<size_t>(1, sink.cpu.size())));
    }
    if (!only.empty()) break;
  }
  std::printf("load average at the end: %s\n", bench::load_average().c_str());
  std::filesystem::remove_all(dir);
  return 0;
}
