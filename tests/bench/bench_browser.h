// tests/bench/bench_browser.h: what bench_kiosk compares the kiosk with (issue 17): Debian's chromium, headless,
// showing the demo catalogue as a web kiosk would (one static page of 300 listings), measured from start to its
// first screenshot and by peak proportional memory over all its processes; and an Xvfb display for the kiosk's
// windowed column.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "core/catalogue/catalogue.h"

namespace waymark::bench {

// A web kiosk's catalogue page: a header, a search box and one card per listing (title, kind, provider, place,
// start, duration, summary, requirements), styled as such sites are. HTML-escaped.
std::string catalogue_page(const std::vector<Listing>& listings);

struct BrowserRun {
  bool ok = false;
  std::string error;
  double start_to_shot_ms = 0;  // spawn to the browser's exit with the screenshot written
  double peak_pss_mb = 0;       // the largest sum over its processes of Pss from /proc/PID/smaps_rollup
  double cpu_s = 0;             // user + system time of the browser and its children
};

// Runs chromium --headless once on page_path at w x h, writing a screenshot under work_dir.
BrowserRun run_chromium(const std::string& page_path, const std::string& work_dir, int w, int h);

// Runs args (a program that writes one screenshot, shot, and exits) measured as chromium is: spawn to exit with
// the screenshot written, peak Pss over its processes polled every 10 ms. env: extra NAME=value settings.
BrowserRun run_to_screenshot(const std::vector<std::string>& args, const std::string& shot,
                             const std::vector<std::string>& env = {});

// The same for a program that tells systemd READY=1 once its first frame is drawn (waymark-kiosk does): spawn to
// that message on a NOTIFY_SOCKET made under work_dir, and the peak Pss until then; the program is then stopped.
BrowserRun run_to_ready(const std::vector<std::string>& args, const std::string& work_dir,
                        const std::vector<std::string>& env = {});

// Starts Xvfb (-noreset, as a device's display server that outlives the kiosk) on a free display number at
// w x h x 24. Returns the display number, or -1 (pid untouched).
int start_xvfb(int w, int h, pid_t* pid);
void stop_xvfb(pid_t pid);

// Sum of Pss (kB) over pid and its descendants, read from /proc/PID/smaps_rollup.
long pss_kb_of_tree(pid_t root);

}  // namespace waymark::bench
