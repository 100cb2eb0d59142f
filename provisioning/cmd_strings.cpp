// provisioning/cmd_strings.cpp: waymarkctl strings export: every child-facing string, for translators and
// the plain-words review.
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "core/i18n/i18n.h"
#include "provisioning/cli.h"

namespace waymark::cli {

namespace {

int cmd_strings(const Args& a) {
  const std::string lang = a.get("--lang");
  if (lang != "en" && lang != "cy") {
    std::fprintf(stderr, "waymarkctl strings export: --lang must be en or cy\n");
    return 2;
  }
  const std::string dir = a.has("--assets") ? a.get("--assets") : assets_dir();
  Strings strings;
  std::string err;
  if (!strings.load(dir + "/strings", &err)) {
    std::fprintf(stderr, "waymarkctl strings export: %s\n", err.c_str());
    return 1;
  }
  for (const auto& [id, text] : strings.table(lang)) {
    const nlohmann::json j = {{"id", id}, {"text", text}};
    std::printf("%s\n", j.dump().c_str());
  }
  return 0;
}

}  // namespace

const Command kStringsCommand{
    "strings", "strings export --lang en|cy [--assets DIR]         every child-facing string as JSON lines",
    "usage: waymarkctl strings export --lang en|cy [--assets DIR]\n"
    "Prints every child-facing string in that language as JSON lines: {\"id\": ..., \"text\": ...},\n"
    "sorted by id, from assets/strings/<lang>/*.json. --assets defaults to the installed assets.",
    {{.sub = "export", .options = {"--lang", "--assets"}}},
    cmd_strings};

}  // namespace waymark::cli
