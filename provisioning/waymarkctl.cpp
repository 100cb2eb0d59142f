// waymarkctl: provisioning and operations for a Waymark device data folder. Links core only.
#include <cstdio>
#include <cstring>
#include <string>

#include "provisioning/cli.h"

using namespace waymark::cli;

namespace {

// Flags that take no value.
const char* const kFlags[] = {"--json", "--yes", "--force", "--offline"};

const Command kCommands[] = {
    {"init", "init --data DIR --establishment NAME --wing NAME   create an empty device data folder", cmd_init},
    {"demo-seed", "demo-seed --data DIR                               the demo establishment (children 1001, 1002)", cmd_demo_seed},
    {"staff", "staff list|add|reset-pin --data DIR ...            staff accounts (PINs read from stdin)", cmd_staff},
    {"check", "check --data DIR                                   check the database and count what is in it", cmd_check},
    {"keys", "keys generate|trust|untrust|list                    signing keys and the device's trusted keys", cmd_keys},
    {"pack", "pack build|sign|verify|install|publish|status       signed content packs", cmd_pack},
    {"listings", "listings list|import|approve|retire|check|counts    curate courses and jobs", cmd_listings},
    {"enrol", "enrol --data DIR --gateway URL --pin PIN --code CODE  enrol with the gateway, then sync", cmd_enrol},
    {"sync", "sync --data DIR                                    one sync round now; prints what moved", cmd_sync},
    {"form-check", "form-check FILE...                                  check My Views form definitions (JSON)", cmd_form_check},
    {"form-install", "form-install --data DIR FILE                        install a My Views form version", cmd_form_install},
    {"doctor", "doctor --data DIR [--json]                          health checks: ok / warning / failed, what to do", cmd_doctor},
    {"status", "status --data DIR [--json]                          what this device is and how it is doing", cmd_status},
    {"wipe", "wipe --data DIR --yes [--force]                     remove every child's data; keep enrolment and staff", cmd_wipe},
    {"decommission", "decommission --data DIR --yes [--offline]          remove everything, keys included", cmd_decommission},
    {"strings", "strings export --lang en|cy [--assets DIR]         every child-facing string as JSON lines", cmd_strings},
};

bool is_flag(const std::string& s) {
  for (const char* f : kFlags)
    if (s == f) return true;
  return false;
}

bool parse(int argc, char** argv, int from, Args& a, std::string& err) {
  for (int i = from; i < argc; i++) {
    std::string s = argv[i];
    if (s == "--help" || s == "-h") {
      a.help = true;
    } else if (is_flag(s)) {
      a.flags.push_back(s);
    } else if (s.rfind("--", 0) == 0) {
      if (i + 1 >= argc) {
        err = s + " needs a value";
        return false;
      }
      if (s == "--data") a.data = argv[++i];
      else a.opts.emplace_back(s, argv[++i]);
    } else {
      a.pos.push_back(s);
    }
  }
  return true;
}

int usage(FILE* to) {
  std::fprintf(to, "usage: waymarkctl COMMAND [options]\ncommands:\n");
  for (const Command& c : kCommands) std::fprintf(to, "  %s\n", c.summary);
  std::fprintf(to, "Every command takes --help. Exit status: 0 ok, 1 failed, 2 usage error.\n");
  return to == stdout ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage(stderr);
  const std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") return usage(stdout);
  Args a;
  std::string err;
  if (!parse(argc, argv, 2, a, err)) {
    std::fprintf(stderr, "waymarkctl %s: %s\n", cmd.c_str(), err.c_str());
    return 2;
  }
  a.pos.insert(a.pos.begin(), cmd);
  if (!run_as_data_owner(a, cmd, err)) {
    std::fprintf(stderr, "waymarkctl %s: %s\n", cmd.c_str(), err.c_str());
    return 1;
  }
  for (const Command& c : kCommands) {
    if (cmd != c.name) continue;
    try {
      return c.fn(a);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "waymarkctl %s: %s\n", cmd.c_str(), e.what());
      return 1;
    }
  }
  std::fprintf(stderr, "waymarkctl: unknown command %s\n", cmd.c_str());
  return usage(stderr);
}
