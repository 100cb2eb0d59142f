// gateway/store/contacts.h: where a child is and whom they may reach, the rules the device API (what a
// child's message may do), the worker API (whom a worker may message) and the admin (meetings) share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/storage/db.h"
#include "gateway/store/feed.h"

namespace waymark::gateway {

// The wing (and its establishment) of an active child; std::nullopt for an unknown or inactive child.
std::optional<WingRef> child_wing(Db& db, const std::string& number);
// The contact row (child, worker) allows messages and the worker is active.
bool contact_allowed(Db& db, const std::string& child, int64_t worker_id);

}  // namespace waymark::gateway
