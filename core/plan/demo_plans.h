// core/plan/demo_plans.h: the demo children's plans and Alex's enquiry state (see demo_plans.cpp), seeded by
// `waymarkctl demo-seed` after the demo pack is installed.
#pragma once

#include "core/base/clock.h"
#include "core/storage/db.h"

namespace waymark {

void seed_demo_plans(Db& db, const Clock& clock);

}  // namespace waymark
