// cli/command_line.cpp: run_program, the CLI11 side of cli/command_line.h.
//
// Index
//  - declare        : one CLI11 (sub)app per command and subcommand, from its Syntax
//  - collect        : the parsed apps back into Args
//  - plain words    : CLI11's errors and leftovers as one line an operator can act on
//  - run_program
#include "cli/command_line.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>

namespace waymark::cli {

namespace {

void print(FILE* to, const std::string& text) {
  std::fputs(text.c_str(), to);
  if (text.empty() || text.back() != '\n') std::fputc('\n', to);
}

std::string program_usage(const Program& p) {
  std::string s = "usage: " + p.name + " COMMAND [options]\ncommands:\n";
  for (const Command* c : p.commands) s += "  " + c->summary + "\n";
  s += "Every command takes --help. Exit status: 0 ok, 1 failed, 2 usage error.";
  return s;
}

// ---------------------------------------------------------------- declare
// Unknown words are not CLI11 errors here (allow_extras): they are collected and named in plain words.
void declare(CLI::App& app, const Syntax& s) {
  app.allow_extras(true);
  for (const std::string& o : s.options) app.add_option(o)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  for (const std::string& f : s.flags) app.add_flag(f);
  if (s.words.empty()) return;
  const bool many = s.words.size() > 3 && s.words.compare(s.words.size() - 3, 3, "...") == 0;
  CLI::Option* w = app.add_option(many ? s.words.substr(0, s.words.size() - 3) : s.words);
  if (many) w->expected(-1);
}

CLI::App* declare_command(CLI::App& top, const Command& c) {
  CLI::App* app = top.add_subcommand(c.name);
  app->allow_extras(true);
  app->require_subcommand(0, 1);  // at most one: a later word is never taken for a second subcommand
  for (const Syntax& s : c.syntax) declare(s.sub.empty() ? *app : *app->add_subcommand(s.sub), s);
  return app;
}

bool has_subcommands(const Command& c) {
  for (const Syntax& s : c.syntax)
    if (!s.sub.empty()) return true;
  return false;
}

// ---------------------------------------------------------------- collect
void collect(const CLI::App& app, const Syntax* syntax, Args& a) {
  if (!syntax) return;
  for (const CLI::Option* o : app.get_options()) {
    if (o->count() == 0 || o->get_name() == "--help") continue;
    const std::string name = o->get_name();
    if (o->get_positional()) {
      for (const std::string& v : o->results()) a.pos.push_back(v);
      continue;
    }
    bool flag = false;
    for (const std::string& f : syntax->flags) flag = flag || f == name;
    if (flag) {
      a.flags.push_back(name);
      continue;
    }
    for (const std::string& v : o->results()) {
      if (name == "--data" && a.data.empty()) a.data = v;
      a.opts.emplace_back(name, v);
    }
  }
}

const Syntax* syntax_of(const Command& c, const std::string& sub) {
  for (const Syntax& s : c.syntax)
    if (s.sub == sub) return &s;
  return nullptr;
}

// ---------------------------------------------------------------- plain words
// The first word nobody took, in plain words; "" when there is none.
std::string leftover(const CLI::App& app) {
  const std::vector<std::string> rest = app.remaining();
  if (rest.empty()) return {};
  const std::string& w = rest.front();
  if (w.rfind("-", 0) == 0 && w.size() > 1) return "unknown option " + w;
  return "unexpected word " + w;
}

// CLI11's ArgumentMismatch reads "--data: 1 required TEXT missing".
std::string plain(const CLI::ParseError& e) {
  const std::string what = e.what();
  if (e.get_name() == "ArgumentMismatch") {
    const auto colon = what.find(':');
    return (colon == std::string::npos ? std::string("an option") : what.substr(0, colon)) + " needs a value";
  }
  return what;
}

// Which command (and subcommand) CLI11 reached, even when it stopped on an error.
struct Reached {
  const Command* cmd = nullptr;
  CLI::App* app = nullptr;
  CLI::App* sub = nullptr;
  std::string name() const { return sub ? cmd->name + " " + sub->get_name() : cmd ? cmd->name : std::string(); }
};

Reached reached(const Program& p, const std::vector<CLI::App*>& apps) {
  Reached r;
  for (size_t i = 0; i < apps.size() && !r.cmd; i++)
    if (apps[i]->parsed()) r = {p.commands[i], apps[i], nullptr};
  if (r.app)
    for (CLI::App* s : r.app->get_subcommands()) r.sub = s;
  return r;
}

// No subcommand was given to a command that needs one: name them, and show the usage.
int say_which(const Program& p, const Reached& r) {
  const std::vector<std::string> before = r.app->remaining();
  if (!before.empty() && before.front().rfind("-", 0) != 0)
    return usage_error(p.name, r.cmd->name, "unknown subcommand " + before.front());
  std::string names;
  for (const Syntax& s : r.cmd->syntax) names += (names.empty() ? "" : ", ") + s.sub;
  std::fprintf(stderr, "%s %s: say which: %s\n", p.name.c_str(), r.cmd->name.c_str(), names.c_str());
  print(stderr, r.cmd->usage);
  return kExitUsage;
}

int run_command(const Program& p, const Command& c, const Args& a) {
  if (p.before_run) {
    std::string err;
    if (!p.before_run(a, err)) {
      std::fprintf(stderr, "%s %s: %s\n", p.name.c_str(), c.name.c_str(), err.c_str());
      return kExitFailed;
    }
  }
  try {
    return c.run(a);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s %s: %s\n", p.name.c_str(), c.name.c_str(), e.what());
    return kExitFailed;
  }
}

}  // namespace

int usage_error(const std::string& program, const std::string& cmd, const std::string& msg) {
  std::fprintf(stderr, "%s %s: %s (see %s %s --help)\n", program.c_str(), cmd.c_str(), msg.c_str(), program.c_str(),
               cmd.c_str());
  return kExitUsage;
}

// ---------------------------------------------------------------- run_program
int run_program(const Program& p, int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "help") {
    print(argc < 2 ? stderr : stdout, program_usage(p));
    return argc < 2 ? kExitUsage : kExitOk;
  }
  CLI::App top(p.name);
  top.allow_extras(true);
  top.require_subcommand(0, 1);
  std::vector<CLI::App*> apps;
  for (const Command* c : p.commands) apps.push_back(declare_command(top, *c));
  try {
    top.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    const Reached r = reached(p, apps);
    print(stdout, r.cmd ? r.cmd->usage : program_usage(p));
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    const Reached r = reached(p, apps);
    if (r.cmd) return usage_error(p.name, r.name(), plain(e));
    std::fprintf(stderr, "%s: %s\n", p.name.c_str(), plain(e).c_str());
    return kExitUsage;
  }
  const Reached r = reached(p, apps);
  if (!r.cmd) {
    const std::vector<std::string> rest = top.remaining();
    if (!rest.empty()) std::fprintf(stderr, "%s: unknown command %s\n", p.name.c_str(), rest.front().c_str());
    print(stderr, program_usage(p));
    return kExitUsage;
  }
  if (has_subcommands(*r.cmd) && !r.sub) return say_which(p, r);
  // Words before a subcommand are left over at the command's level: `pack --data D install`.
  if (r.sub && !r.app->remaining().empty())
    return usage_error(p.name, r.name(), r.app->remaining().front() + " goes after " + r.sub->get_name());
  const std::string wrong = leftover(r.sub ? *r.sub : *r.app);
  if (!wrong.empty()) return usage_error(p.name, r.name(), wrong);

  Args a;
  a.pos.push_back(r.cmd->name);
  if (r.sub) a.pos.push_back(r.sub->get_name());
  collect(*r.app, syntax_of(*r.cmd, ""), a);
  if (r.sub) collect(*r.sub, syntax_of(*r.cmd, r.sub->get_name()), a);
  return run_command(p, *r.cmd, a);
}

}  // namespace waymark::cli
