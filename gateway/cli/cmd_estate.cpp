// gateway/cli/cmd_estate.cpp: waymark-gateway establishments: the establishments this gateway serves and their
// wings (gateway/store/establishments.h). Children move between them with `children transfer` (cmd_roster.cpp).
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "gateway/cli/commands.h"
#include "gateway/store/establishments.h"
#include "gateway/store/store.h"

namespace waymark::gateway::cli {

namespace {

std::vector<std::string> all_of(const Args& a, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& [k, v] : a.opts)
    if (k == key) out.push_back(v);
  return out;
}

int cmd_establishments(const Args& a) {
  const std::string& sub = a.pos[1];
  if (!a.has("--data")) return usage_error("establishments", "--data is required");
  auto db = open_or_fail(a);
  try {
    if (sub == "list") {
      for (const Establishment& e : list_establishments(*db)) {
        std::string wings;
        for (const std::string& w : e.wings) wings += (wings.empty() ? "" : ", ") + w;
        std::printf("%s\t%s\twings: %s\n", e.code.c_str(), e.name.c_str(), wings.empty() ? "(none yet)" : wings.c_str());
      }
      return 0;
    }
    if (a.get("--code").empty()) return usage_error("establishments " + sub, "--code is required");
    if (sub == "add") {
      if (a.get("--name").empty()) return usage_error("establishments add", "--name is required");
      add_establishment(*db, a.get("--code"), a.get("--name"), all_of(a, "--wing"), actor(), now_ms());
      std::printf("added establishment %s\n", a.get("--code").c_str());
      return 0;
    }
    if (a.get("--wing").empty()) return usage_error("establishments add-wing", "--wing is required");
    add_wing(*db, a.get("--code"), a.get("--wing"), actor(), now_ms());
    std::printf("%s has wing %s\n", a.get("--code").c_str(), a.get("--wing").c_str());
    return 0;
  } catch (const std::invalid_argument& e) {
    return failed("establishments " + sub, e.what());
  }
}

}  // namespace

const Command kEstablishmentsCommand{
    "establishments", "establishments list|add|add-wing --data DIR ...    the establishments this gateway serves",
    "usage: waymark-gateway establishments list --data DIR\n"
    "       waymark-gateway establishments add --data DIR --code CODE --name NAME --wing WING [--wing WING]...\n"
    "       waymark-gateway establishments add-wing --data DIR --code CODE --wing WING\n"
    "One gateway serves many establishments (YOIs, STCs, secure children's homes). A code is 2 to 12 capital\n"
    "letters and digits (BRK). The first establishment is the one `init` names (code from init --code, MAIN\n"
    "until one is set). Devices, children and security staff belong to one establishment; commands that act on\n"
    "one take --establishment CODE (needed only when the wing does not say which).",
    {{.sub = "list", .options = {"--data"}},
     {.sub = "add", .options = {"--data", "--code", "--name", "--wing"}},
     {.sub = "add-wing", .options = {"--data", "--code", "--wing"}}},
    cmd_establishments};

}  // namespace waymark::gateway::cli
