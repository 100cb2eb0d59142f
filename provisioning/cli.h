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

// Exit codes: 0 ok, 1 failed (what was asked could not be done), 2 usage error.
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

// child-facing strings (cmd_strings.cpp)
int cmd_strings(const Args& a);

}  // namespace waymark::cli
