// tests/kiosk/cpu_renderer_tour_test.cpp: the CPU renderer (issue 17) against SDL's software renderer, pixel
// for pixel, on every screen of the demo tour (assets/tour/demo-tour.wms, 22 shots), and the tour windowed
// under Xvfb with --renderer cpu (skipped when xvfb-run is not installed: scripts/setup-debian.sh installs it),
// and waymarkctl doctor saying which renderer the kiosk used.
//
// The baseline is `--renderer sdl-software`: SDL_Renderer's software renderer, which drew every headless run
// before the CPU renderer. Tolerance, per shot: at most 1% of the pixels differ at all (nearly all by one level:
// SDL's glyph blitters round blending differently), at most 0.05% by more than 2 levels, and those only on
// edges (a pixel whose 3x3 neighbourhood is flat in both images may differ by 2 levels at most): a few icon
// strokes rasterize a pixel apart. Measured when written: 0 to 0.87% differ, at most 36 pixels by more than 2.
// The figures are printed for every shot.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "kiosk/driver/frame_checks.h"
#include "tests/kiosk/test_util.h"

namespace fs = std::filesystem;
using namespace waymark::test;
using waymark::kiosk::checks::Image;

namespace {
const std::string kTour = std::string(WAYMARK_TESTS_DIR) + "/../assets/tour/demo-tour.wms";

// xvfb-run's path (the test runner does not search PATH), or empty when it is not installed.
std::string xvfb_run() {
  const RunResult r = run({"/bin/sh", "-c", "command -v xvfb-run"}, 10);
  std::string path = r.output.substr(0, r.output.find('\n'));
  return r.exit_code == 0 ? path : std::string();
}

// Plays the tour on a fresh demo folder; returns the shots folder.
std::string play_tour(const std::string& name, const std::vector<std::string>& extra, bool windowed) {
  const std::string base = fresh_dir(name);
  const std::string data = base + "/data", shots = base + "/shots";
  const RunResult seed = run({WAYMARK_CTL_BIN, "demo-seed", "--data", data}, 60);
  EXPECT_EQ(seed.exit_code, 0) << seed.output;
  std::vector<std::string> argv;
  if (windowed) argv = {xvfb_run(), "-a", "-s", "-screen 0 1920x1080x24"};
  argv.insert(argv.end(), {WAYMARK_KIOSK_BIN, "--data", data, "--script", kTour, "--shots", shots});
  argv.insert(argv.end(), extra.begin(), extra.end());
  const RunResult r = run(argv, 300, {"SDL_AUDIODRIVER=dummy"});
  EXPECT_FALSE(r.timed_out) << r.output;
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return shots;
}

int diff_at(const Image& a, const Image& b, size_t i) {
  int d = 0;
  for (size_t c = 0; c < 3; c++) d = std::max(d, std::abs(int{a.rgba[4 * i + c]} - int{b.rgba[4 * i + c]}));
  return d;
}

// An edge pixel: some neighbour differs from it by more than 24 levels, in either image.
bool on_edge(const Image& img, int x, int y) {
  const size_t i = static_cast<size_t>(y) * static_cast<size_t>(img.w) + static_cast<size_t>(x);
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++) {
      const int nx = x + dx, ny = y + dy;
      if (nx < 0 || ny < 0 || nx >= img.w || ny >= img.h) continue;
      const size_t j = static_cast<size_t>(ny) * static_cast<size_t>(img.w) + static_cast<size_t>(nx);
      for (size_t c = 0; c < 3; c++)
        if (std::abs(int{img.rgba[4 * i + c]} - int{img.rgba[4 * j + c]}) > 24) return true;
    }
  return false;
}

struct Figures {
  long differ = 0, edge_differ = 0, over2 = 0;
  int max_flat = 0, max_edge = 0;
  double pct = 0, pct_over2 = 0;
};

Figures compare(const Image& cpu, const Image& sdl) {
  Figures f;
  for (int y = 0; y < cpu.h; y++)
    for (int x = 0; x < cpu.w; x++) {
      const size_t i = static_cast<size_t>(y) * static_cast<size_t>(cpu.w) + static_cast<size_t>(x);
      const int d = diff_at(cpu, sdl, i);
      if (d == 0) continue;
      f.differ++;
      if (d > 2) f.over2++;
      if (on_edge(cpu, x, y) || on_edge(sdl, x, y)) {
        f.edge_differ++;
        f.max_edge = std::max(f.max_edge, d);
      } else {
        f.max_flat = std::max(f.max_flat, d);
      }
    }
  f.pct = 100.0 * static_cast<double>(f.differ) / (static_cast<double>(cpu.w) * cpu.h);
  f.pct_over2 = 100.0 * static_cast<double>(f.over2) / (static_cast<double>(cpu.w) * cpu.h);
  return f;
}

// Compares every shot of two tour runs; returns how many shots were compared.
int compare_tours(const std::string& cpu, const std::string& other, bool identical) {
  int shots = 0;
  for (const auto& e : fs::directory_iterator(other)) {
    if (e.path().extension() != ".png") continue;
    const std::string name = e.path().filename().string();
    Image a, b;
    std::string err;
    EXPECT_TRUE(a.load_png(cpu + "/" + name, &err)) << err;
    EXPECT_TRUE(b.load_png(other + "/" + name, &err)) << err;
    if (a.w != b.w || a.h != b.h || a.w == 0) {
      ADD_FAILURE() << name << ": sizes differ";
      continue;
    }
    const Figures f = compare(a, b);
    std::printf("%-26s differ %6ld (%.3f%%), by more than 2 levels %5ld (%.3f%%), on edges %6ld (max %3d), elsewhere max %d\n",
                name.c_str(), f.differ, f.pct, f.over2, f.pct_over2, f.edge_differ, f.max_edge, f.max_flat);
    if (identical) {
      EXPECT_EQ(f.differ, 0) << name;
    } else {
      EXPECT_LE(f.pct, 1.0) << name;
      EXPECT_LE(f.pct_over2, 0.05) << name;
      EXPECT_LE(f.max_flat, 2) << name;
    }
    shots++;
  }
  return shots;
}

}  // namespace

TEST(CpuRendererTour, EveryShotMatchesSdlSoftwareRendererHeadlessAndWindowed) {
  const std::string cpu = play_tour("cpu-tour", {"--headless", "--renderer", "cpu"}, false);
  const std::string sdl = play_tour("sdl-tour", {"--headless", "--renderer", "sdl-software"}, false);
  // the kiosk records its renderer and why; waymarkctl doctor says it
  const RunResult doctor = run({WAYMARK_CTL_BIN, "doctor", "--data", cpu + "/../data"}, 60);
  EXPECT_NE(doctor.output.find("cpu: chosen with --renderer cpu"), std::string::npos) << doctor.output;
  std::printf("CPU renderer against SDL's software renderer, headless 1920x1080:\n");
  EXPECT_EQ(compare_tours(cpu, sdl, false), 22);
  if (xvfb_run().empty()) GTEST_SKIP() << "xvfb-run is not installed (scripts/setup-debian.sh installs it)";
  // Windowed: the frame goes to an X window through SDL_UpdateWindowSurfaceRects; shots read the same
  // framebuffer, so they are the headless run's pixels exactly.
  const std::string win = play_tour("cpu-tour-xvfb", {"--windowed", "--size", "1920x1080", "--renderer", "cpu"}, true);
  std::printf("CPU renderer windowed under Xvfb against headless:\n");
  EXPECT_EQ(compare_tours(cpu, win, true), 22);
}
