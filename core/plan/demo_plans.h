// core/plan/demo_plans.h: the demo children's plans and Alex's enquiry state (see demo_plans.cpp), seeded by
// `waymarkctl demo-seed` after the demo pack is installed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/base/clock.h"
#include "core/base/dates.h"
#include "core/plan/plan.h"
#include "core/storage/db.h"

namespace waymark {

void seed_demo_plans(Db& db, const Clock& clock);

// A demo child's plan as their worker wrote it ("1001" Alex, "1002" Cerys; none for anyone else), so the
// gateway's demo (`waymark-gateway demo-seed`) holds the same plans the demo kiosk shows.
std::optional<plan::Plan> demo_plan(const std::string& child, CivilDate today, int64_t now_s);

}  // namespace waymark
