// provisioning/cmd_myviews.cpp: waymarkctl form-check (validate a My Views form definition before it ships)
// and form-install (install one into a device's data folder; a version never changes once installed).
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "core/base/clock.h"
#include "core/storage/device_store.h"
#include "core/myviews/forms.h"
#include "provisioning/cli.h"

namespace waymark::cli {

namespace {
bool read_text(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

int cmd_form_check(const Args& a) {
  // a.pos[0] is the command's own name, then one FILE or more
  if (a.pos.size() < 2) return usage_error("waymarkctl", "form-check", "give one FILE or more");
  int bad = 0;
  for (size_t i = 1; i < a.pos.size(); i++) {
    const std::string& path = a.pos[i];
    std::string text;
    if (!read_text(path, text)) {
      std::printf("%s: cannot read the file\n", path.c_str());
      bad++;
      continue;
    }
    FormParse p = parse_form(text);
    if (!p.form) {
      std::printf("%s: refused: %s\n", path.c_str(), p.error.c_str());
      bad++;
    } else {
      std::printf("%s: ok: %s version %d, %zu questions\n", path.c_str(), p.form->id.c_str(), p.form->version,
                  p.form->questions.size());
    }
  }
  return bad ? 1 : 0;
}

int cmd_form_install(const Args& a) {
  if (a.pos.size() != 2 || a.data.empty()) return usage_error("waymarkctl", "form-install", "--data DIR and a FILE are required");
  std::string text;
  if (!read_text(a.pos[1], text)) {
    std::fprintf(stderr, "waymarkctl form-install: cannot read %s\n", a.pos[1].c_str());
    return 1;
  }
  DeviceOpenOptions o;
  o.create = false;
  DeviceOpenResult r = open_device(a.data, o);
  if (!r.db) {
    std::fprintf(stderr, "waymarkctl form-install: %s\n", r.error.c_str());
    return 1;
  }
  SystemClock clock;
  std::string err;
  if (!form_install(*r.db, text, clock.now_s(), &err)) {
    std::fprintf(stderr, "waymarkctl form-install: refused: %s\n", err.c_str());
    return 1;
  }
  std::printf("installed %s\n", a.pos[1].c_str());
  return 0;
}

}  // namespace

const Command kFormCheckCommand{
    "form-check", "form-check FILE...                                  check My Views form definitions (JSON)",
    "usage: waymarkctl form-check FILE...\n"
    "Checks My Views form definitions (JSON): every question, hint and option in English and Welsh,\n"
    "known question types and icons. Prints the reason for each one refused.",
    {{.words = "FILE..."}},
    cmd_form_check};

const Command kFormInstallCommand{
    "form-install", "form-install --data DIR FILE                        install a My Views form version",
    "usage: waymarkctl form-install --data DIR FILE\n"
    "Installs a checked My Views form definition. Drafts keep the version they started with.",
    {{.options = {"--data"}, .words = "FILE"}},
    cmd_form_install};

}  // namespace waymark::cli
