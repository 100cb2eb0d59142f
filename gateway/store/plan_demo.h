// gateway/store/plan_demo.h: the plans and the application of the gateway's demo (see plan_demo.cpp).
#pragma once

#include <cstdint>

#include "core/storage/db.h"

namespace waymark::gateway {

// Inside seed_gateway_demo, after the demo children and workers exist. Each save opens its own transaction.
void seed_plan_demo(Db& db, int64_t now_ms);

}  // namespace waymark::gateway
