// gateway/cli/support.cpp: what every waymark-gateway command file uses (commands.h).
#include <cstdio>
#include <cstdlib>

#include "core/base/clock.h"
#include "gateway/cli/commands.h"
#include "gateway/store/store.h"

namespace waymark::gateway::cli {

int64_t now_ms() { return wall_now_ms(); }

std::string actor() {
  const char* u = std::getenv("SUDO_USER");
  if (!u) u = std::getenv("USER");
  return std::string("admin:") + (u ? u : "unknown");
}

int usage_error(const std::string& cmd, const std::string& msg) { return waymark::cli::usage_error("waymark-gateway", cmd, msg); }

int failed(const std::string& cmd, const std::string& msg) {
  std::fprintf(stderr, "waymark-gateway %s: %s\n", cmd.c_str(), msg.c_str());
  return waymark::cli::kExitFailed;
}

std::unique_ptr<Db> open_or_fail(const Args& a) { return open_gateway(a.get("--data")); }

}  // namespace waymark::gateway::cli
