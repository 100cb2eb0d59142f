#include "kiosk/staff/staff_menu.h"

#include <cstdio>

#include "core/storage/device_store.h"
#include "kiosk/staff/staff_screens.h"

namespace waymark::kiosk {

using namespace screens;

void StaffMenuFeature::draw(ui::Ui& ui, StaffContext& ctx) {
  StaffMenuVM vm{ctx.staff.name, ctx.staff.can_exit_kiosk(), {}, {}};
  for (const StaffMenuEntry& e : ctx.menu) vm.parts.push_back(StaffMenuPart{e.route, ui.t(e.title_id), e.icon});
  switch (draw_staff_menu(ui, vm)) {
    case StaffMenuIntent::OpenPart: ctx.nav.push(vm.opened); break;
    case StaffMenuIntent::ExitKiosk:
      if (ctx.staff.can_exit_kiosk()) {
        Txn txn(ctx.db);
        audit(ctx.db, ctx.clock.now_s(), "staff:" + ctx.staff.number, "kiosk-exit", "left the kiosk with a staff PIN");
        txn.commit();
        std::fprintf(stderr, "waymark-kiosk: staff %s left the kiosk\n", ctx.staff.number.c_str());
        ctx.exit_kiosk = true;
      }
      break;
    case StaffMenuIntent::Back: ctx.session.request_end("staff finished"); break;
    case StaffMenuIntent::None: break;
  }
}

}  // namespace waymark::kiosk
