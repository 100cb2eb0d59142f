// provisioning/cmd_staff.cpp: waymarkctl staff add | reset-pin | list.
//
// A PIN never goes on the command line in normal use (it would sit in shell history and `ps`): it is read
// from standard input, with echo off and asked twice at a terminal, or as the first line of a pipe.
// --pin exists for scripts that already hold the PIN somewhere safe.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/accounts/accounts.h"
#include "core/base/clock.h"
#include "core/storage/device_store.h"
#include "core/ops/provisioning.h"
#include "core/base/secrets.h"
#include "core/base/text.h"
#include "provisioning/cli.h"

namespace waymark::cli {

namespace {

const char* kUsage =
    "usage: waymarkctl staff list      --data DIR [--json]\n"
    "       waymarkctl staff add       --data DIR --number N --name NAME --roles ROLE[,ROLE...] [--pin PIN]\n"
    "       waymarkctl staff reset-pin --data DIR --number N [--pin PIN]\n"
    "Roles: education, approver, wing_officer, it. Wing officers and IT can leave the kiosk with their PIN.\n"
    "The PIN (4 to 8 digits, not one digit repeated, not a run like 1234) is read from standard input:\n"
    "at a terminal it is asked twice with echo off; from a pipe the first line is used. --pin is for scripts.\n"
    "Exit status: 0 done, 1 failed, 2 usage error (including a PIN or role that is not allowed).";

bool read_line_noecho(const char* prompt, std::string& out) {
  std::fputs(prompt, stderr);
  std::fflush(stderr);
  termios old{};
  const bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  const bool ok = static_cast<bool>(std::getline(std::cin, out));
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    std::fputs("\n", stderr);
  }
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return ok;
}

// 0 with the PIN in pin, or an exit code.
int obtain_pin(const Args& a, const char* cmd, std::string& pin) {
  if (a.has("--pin")) {
    pin = a.get("--pin");
  } else if (isatty(STDIN_FILENO)) {
    std::string again;
    if (!read_line_noecho("New staff PIN: ", pin) || !read_line_noecho("Same PIN again: ", again)) {
      std::fprintf(stderr, "waymarkctl %s: no PIN was given\n", cmd);
      return 2;
    }
    if (pin != again) {
      wipe(pin);
      wipe(again);
      std::fprintf(stderr, "waymarkctl %s: the two PINs were different; nothing was changed\n", cmd);
      return 2;
    }
    wipe(again);
  } else if (!std::getline(std::cin, pin)) {
    std::fprintf(stderr, "waymarkctl %s: no PIN on standard input (pipe it in, or use --pin)\n", cmd);
    return 2;
  }
  while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ')) pin.pop_back();
  const std::string problem = staff_pin_problem(pin);
  if (!problem.empty()) {
    wipe(pin);
    std::fprintf(stderr, "waymarkctl %s: %s; nothing was changed\n", cmd, problem.c_str());
    return 2;
  }
  return 0;
}

std::unique_ptr<Db> open_existing(const Args& a, const char* cmd) {
  if (a.data.empty()) {
    std::fprintf(stderr, "waymarkctl %s: --data DIR is required\n", cmd);
    return nullptr;
  }
  DeviceOpenOptions o;
  o.create = false;
  DeviceOpenResult r = open_device(a.data, o);
  if (!r.db) std::fprintf(stderr, "waymarkctl %s: %s\n", cmd, r.error.c_str());
  return std::move(r.db);
}

int staff_list(const Args& a) {
  auto db = open_existing(a, "staff list");
  if (!db) return a.data.empty() ? 2 : 1;
  SystemClock clock;
  Accounts acc(*db, clock);
  nlohmann::json arr = nlohmann::json::array();
  for (const StaffProfile& s : acc.all_staff()) {
    std::string roles;
    for (Role role : s.roles) roles += std::string(roles.empty() ? "" : ",") + role_name(role);
    if (a.has("--json")) {
      nlohmann::json r = nlohmann::json::array();
      for (Role role : s.roles) r.push_back(role_name(role));
      arr.push_back({{"number", s.number}, {"name", s.name}, {"roles", r}, {"can_exit_kiosk", s.can_exit_kiosk()}});
    } else {
      std::printf("%s\t%s\t%s\n", s.number.c_str(), s.name.c_str(), roles.c_str());
    }
  }
  if (a.has("--json")) std::printf("%s\n", arr.dump(2).c_str());
  return 0;
}

int staff_add_or_reset(const Args& a, bool add) {
  const char* cmd = add ? "staff add" : "staff reset-pin";
  const std::string number = a.get("--number");
  if (a.data.empty() || number.empty() || (add && (a.get("--name").empty() || a.get("--roles").empty()))) {
    std::fprintf(stderr, "waymarkctl %s: %s are required\n%s\n", cmd,
                 add ? "--data, --number, --name and --roles" : "--data and --number", kUsage);
    return 2;
  }
  if (!Accounts::valid_number(number)) {
    std::fprintf(stderr, "waymarkctl %s: a staff number has 1 to 16 digits\n", cmd);
    return 2;
  }
  StaffProfile p;
  p.number = number;
  if (add) {
    p.name = sanitize_text(a.get("--name"), 60, false);
    if (p.name.empty()) {
      std::fprintf(stderr, "waymarkctl %s: the name is empty once control characters are removed\n", cmd);
      return 2;
    }
    std::string roles = a.get("--roles") + ",";
    for (size_t s = 0, e; (e = roles.find(',', s)) != std::string::npos; s = e + 1) {
      const std::string r = roles.substr(s, e - s);
      if (r.empty()) continue;
      auto role = parse_role(r);
      if (!role) {
        std::fprintf(stderr, "waymarkctl %s: unknown role \"%s\" (roles: education, approver, wing_officer, it)\n", cmd, r.c_str());
        return 2;
      }
      if (!p.has(*role)) p.roles.push_back(*role);
    }
    if (p.roles.empty()) {
      std::fprintf(stderr, "waymarkctl %s: give at least one role\n", cmd);
      return 2;
    }
  }
  auto db = open_existing(a, cmd);
  if (!db) return 1;
  std::unique_ptr<PinSeal> seal;
  if (!pin_seal_for(a, cmd, seal)) return 1;
  SystemClock clock;
  Accounts acc(*db, clock, seal.get());
  auto existing = acc.staff(number);
  if (add && existing) {
    std::fprintf(stderr, "waymarkctl %s: staff number %s already exists (use `staff reset-pin` to change the PIN)\n", cmd, number.c_str());
    return 1;
  }
  if (!add && !existing) {
    std::fprintf(stderr, "waymarkctl %s: there is no active staff number %s (see `staff list`)\n", cmd, number.c_str());
    return 1;
  }
  std::string pin;
  if (int rc = obtain_pin(a, cmd, pin)) return rc;
  if (!add) p = *existing;
  acc.put_staff(p, pin);
  wipe(pin);
  {
    Txn txn(*db);
    // a new PIN ends any lockout on that number
    Stmt s(*db, "DELETE FROM pin_attempts WHERE kind = 'staff' AND number = :n");
    s.bind(":n", number).run();
    audit(*db, clock.now_s(), "waymarkctl", add ? "staff-add" : "staff-reset-pin", number);
    txn.commit();
  }
  std::printf("%s staff %s (%s)\n", add ? "added" : "new PIN set for", number.c_str(), p.name.c_str());
  return 0;
}

int cmd_staff(const Args& a) {
  const std::string& sub = a.pos[1];
  if (sub == "list") return staff_list(a);
  return staff_add_or_reset(a, sub == "add");
}

}  // namespace

const Command kStaffCommand{
    "staff", "staff list|add|reset-pin --data DIR ...            staff accounts (PINs read from stdin)", kUsage,
    {{.sub = "list", .options = {"--data"}, .flags = {"--json"}},
     {.sub = "add", .options = {"--data", "--number", "--name", "--roles", "--pin"}},
     {.sub = "reset-pin", .options = {"--data", "--number", "--pin"}}},
    cmd_staff};

}  // namespace waymark::cli
