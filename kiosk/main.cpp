// waymark-kiosk: the full-screen touch kiosk on the wing.
//   waymark-kiosk --data DIR [--headless] [--script FILE --shots DIR] [--size WxH] [--windowed] [--demo]
//
// Surviving a crash or a hang (the supervisor is systemd, see images/):
//  - a fatal signal (SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL) writes one line to stderr (the journal) and to
//    DIR/waymark-crash.log with async-signal-safe calls only, then _exit(70) (EX_SOFTWARE). The running
//    marker stays, so the next start runs quick_check before anything touches the database.
//  - under systemd (NOTIFY_SOCKET set) the kiosk sends READY=1 once the first frame is drawn and
//    WATCHDOG=1 from the frame loop every WATCHDOG_USEC/2; the idle loop wakes for it, so a hung loop
//    stops the pings and systemd restarts the kiosk. With no NOTIFY_SOCKET nothing wakes an idle kiosk.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <cstdio>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <cstring>
#include <fstream>
#include <string>

#include "kiosk/app.h"
#include "kiosk/driver/script.h"
#include "kiosk/features.h"

namespace {

// ---------------------------------------------------------------- fatal signals
int g_crash_fd = -1;  // DIR/waymark-crash.log, opened before anything can crash

void put(int fd, const char* s) {
  if (fd < 0) return;
  size_t n = 0;
  while (s[n]) n++;
  while (n > 0) {
    const ssize_t w = ::write(fd, s, n);
    if (w <= 0) return;
    s += w;
    n -= static_cast<size_t>(w);
  }
}

// async-signal-safe: no allocation, no stdio, no locks
void fatal_signal(int sig) {
  char num[24];
  int i = sizeof num - 1;
  num[i] = '\0';
  unsigned long long v = static_cast<unsigned long long>(::time(nullptr));
  do num[--i] = static_cast<char>('0' + v % 10); while ((v /= 10) && i > 0);
  char sn[8];
  int j = sizeof sn - 1;
  sn[j] = '\0';
  int sv = sig;
  do sn[--j] = static_cast<char>('0' + sv % 10); while ((sv /= 10) && j > 0);
  const char* name = sig == SIGSEGV ? "SIGSEGV" : sig == SIGABRT ? "SIGABRT" : sig == SIGBUS ? "SIGBUS"
                   : sig == SIGFPE  ? "SIGFPE"  : sig == SIGILL  ? "SIGILL"  : "signal";
  for (int fd : {STDERR_FILENO, g_crash_fd}) {
    put(fd, "waymark-kiosk: fatal signal ");
    put(fd, sn + j);
    put(fd, " (");
    put(fd, name);
    put(fd, ") at unix time ");
    put(fd, num + i);
    put(fd, "; exiting 70 for the supervisor to restart\n");
  }
  if (g_crash_fd >= 0) ::fsync(g_crash_fd);
  ::_exit(70);
}

void install_fatal_handlers(const std::string& data_dir) {
  const std::string log = data_dir + "/waymark-crash.log";
  g_crash_fd = ::open(log.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  // its own stack, so a stack overflow can still be reported
  static char alt_stack[64 * 1024];
  stack_t ss{};
  ss.ss_sp = alt_stack;
  ss.ss_size = sizeof alt_stack;
  ::sigaltstack(&ss, nullptr);
  struct sigaction sa {};
  sa.sa_handler = fatal_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
  for (int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL}) ::sigaction(sig, &sa, nullptr);
}

// ---------------------------------------------------------------- systemd
// The watchdog interval in ms when systemd asked for one (WATCHDOG_USEC), else 0.
// On the device the service's main process is cage and the kiosk is its child, so WATCHDOG_PID names our
// parent: sd_watchdog_enabled() would say "not for you". The unit has NotifyAccess=all, so the kiosk
// accepts a watchdog meant for itself or for the compositor that started it.
int watchdog_ms() {
  if (!std::getenv("NOTIFY_SOCKET")) return 0;
  const char* usec_s = std::getenv("WATCHDOG_USEC");
  if (!usec_s) return 0;
  const unsigned long long usec = std::strtoull(usec_s, nullptr, 10);
  if (usec == 0) return 0;
  if (const char* pid_s = std::getenv("WATCHDOG_PID"); pid_s && *pid_s) {
    const long pid = std::strtol(pid_s, nullptr, 10);
    if (pid != static_cast<long>(::getpid()) && pid != static_cast<long>(::getppid())) return 0;
  }
  return static_cast<int>(std::max<unsigned long long>(usec / 2000, 10));  // ping at half the interval
}

void usage(FILE* to) {
  std::fprintf(to,
               "usage: waymark-kiosk --data DIR [options]\n"
               "  --data DIR        the device data folder (database and settings)\n"
               "  --headless        draw with no display (the CPU renderer); needs --script\n"
               "  --renderer R      auto (default): the GPU behind a hardware OpenGL driver, else the CPU renderer;\n"
               "                    cpu, gpu, or sdl-software (SDL's software renderer, the tests' baseline)\n"
               "  --script FILE     play a script of taps, typing and checks (see docs/operating.md)\n"
               "  --shots DIR       where `shot` lines write PNG screenshots (default: shots)\n"
               "  --size WxH        window size for --headless and --windowed (default 1920x1080)\n"
               "  --windowed        a normal window instead of full screen (an office PC)\n"
               "  --demo            seed the demo establishment if the data folder is empty\n"
               "  --idle-seconds N  sign a child out after N idle seconds (default 90)\n"
               "  --speech-dir DIR  write \"Read to me\" speech as one WAV per utterance in DIR (no sound)\n"
               "  --frame-report F  at each `shot`, append the frame's buttons and texts (with colours) to F as JSON lines\n"
               "  --render-all-frames  headless: draw the pixels of every frame, not only the shots\n"
               "  --curator-key FILE   the curator's secret key (or WAYMARK_CURATOR_KEY): staff mode's Publish signs\n"
               "                       the next content pack with it (the education office PC only)\n"
               "  --pin-pepper FILE    the device's PIN pepper, outside the data folder (or WAYMARK_PIN_PEPPER_FILE; on a\n"
               "                       device the systemd credential waymark-pin-pepper; docs/operating.md)\n"
               "exit status: 0 ok; 1 a script expectation failed; 2 a usage or script error; 3 cannot start;\n"
               "             70 a fatal signal (logged to DIR/waymark-crash.log)\n");
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
    else if (a == "--curator-key") opt.curator_key = value("--curator-key");
    else if (a == "--pin-pepper") opt.pin_pepper = value("--pin-pepper");
    else if (a == "--renderer") {
      if (!waymark::platform::parse_renderer_choice(value("--renderer"), &opt.window.renderer)) {
        std::fprintf(stderr, "waymark-kiosk: --renderer wants auto, cpu, gpu or sdl-software\n");
        return 2;
      }
    }
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
  if (opt.curator_key.empty())
    if (const char* k = std::getenv("WAYMARK_CURATOR_KEY"); k && *k) opt.curator_key = k;
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
  // Headless draws into memory only, so nothing may reach for a display: not SDL (its "dummy" driver does not),
  // and not D-Bus, whose X11 autolaunch forks dbus-launch when DISPLAY is set and no session bus runs. Done here,
  // before any thread starts (the environment is not safe to change under other threads).
  if (opt.window.headless) {
    ::unsetenv("DISPLAY");
    ::unsetenv("WAYLAND_DISPLAY");
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

  if (::mkdir(opt.data_dir.c_str(), 0700) != 0 && errno != EEXIST)
    std::fprintf(stderr, "waymark-kiosk: cannot create %s\n", opt.data_dir.c_str());
  install_fatal_handlers(opt.data_dir);
  const bool under_systemd = std::getenv("NOTIFY_SOCKET") != nullptr;
  if (const int wd = watchdog_ms()) {
    opt.heartbeat = [] { sd_notify(0, "WATCHDOG=1"); };
    opt.heartbeat_ms = wd;
  }

  waymark::kiosk::App app(opt);
  if (driver) app.clock().freeze();
  waymark::kiosk::register_features(app);
  std::string err;
  if (!app.start(&err)) {
    std::fprintf(stderr, "waymark-kiosk: %s\n", err.c_str());
    return 3;
  }
  if (under_systemd) sd_notify(0, "READY=1\nSTATUS=showing the sign-in screen");
  const int rc = app.run(driver.get());
  if (under_systemd) sd_notify(0, "STOPPING=1");
  if (driver && rc == 0) std::fprintf(stderr, "waymark-kiosk: script finished, every expectation held\n");
  return rc;
}
