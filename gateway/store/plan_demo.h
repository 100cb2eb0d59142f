// gateway/store/plan_demo.h: the plans, the application and its enquiry in the gateway's demo (see plan_demo.cpp).
#pragma once

#include <cstdint>

#include "core/storage/db.h"

namespace waymark::gateway {

// Inside seed_gateway_demo, after the demo children and workers exist. Each save opens its own transaction.
void seed_plan_demo(Db& db, int64_t now_ms);
// `waymark-gateway demo-seed` only (test fixtures seed their own records): Alex's enquiry about the listing
// seed_plan_demo set to "application sent", as the demo kiosk sent it two weeks ago and Sam opened it, from the
// revoked "demo history" device (demo_records.h). Once; false when already there or there is no Alex.
bool seed_demo_enquiry(Db& db, int64_t now_ms);

}  // namespace waymark::gateway
