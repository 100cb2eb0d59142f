// provisioning/cli.h: how waymarkctl commands are declared. Each group of commands lives in its own
// cmd_*.cpp and is listed once in waymarkctl.cpp's table.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace waymark::cli {

struct Args {
  std::vector<std::string> pos;  // positional words after the command (subcommands)
  std::string data;              // --data DIR
  bool help = false;             // --help
  std::vector<std::pair<std::string, std::string>> opts;  // other --name value pairs, in order
  std::vector<std::string> flags;                         // --name with no value (declared as flags)

  std::string get(const std::string& k) const {
    for (const auto& [a, b] : opts)
      if (a == k) return b;
    return {};
  }
  bool has(const std::string& k) const {
    for (const auto& [a, b] : opts)
      if (a == k) return true;
    for (const auto& f : flags)
      if (f == k) return true;
    return false;
  }
};

// Exit codes: 0 ok, 1 failed (what was asked could not be done), 2 usage error (doctor: 3 warnings only).
using CommandFn = int (*)(const Args&);

struct Command {
  const char* name;
  const char* summary;
  CommandFn fn;
};

// device data folder commands (cmd_device.cpp)
int cmd_init(const Args& a);
int cmd_demo_seed(const Args& a);
int cmd_staff(const Args& a);
int cmd_check(const Args& a);

// content packs, keys and listing curation (cmd_catalogue.cpp)
int cmd_keys(const Args& a);
int cmd_pack(const Args& a);
int cmd_listings(const Args& a);
// sync with the gateway (cmd_sync.cpp)
int cmd_enrol(const Args& a);
int cmd_sync(const Args& a);
// My Views form definitions (cmd_myviews.cpp)
int cmd_form_check(const Args& a);
int cmd_form_install(const Args& a);

// Run as root on a folder another user owns: become that user first (run_as_owner.cpp). False with err
// when the switch failed.
bool run_as_data_owner(const Args& a, const std::string& cmd, std::string& err);

// provisioning and lockdown (cmd_staff.cpp, cmd_provision.cpp)
int cmd_doctor(const Args& a);
int cmd_wipe(const Args& a);
int cmd_status(const Args& a);
int cmd_decommission(const Args& a);

// child-facing strings (cmd_strings.cpp)
int cmd_strings(const Args& a);

}  // namespace waymark::cli
