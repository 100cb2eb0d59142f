// waymark-kiosk: the full-screen touch kiosk on the wing.
//   waymark-kiosk --data DIR [--headless] [--script FILE --shots DIR] [--size WxH] [--windowed] [--demo]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "kiosk/app.h"
#include "kiosk/driver/script.h"
#include "kiosk/features.h"

namespace {
void usage(FILE* to) {
  std::fprintf(to,
               "usage: waymark-kiosk --data DIR [options]\n"
               "  --data DIR        the device data folder (database and settings)\n"
               "  --headless        draw with no display (software renderer); needs --script\n"
               "  --script FILE     play a script of taps, typing and checks (see docs/operating.md)\n"
               "  --shots DIR       where `shot` lines write PNG screenshots (default: shots)\n"
               "  --size WxH        window size for --headless and --windowed (default 1920x1080)\n"
               "  --windowed        a normal window instead of full screen (an office PC)\n"
               "  --demo            seed the demo establishment if the data folder is empty\n"
               "  --idle-seconds N  sign a child out after N idle seconds (default 90)\n"
               "  --speech-dir DIR  write \"Read to me\" speech as one WAV per utterance in DIR (no sound)\n"
               "  --frame-report F  at each `shot`, append the frame's buttons and texts (with colours) to F as JSON lines\n"
               "  --render-all-frames  headless: draw the pixels of every frame, not only the shots\n"
               "exit status: 0 ok; 1 a script expectation failed; 2 a usage or script error; 3 cannot start\n");
}
}  // namespace

int main(int argc, char** argv) {
  waymark::kiosk::AppOptions opt;
  std::string script_path, shots = "shots", frame_report;
  bool render_all = false;
  for (int i = 1; i < argc; i++) {
    const std::string a = argv[i];
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "waymark-kiosk: %s needs a value\n", name);
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--data") opt.data_dir = value("--data");
    else if (a == "--headless") opt.window.headless = true;
    else if (a == "--script") script_path = value("--script");
    else if (a == "--shots") shots = value("--shots");
    else if (a == "--windowed") opt.window.windowed = true;
    else if (a == "--demo") opt.seed_demo_if_empty = true;
    else if (a == "--speech-dir") opt.speech_dir = value("--speech-dir");
    else if (a == "--frame-report") frame_report = value("--frame-report");
    else if (a == "--render-all-frames") render_all = true;
    else if (a == "--size") {
      const std::string v = value("--size");
      if (std::sscanf(v.c_str(), "%dx%d", &opt.window.width, &opt.window.height) != 2 || opt.window.width < 320 ||
          opt.window.height < 240 || opt.window.width > 8192 || opt.window.height > 8192) {
        std::fprintf(stderr, "waymark-kiosk: --size wants WxH, for example 1920x1080\n");
        return 2;
      }
    } else if (a == "--idle-seconds") {
      const int s = std::atoi(value("--idle-seconds").c_str());
      if (s < 10 || s > 3600) {
        std::fprintf(stderr, "waymark-kiosk: --idle-seconds must be between 10 and 3600\n");
        return 2;
      }
      opt.idle.timeout_ms = s * 1000LL;
      opt.idle.warning_ms = std::min<int64_t>(opt.idle.warning_ms, opt.idle.timeout_ms / 2);
    } else if (a == "--help" || a == "-h") {
      usage(stdout);
      return 0;
    } else {
      std::fprintf(stderr, "waymark-kiosk: unknown option %s\n", a.c_str());
      usage(stderr);
      return 2;
    }
  }
  if (opt.data_dir.empty()) {
    std::fprintf(stderr, "waymark-kiosk: --data DIR is required\n");
    usage(stderr);
    return 2;
  }
  opt.rasterize_every_frame = !opt.window.headless || render_all;
  if (opt.window.headless && script_path.empty()) {
    std::fprintf(stderr, "waymark-kiosk: --headless needs --script (nobody can touch a headless screen)\n");
    return 2;
  }

  std::unique_ptr<waymark::kiosk::Driver> driver;
  if (!script_path.empty()) {
    std::ifstream in(script_path);
    if (!in) {
      std::fprintf(stderr, "waymark-kiosk: cannot read script %s\n", script_path.c_str());
      return 2;
    }
    waymark::kiosk::ParsedScript ps = waymark::kiosk::parse_script(in);
    if (!ps.error.empty()) {
      std::fprintf(stderr, "waymark-kiosk: script error: %s\n", ps.error.c_str());
      return 2;
    }
    driver = std::make_unique<waymark::kiosk::Driver>(std::move(ps.lines), shots);
    if (!frame_report.empty()) driver->set_frame_report(frame_report);
  }

  waymark::kiosk::App app(opt);
  if (driver) app.clock().freeze();
  waymark::kiosk::register_features(app);
  std::string err;
  if (!app.start(&err)) {
    std::fprintf(stderr, "waymark-kiosk: %s\n", err.c_str());
    return 3;
  }
  const int rc = app.run(driver.get());
  if (driver && rc == 0) std::fprintf(stderr, "waymark-kiosk: script finished, every expectation held\n");
  return rc;
}
