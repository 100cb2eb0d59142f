// waymark-soak-myviews: starts the kiosk on a script that fills My Views answers, SIGKILLs it at random
// moments, and checks after every kill that each answer the screen showed as "Saved" is in the database.
//   waymark-soak-myviews [--cycles N] [--seed S] [--work DIR] [--kiosk PATH] [--max-delay-ms MS] [--workers N]
// The last line is `kills=N answers_shown_saved=N lost=N`; the exit status is 1 on any loss.
#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <filesystem>
#include <string>

#include "tests/soak/myviews_kill.h"

int main(int argc, char** argv) {
  waymark::soak::KillOptions opt;
  opt.kiosk_bin = WAYMARK_KIOSK_BIN;
  opt.kills = 1000;
  opt.seed = 1;
  opt.verbose = true;
  opt.work_dir = (std::filesystem::temp_directory_path() / ("waymark-soak-myviews-" + std::to_string(::getpid()))).string();
  bool keep = false;
  for (int i = 1; i < argc; i++) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "waymark-soak-myviews: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--cycles") opt.kills = std::atoi(value().c_str());
    else if (a == "--seed") opt.seed = static_cast<unsigned>(std::strtoul(value().c_str(), nullptr, 10));
    else if (a == "--work") opt.work_dir = value();
    else if (a == "--kiosk") opt.kiosk_bin = value();
    else if (a == "--max-delay-ms") opt.max_delay_ms = std::atoi(value().c_str());
    else if (a == "--workers") opt.workers = std::atoi(value().c_str());
    else if (a == "--size") opt.size = value();
    else if (a == "--keep") keep = true;
    else {
      std::fprintf(stderr, "usage: waymark-soak-myviews [--cycles N] [--seed S] [--work DIR] [--kiosk PATH] "
                           "[--max-delay-ms MS] [--workers N] [--size WxH] [--keep]\n");
      return 2;
    }
  }
  if (opt.kills < 1 || opt.max_delay_ms <= opt.min_delay_ms) {
    std::fprintf(stderr, "waymark-soak-myviews: --cycles must be at least 1 and --max-delay-ms above %d\n", opt.min_delay_ms);
    return 2;
  }
  const waymark::soak::KillStats st = waymark::soak::run_myviews_kills(opt);
  for (const std::string& p : st.problems) std::printf("problem: %s\n", p.c_str());
  std::printf("runs=%d finished=%d data_sets=%d\n", st.runs, st.finished_ok, st.data_sets);
  std::printf("kills=%d answers_shown_saved=%d lost=%d\n", st.kills, st.answers_shown_saved, st.lost);
  const bool failed = st.lost > 0 || !st.problems.empty() || st.kills < opt.kills;
  if (!failed && !keep) std::filesystem::remove_all(opt.work_dir);
  return failed ? 1 : 0;
}
