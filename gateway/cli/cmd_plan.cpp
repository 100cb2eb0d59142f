// gateway/cli/cmd_plan.cpp: waymark-gateway plan show and import: a child's resettlement plan as JSON
// (docs/plan-format.md), to bring plans over from another system and for tests. An import is a new version,
// saved as the named worker, and reaches the child's kiosk at its next sync.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "gateway/cli/commands.h"
#include "gateway/store/store.h"

namespace waymark::gateway::cli {

namespace {

constexpr std::streamsize kMaxPlanFileBytes = 256 * 1024;  // a whole plan at every limit is well under this

int plan_show(Db& db, const std::string& child) {
  if (!get_child(db, child)) return failed("plan show", "there is no child " + child);
  const auto p = current_plan(db, child);
  if (!p) return failed("plan show", "child " + child + " has no plan yet");
  std::printf("%s\n", plan::plan_to_json(*p).dump(2).c_str());
  return 0;
}

int plan_import(Db& db, const Args& a, const std::string& child) {
  const std::string file = a.get("--file"), email = a.get("--as");
  if (file.empty() || email.empty()) return usage_error("plan import", "--file and --as are required");
  std::ifstream f(file, std::ios::binary);
  if (!f) return failed("plan import", "cannot read " + file);
  std::string text(static_cast<size_t>(kMaxPlanFileBytes) + 1, '\0');
  f.read(text.data(), kMaxPlanFileBytes + 1);
  text.resize(static_cast<size_t>(f.gcount()));
  if (static_cast<std::streamsize>(text.size()) > kMaxPlanFileBytes) return failed("plan import", "refused: " + file + " is larger than 256 KB");
  const plan::ParsedPlan p = plan::parse_plan_text(text);
  if (!p.ok()) return failed("plan import", "refused, nothing saved: " + p.error);
  if (!get_child(db, child)) return failed("plan import", "refused, nothing saved: there is no child " + child);
  const auto w = worker_by_email(db, email);
  if (!w || !w->active) return failed("plan import", "refused, nothing saved: there is no active worker with the email " + email);
  if (!child_allocated(db, w->id, child))
    return failed("plan import", "refused, nothing saved: " + w->name + " is not allocated to child " + child +
                                     " (waymark-gateway contacts allow)");
  try {
    const plan::Plan saved = save_plan(db, child, *p.plan,
                                       PlanAuthor{w->name, actor() + " as worker " + std::to_string(w->id) + " (" + w->name + ")"},
                                       "imported from " + file, now_ms());
    std::printf("saved version %lld of child %s's plan as %s; the kiosks of the child's wing get it at their next sync\n",
                static_cast<long long>(saved.version), child.c_str(), w->name.c_str());
  } catch (const std::invalid_argument& e) {
    return failed("plan import", std::string("refused, nothing saved: ") + e.what());
  }
  return 0;
}

int cmd_plan(const Args& a) {
  const std::string& sub = a.pos[1];
  if (!a.has("--data")) return usage_error("plan", "--data is required");
  const std::string child = a.get("--child");
  if (child.empty()) return usage_error("plan " + sub, "--child is required");
  auto db = open_or_fail(a);
  return sub == "show" ? plan_show(*db, child) : plan_import(*db, a, child);
}

}  // namespace

const Command kPlanCommand{
    "plan", "plan show|import --data DIR --child N ...             a child's resettlement plan",
    "usage: waymark-gateway plan show   --data DIR --child N\n"
    "       waymark-gateway plan import --data DIR --child N --file PLAN.json --as EMAIL\n"
    "show: prints the child's current plan as JSON (docs/plan-format.md).\n"
    "import: reads PLAN.json in the same format and saves it as the child's next version, as the worker with\n"
    "that email (who must be allocated to the child). The whole file is checked first: an unknown pathway, a\n"
    "date that is not a date, text too long, an unknown child or worker refuses it with the reason, and\n"
    "nothing is saved. The version, saved_by and saved_at in the file are ignored. Audited (plan.save).",
    {{.sub = "show", .options = {"--data", "--child"}}, {.sub = "import", .options = {"--data", "--child", "--file", "--as"}}},
    cmd_plan};

}  // namespace waymark::gateway::cli
