// gateway/store/schema.h: the gateway's migrations, in order (the SQL and the next free number are in
// schema.cpp). open_gateway applies them; nothing else should.
#pragma once

#include <vector>

#include "core/storage/migrations.h"

namespace waymark::gateway {

const std::vector<Migration>& gateway_migrations();

}  // namespace waymark::gateway
