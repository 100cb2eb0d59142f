// Fuzz target: a child's plan (parse_plan_text), as `plan import` reads a file and the kiosk reads a `plan` feed
// change, and the plan bodies of the wire (plan, application, plan_answer). A plan that parses must write back
// to JSON that parses to the same bytes: neither side may store a plan the other cannot read.
#include <cstdint>
#include <string>

#include "core/plan/plan.h"
#include "core/sync/wire.h"

using namespace waymark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const plan::ParsedPlan p = plan::parse_plan_text(text);
  if (!p.ok() && p.error.empty()) __builtin_trap();
  if (p.ok()) {
    const std::string once = plan::plan_to_json(*p.plan).dump();
    const plan::ParsedPlan again = plan::parse_plan_text(once);
    if (!again.ok() || plan::plan_to_json(*again.plan).dump() != once) __builtin_trap();
  }
  (void)wire::parse_text<wire::PlanChange>(text);
  (void)wire::parse_text<wire::ApplicationChange>(text);
  (void)wire::parse_text<wire::PlanAnswer>(text);
  return 0;
}
