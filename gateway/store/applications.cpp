#include "gateway/store/applications.h"

#include <stdexcept>

#include "core/base/text.h"
#include "core/sync/wire.h"
#include "gateway/store/audit.h"
#include "gateway/store/contacts.h"
#include "gateway/store/feed.h"

namespace waymark::gateway {

namespace {
const char* const kColumns = "child, listing_id, record_id, title, provider, state, on_date, reason, set_by, set_at";
ApplicationRow read_row(Stmt& s) {
  return ApplicationRow{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8), s.i64(9)};
}
}  // namespace

void set_application(Db& db, ApplicationRow row, const std::string& actor, int64_t now_ms) {
  row.reason = trim_space(row.reason);
  const wire::ApplicationChange change{wire::kWireVersion, row.child, row.listing_id, row.record_id, row.title, row.provider,
                                       row.state, row.on_date, row.reason, now_ms / 1000};
  const auto checked = wire::parse<wire::ApplicationChange>(nlohmann::json(change));  // the kiosk's own rules
  if (!checked) throw std::invalid_argument(checked.error);
  if (row.listing_id.size() > 64) throw std::invalid_argument("listing_id: at most 64 characters");
  Txn t(db);
  const auto wing = child_wing(db, row.child);
  if (!wing) throw std::invalid_argument("there is no child " + row.child + " on this gateway (or the child is no longer active)");
  Stmt s(db,
         "INSERT INTO enquiry_states(child, listing_id, record_id, title, provider, state, on_date, reason, set_by, set_at) "
         "VALUES(:c, :l, :r, :t, :p, :s, :d, :why, :by, :at)");
  s.bind(":c", row.child).bind(":l", row.listing_id).bind(":r", row.record_id).bind(":t", row.title).bind(":p", row.provider);
  s.bind(":s", row.state).bind(":d", row.on_date).bind(":why", row.reason).bind(":by", actor).bind(":at", now_ms).run();
  emit(db, *wing, std::nullopt, "application", *checked);
  audit(db, now_ms, actor, "application.set", "child " + row.child + " listing " + row.listing_id + ": " + row.state +
                                                  (row.on_date.empty() ? "" : " " + row.on_date));
  t.commit();
}

std::vector<ApplicationRow> applications(Db& db, const std::string& child) {
  std::vector<ApplicationRow> out;
  Stmt s(db, std::string("SELECT ") + kColumns +
                 " FROM enquiry_states e WHERE child = :c AND seq = (SELECT max(seq) FROM enquiry_states x "
                 "WHERE x.child = e.child AND x.listing_id = e.listing_id) ORDER BY seq DESC");
  s.bind(":c", child);
  while (s.step()) out.push_back(read_row(s));
  return out;
}

std::vector<ApplicationRow> application_history(Db& db, const std::string& child, const std::string& listing_id) {
  std::vector<ApplicationRow> out;
  Stmt s(db, std::string("SELECT ") + kColumns + " FROM enquiry_states WHERE child = :c AND listing_id = :l ORDER BY seq");
  s.bind(":c", child).bind(":l", listing_id);
  while (s.step()) out.push_back(read_row(s));
  return out;
}

}  // namespace waymark::gateway
