// cli/command_line.h: the one command-line parser of waymarkctl and waymark-gateway (CLI11 underneath).
//
// A program is a table of commands. Each command states what it accepts (options that take a value, flags,
// subcommands, positional words), its line in `PROG --help`, its usage text, and the function that does the
// work. run_program parses with CLI11 and keeps the conventions both programs share:
//   - `PROG --help`, `PROG -h`, `PROG help`: the list of commands on stdout, exit 0; bare `PROG`: on stderr, 2
//   - `PROG CMD --help` (anywhere on the line, after a subcommand too): the command's usage text, exit 0
//   - an unknown command, subcommand or option, an option with no value, a missing subcommand, a word too
//     many: one plain line on stderr, "PROG CMD: what is wrong (see PROG CMD --help)", exit 2
//   - an exception out of a command: "PROG CMD: what", exit 1
// Which options a command requires, and what their values must be, the command checks itself: its messages
// and exit codes are part of what operators and scripts rely on.
// Only command_line.cpp includes CLI11, so the command files compile without it.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace waymark::cli {

// Exit status of every command: 0 ok, 1 failed (what was asked could not be done), 2 usage error.
// (waymarkctl doctor adds 3: warnings, nothing failed.)
enum Exit : int { kExitOk = 0, kExitFailed = 1, kExitUsage = 2 };

// What one command line said, after parsing.
struct Args {
  std::vector<std::string> pos;  // the command, its subcommand if any, then positional words: {"pack", "install", "x.pack"}
  std::string data;              // --data DIR (also in opts)
  std::vector<std::pair<std::string, std::string>> opts;  // --name value, once per time given: --key A --key B
  std::vector<std::string> flags;                         // options with no value that were given

  std::string get(const std::string& k) const {  // the first value given, or ""
    for (const auto& [a, b] : opts)
      if (a == k) return b;
    return {};
  }
  bool has(const std::string& k) const {  // an option given (even with an empty value) or a flag
    for (const auto& [a, b] : opts)
      if (a == k) return true;
    for (const auto& f : flags)
      if (f == k) return true;
    return false;
  }
};

// What a command, or one of its subcommands, accepts.
struct Syntax {
  std::string sub = {};                   // the subcommand's name; "" for the command itself
  std::vector<std::string> options = {};  // each takes one value and may be given more than once
  std::vector<std::string> flags = {};    // take no value
  std::string words = {};                 // positional words: "" none, "FILE" one, "FILE..." one or more
};

struct Command {
  std::string name;            // "pack"
  std::string summary;         // its line in `PROG --help`: "pack build|sign|...    signed content packs"
  std::string usage;           // `PROG pack --help`: "usage: waymarkctl pack build ..." and what it does
  std::vector<Syntax> syntax;  // the command's own (sub ""), or one per subcommand (then one is required)
  int (*run)(const Args&);
};

struct Program {
  std::string name;                       // "waymarkctl"
  std::vector<const Command*> commands;   // in the order `PROG --help` lists them
  // Runs after parsing, before the command (waymarkctl: become the data folder's owner). Returns false with
  // a reason to stop with exit 1.
  bool (*before_run)(const Args& a, std::string& err) = nullptr;
};

// Parses argv against the program's table and runs the command; returns the exit status.
int run_program(const Program& program, int argc, char** argv);

// For commands: "PROG CMD: msg (see PROG CMD --help)" on stderr; returns kExitUsage.
int usage_error(const std::string& program, const std::string& cmd, const std::string& msg);

}  // namespace waymark::cli
