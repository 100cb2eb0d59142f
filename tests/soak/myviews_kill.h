// tests/soak/myviews_kill.h: the My Views kill harness shared by the kill test (kiosk_tests) and the soak
// program (waymark-soak-myviews).
//
// How the test knows what "the screen showed as saved": the kiosk commits each answer change, and only
// then draws the question with its "Saved" mark. On the first frame that shows "Saved" for a new answer,
// the kiosk appends "<response>\t<question>\t<answer JSON>" to $WAYMARK_SHOWN_SAVED_LOG in one write(2)
// (kiosk/myviews/myviews_feature.h), so a SIGKILL leaves whole lines only. After each kill the harness
// opens the database the way the kiosk would (quick_check after an unclean stop) and checks every line:
// the scripts only ever add letters to a text answer, so each text shown as saved must be the start of
// the stored answer (the store may be one keystroke ahead: committed, killed before the frame). Anything
// else (missing, shorter, different) counts as lost. A checker test tampers with the database to prove
// that a loss is seen.
#pragma once

#include <string>
#include <vector>

namespace waymark::soak {

struct KillOptions {
  std::string kiosk_bin;
  std::string work_dir;        // a fresh folder is made under it per data set
  int kills = 200;             // stop after this many SIGKILLs
  unsigned seed = 1;
  // A quarter of the kills land at a random time in [min, max] ms after the start (start-up, sign-in);
  // the rest just after a random number of answers were shown saved, plus 0-40 ms.
  int min_delay_ms = 20;
  int max_delay_ms = 600;
  int workers = 2;             // kiosks killed side by side (each on its own data folders)
  std::string size = "480x360";  // a small window: fewer pixels to draw, more kills per minute
  bool verbose = false;
};

struct KillStats {
  int kills = 0;
  int runs = 0;                 // kiosk starts (killed or finished)
  int finished_ok = 0;          // runs that finished their script before the kill
  int answers_shown_saved = 0;  // log lines checked
  int lost = 0;
  int data_sets = 0;
  std::vector<std::string> problems;  // plain descriptions of every loss or failure
};

KillStats run_myviews_kills(const KillOptions& opt);

struct CheckResult {
  int shown = 0;
  int lost = 0;
  std::vector<std::string> problems;
};
// Checks each line of a shown-saved log against the database in data_dir.
CheckResult check_shown_saved(const std::string& data_dir, const std::string& log_path);

}  // namespace waymark::soak
