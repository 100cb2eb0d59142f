#include "gateway/store/it_accounts.h"

#include "gateway/store/web_accounts.h"

namespace waymark::gateway {

// ================================================================= accounts
int64_t add_it_account(Db& db, const std::string& name, const std::string& email, const std::string& establishment,
                       const std::string& actor, int64_t now_ms) {
  const Establishment est = resolve_establishment(db, establishment);  // asks for --establishment when there are several
  return add_account(db, PrincipalKind::It, name, email, {"establishment_id", est.id}, "(" + est.code + ")", actor, now_ms);
}

std::vector<ItAccount> list_it_accounts(Db& db) {
  std::vector<ItAccount> out;
  Stmt s(db,
         "SELECT a.id, a.name, a.email, e.code FROM it_accounts a JOIN establishments e ON e.id = a.establishment_id "
         "WHERE a.active = 1 ORDER BY a.id");
  while (s.step()) out.push_back(ItAccount{s.i64(0), s.text(1), s.text(2), s.text(3)});
  return out;
}

std::optional<Establishment> it_establishment(Db& db, int64_t it_id) {
  Stmt s(db, "SELECT establishment_id FROM it_accounts WHERE id = :i AND active = 1");
  s.bind(":i", it_id);
  if (!s.step()) return std::nullopt;
  return establishment_by_id(db, s.i64(0));
}

// ================================================================= views
std::vector<PendingEnrolCode> pending_enrol_codes(Db& db, int64_t establishment_id, int64_t now_ms) {
  std::vector<PendingEnrolCode> out;
  Stmt s(db,
         "SELECT wing, issued_at, expires_at FROM enrol_codes WHERE establishment_id = :e AND used_at IS NULL AND "
         "expires_at > :now ORDER BY issued_at DESC");
  s.bind(":e", establishment_id).bind(":now", now_ms);
  while (s.step()) out.push_back(PendingEnrolCode{s.text(0), s.i64(1), s.i64(2)});
  return out;
}

}  // namespace waymark::gateway
