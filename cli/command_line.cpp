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
  app->require_subcommand(0, 1);
  for (const Syntax& s : c.syntax) {
    if (s.sub.empty()) {
      declare(*app, s);
    } else {
      CLI::App* sub = app->add_subcommand(s.sub);
      sub->require_subcommand(0, 0);
      declare(*sub, s);
    }
  }
  if (c.syntax.empty()) app->allow_extras(true);
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
std::string leftover(const CLI::App& app, bool sub_expected) {
  const std::vector<std::string> rest = app.remaining();
  if (rest.empty()) return {};
  const std::string& w = rest.front();
  if (w.rfind("-", 0) == 0 && w.size() > 1) return "unknown option " + w;
  if (sub_expected) return "unknown subcommand " + w;
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
  if (argc < 2) {
    print(stderr, program_usage(p));
    return kExitUsage;
  }
  if (std::string(argv[1]) == "help") {
    print(stdout, program_usage(p));
    return kExitOk;
  }
  CLI::App top(p.name);
  top.allow_extras(true);
  top.require_subcommand(0, 1);
  std::vector<CLI::App*> apps;
  for (const Command* c : p.commands) apps.push_back(declare_command(top, *c));

  const Command* chosen = nullptr;
  CLI::App* app = nullptr;
  try {
    top.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    for (size_t i = 0; i < apps.size() && !chosen; i++)
      if (apps[i]->parsed()) chosen = p.commands[i];
    print(stdout, chosen ? chosen->usage : program_usage(p));
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    for (size_t i = 0; i < apps.size() && !chosen; i++)
      if (apps[i]->parsed()) chosen = p.commands[i];
    if (!chosen) {
      std::fprintf(stderr, "%s: %s\n", p.name.c_str(), plain(e).c_str());
      return kExitUsage;
    }
    return usage_error(p.name, chosen->name, plain(e));
  }
  for (size_t i = 0; i < apps.size() && !chosen; i++)
    if (apps[i]->parsed()) chosen = p.commands[i], app = apps[i];
  if (!chosen) {
    const std::vector<std::string> rest = top.remaining();
    if (!rest.empty()) std::fprintf(stderr, "%s: unknown command %s\n", p.name.c_str(), rest.front().c_str());
    print(stderr, program_usage(p));
    return kExitUsage;
  }

  Args a;
  a.pos.push_back(chosen->name);
  collect(*app, syntax_of(*chosen, ""), a);
  const bool subs = has_subcommands(*chosen);
  std::string wrong = leftover(*app, subs);
  if (subs && wrong.empty()) {
    const std::vector<CLI::App*> picked = app->get_subcommands();
    if (picked.empty()) {
      std::string names;
      for (const Syntax& s : chosen->syntax) names += (names.empty() ? "" : ", ") + s.sub;
      std::fprintf(stderr, "%s %s: say which: %s\n", p.name.c_str(), chosen->name.c_str(), names.c_str());
      print(stderr, chosen->usage);
      return kExitUsage;
    }
    a.pos.insert(a.pos.begin() + 1, picked.front()->get_name());
    collect(*picked.front(), syntax_of(*chosen, picked.front()->get_name()), a);
    wrong = leftover(*picked.front(), false);
  }
  if (!wrong.empty()) return usage_error(p.name, a.pos.size() > 1 && subs ? chosen->name + " " + a.pos[1] : chosen->name, wrong);
  return run_command(p, *chosen, a);
}

}  // namespace waymark::cli
