// gateway/store/board_demo.h: fictional past history for the demo's board report, kept apart from the demo's
// own children (admin.h seed_gateway_demo) so each grows on its own.
#pragma once

#include <cstdint>

#include "core/storage/db.h"

namespace waymark::gateway {

// Once per database (meta board_demo_seeded): establishment code BKF when none is set (the gateway demo sets BRK first); a third YOT worker;
// 48 fictional children released over the last year (inactive, on no wing's roster: nothing reaches a kiosk)
// with their past meetings, My Views, messages, replies and "I'm interested"; and the board member Morgan Price
// (morgan.price@board.example, password demo-board-2468, scope all). Returns false when already seeded.
bool seed_board_demo(Db& db, int64_t now_ms);

}  // namespace waymark::gateway
