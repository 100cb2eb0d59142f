// gateway/cli/cmd_packs.cpp: waymark-gateway packs publish and list: a curator's signed content pack
// offered to every wing's devices.
#include <cstdio>
#include <stdexcept>
#include <string>

#include "gateway/cli/commands.h"
#include "gateway/store/packs.h"

namespace waymark::gateway::cli {

namespace {

int cmd_packs(const Args& a) {
  const std::string& sub = a.pos[1];
  if (!a.has("--data")) return usage_error("packs", "--data is required");
  auto db = open_or_fail(a);
  if (sub == "list") {
    for (const PublishedPack& p : list_packs(*db))
      std::printf("%s\tv%lld\t%lld bytes\texpires %s\tkey %s\tsha256 %s\n", p.pack_id.c_str(), static_cast<long long>(p.version),
                  static_cast<long long>(p.size), p.expires.c_str(), p.key_id.c_str(), p.sha256.c_str());
    return 0;
  }
  if (a.get("--file").empty()) return usage_error("packs publish", "--file is required");
  try {
    const PublishedPack p = publish_pack_file(*db, a.get("--data"), a.get("--file"), actor(), now_ms());
    std::printf("published %s v%lld (%lld bytes, expires %s) to every wing\nsha256 %s\n", p.pack_id.c_str(),
                static_cast<long long>(p.version), static_cast<long long>(p.size), p.expires.c_str(), p.sha256.c_str());
  } catch (const std::invalid_argument& e) {
    return failed("packs publish", std::string("refused: ") + e.what());
  }
  return 0;
}

}  // namespace

const Command kPacksCommand{
    "packs", "packs publish|list --data DIR [--file PACK]          content packs for every wing",
    "usage: waymark-gateway packs publish --data DIR --file PACK\n"
    "       waymark-gateway packs list --data DIR\n"
    "publish: checks that PACK is a whole, well-formed content pack (made with `waymarkctl pack build` and\n"
    "signed by a curator) and newer than any published version of the same pack id, stores it in DIR/packs,\n"
    "and offers it to every wing's devices at their next sync. Each device checks the curator's signature\n"
    "with its own trusted keys. Packs up to 64 MB. Publishing is recorded in the audit log.",
    {{.sub = "publish", .options = {"--data", "--file"}}, {.sub = "list", .options = {"--data"}}},
    cmd_packs};

}  // namespace waymark::gateway::cli
