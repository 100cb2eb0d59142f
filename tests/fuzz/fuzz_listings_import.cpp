// Fuzz target: a staff member's listings CSV import (import_listings_csv) on an in-memory device database with
// the demo's local authorities, as `waymarkctl listings import` and staff mode run it.
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/accounts/accounts.h"
#include "core/catalogue/catalogue.h"
#include "core/catalogue/curation.h"
#include "core/storage/db.h"
#include "core/storage/migrations.h"

using namespace waymark;

namespace {
std::unique_ptr<Db> fresh_db() {
  auto db = std::make_unique<Db>(":memory:");
  migrate(*db, device_migrations());
  Txn t(*db);
  replace_local_authorities(*db, {{"E08000035", "Leeds", "", "Yorkshire and The Humber", 53.822731, -1.507360},
                                  {"W06000015", "Cardiff", "Caerdydd", "Wales", 51.502541, -3.222090}});
  t.commit();
  return db;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<Db> db;
  static int runs = 0;
  if (!db || ++runs % 500 == 0) db = fresh_db();  // a new database now and then, so it does not grow forever
  static const StaffProfile editor{"9001", "Priya Shah", {Role::Education, Role::Approver}};
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const ImportReport r = import_listings_csv(*db, text, editor, CivilDate{2026, 1, 5}, 100 + runs);
  if (r.error.empty() && r.accepted + r.rejected != static_cast<int>(r.rows.size())) __builtin_trap();
  return 0;
}
