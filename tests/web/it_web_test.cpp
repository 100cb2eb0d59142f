// tests/web/it_web_test.cpp: establishment IT's web pages (/it, issue 14) over real HTTPS. An IT account signs in
// with the one sign-in and opens only /it pages; it sees and changes only its own establishment's devices, codes,
// roster and contacts: another establishment's child or device is "not found" on every page and POST, like one
// that does not exist, and audited (scope.refused); every POST needs the session's CSRF token; a device is
// revoked and a child transferred through the pages, with a confirm step each, and bad input changes nothing.
#include <gtest/gtest.h>

#include "tests/web/web_client.h"

using namespace waymark;
using namespace waymark::webtest;

namespace {

const char* const kItPassword = "it-staff-password-2468";
const std::string ivy = "ivy.it@brookfield.example";  // Brookfield's IT (BRK: Alex 1001 and Cerys 1002, Oak)
const std::string hal = "hal.it@hollins.example";     // Hollins's IT (HOL: Jay 1003, Ash)

// Both IT accounts, with passwords, and a kiosk on each establishment's wing. Returns {BRK device, HOL device}.
std::pair<std::string, std::string> add_it(Gw& gw) {
  auto d = gw.db();
  gateway::add_it_account(*d, "Ivy Clarke", ivy, "BRK", "test", gw.now());
  gateway::add_it_account(*d, "Hal Moss", hal, "HOL", "test", gw.now());
  for (const std::string& email : {ivy, hal}) {
    const std::string code = gateway::issue_password_code(*d, email, "test", gw.now());
    EXPECT_EQ(gateway::set_password_with_code(*d, email, code, kItPassword, "127.0.0.1", gw.now()), "");
  }
  FakeKiosk brk(*d);  // Oak wing of the first establishment
  FakeKiosk hol(*d);
  Stmt s(*d, "UPDATE devices SET wing = 'Ash', establishment_id = :e WHERE id = :id");
  s.bind(":e", gateway::establishment_by_code(*d, "HOL")->id).bind(":id", hol.id).run();
  return {brk.id, hol.id};
}

int64_t refused(Gw& gw, const std::string& what) {
  return gw.count("SELECT count(*) FROM audit WHERE action = 'scope.refused' AND actor LIKE 'it %' AND detail LIKE '%" + what + "%'");
}

std::string csrf_of(Browser& b) { return Browser::csrf_in(b.get("/it")->body); }

}  // namespace

TEST(ItWeb, AnItAccountSignsInToItsEstablishmentAndOpensNothingElse) {
  Gw gw;
  add_it(gw);
  Browser b(gw);
  const auto in = b.sign_in(ivy, kItPassword);
  ASSERT_EQ(in->status, 303);
  EXPECT_EQ(in->get_header_value("Location"), "/it");
  const auto home = b.get("/it");
  ASSERT_EQ(home->status, 200);
  EXPECT_NE(home->body.find("Brookfield YOI (demo)"), std::string::npos);
  EXPECT_EQ(home->body.find("Hollins"), std::string::npos);
  for (const char* p : {"/children", "/children/1001", "/security", "/security/children/1001", "/board", "/settings"})
    EXPECT_EQ(b.get(p)->status, 403) << p;
  Browser w(gw);
  ASSERT_EQ(w.sign_in(sam, kSamPassword)->status, 303);
  for (const char* p : {"/it", "/it/devices", "/it/roster", "/it/children/1001", "/it/transfer", "/it/enrol-codes"})
    EXPECT_EQ(w.get(p)->status, 403) << p;
  Browser anon(gw);
  EXPECT_EQ(anon.get("/it/roster")->get_header_value("Location"), "/sign-in");
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'web.sign_in' AND actor LIKE 'it %'"), 1);
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'it.add'"), 2);
}

TEST(ItWeb, ListsShowOnlyTheOwnEstablishment) {
  Gw gw;
  [[maybe_unused]] const auto [brk_dev, hol_dev] = add_it(gw);
  Browser b(gw);
  ASSERT_EQ(b.sign_in(ivy, kItPassword)->status, 303);
  const auto devices = b.get("/it/devices");
  EXPECT_NE(devices->body.find(brk_dev), std::string::npos);
  EXPECT_EQ(devices->body.find(hol_dev), std::string::npos);
  const auto roster = b.get("/it/roster");
  EXPECT_NE(roster->body.find(">Alex<"), std::string::npos);
  EXPECT_NE(roster->body.find(">Cerys<"), std::string::npos);
  EXPECT_EQ(roster->body.find(">Jay<"), std::string::npos);
  EXPECT_NE(roster->body.find("Sam Taylor (Leeds YOT)"), std::string::npos);  // who Alex may message
  const auto transfer = b.get("/it/transfer");
  EXPECT_NE(transfer->body.find("value=\"HOL/Ash\""), std::string::npos);
  EXPECT_EQ(transfer->body.find("value=\"BRK/Oak\""), std::string::npos);  // not to itself
  EXPECT_EQ(transfer->body.find("Jay"), std::string::npos);
  const auto codes = b.get("/it/enrol-codes");
  EXPECT_NE(codes->body.find("<option value=\"Oak\""), std::string::npos);
  EXPECT_EQ(codes->body.find("<option value=\"Ash\""), std::string::npos);
}

TEST(ItWeb, AnotherEstablishmentsChildOrDeviceIsNotFoundOnEveryPageAndPostAndAudited) {
  Gw gw;
  [[maybe_unused]] const auto [brk_dev, hol_dev] = add_it(gw);
  Browser b(gw);
  ASSERT_EQ(b.sign_in(ivy, kItPassword)->status, 303);
  const std::string csrf = csrf_of(b);
  const std::string unknown_body = b.get("/it/children/9999")->body;
  EXPECT_EQ(b.get("/it/children/9999")->status, 404);
  struct Try {
    const char* method;
    std::string path;
    httplib::Params form;
  };
  const std::vector<Try> tries = {
      {"GET", "/it/children/1003", {}},
      {"POST", "/it/children/1003/contacts", {{"csrf", csrf}, {"action", "allow"}, {"email", sam}}},
      {"GET", "/it/transfer?child=1003", {}},
      {"POST", "/it/transfer", {{"csrf", csrf}, {"child", "1003"}, {"to", "HOL/Ash"}, {"step", "check"}}},
      {"POST", "/it/transfer", {{"csrf", csrf}, {"child", "1003"}, {"to", "BRK/Oak"}, {"step", "confirm"}}},
      {"GET", "/it/devices/" + hol_dev + "/revoke", {}},
      {"POST", "/it/devices/" + hol_dev + "/revoke", {{"csrf", csrf}, {"confirm", "yes"}}},
  };
  for (const Try& t : tries) {
    const auto r = std::string(t.method) == "GET" ? b.get(t.path) : b.post(t.path, t.form);
    ASSERT_TRUE(r) << t.path;
    EXPECT_EQ(r->status, 404) << t.method << " " << t.path;
    EXPECT_EQ(r->body, unknown_body) << t.path;  // the same words as for a child that does not exist
  }
  EXPECT_EQ(refused(gw, "child 1003"), 5);
  EXPECT_EQ(refused(gw, "device " + hol_dev), 2);
  EXPECT_EQ(gw.count("SELECT count(*) FROM devices WHERE revoked_at IS NOT NULL"), 0);
  EXPECT_EQ(gw.count("SELECT count(*) FROM transfers"), 0);
  EXPECT_EQ(gw.count("SELECT count(*) FROM contacts WHERE child = '1003'"), 1);
  EXPECT_EQ(gw.count("SELECT count(*) FROM children WHERE number = '1003' AND wing = 'Ash'"), 1);
  // Hollins's IT, the other way round: Brookfield's device and child are not theirs.
  Browser h(gw);
  ASSERT_EQ(h.sign_in(hal, kItPassword)->status, 303);
  EXPECT_EQ(h.get("/it/children/1001")->status, 404);
  EXPECT_EQ(h.get("/it/devices/" + brk_dev + "/revoke")->status, 404);
  EXPECT_EQ(h.get("/it/children/1003")->status, 200);
}

TEST(ItWeb, EveryPostNeedsTheSessionsCsrfToken) {
  Gw gw;
  [[maybe_unused]] const auto [brk_dev, hol_dev] = add_it(gw);
  Browser b(gw), other(gw);
  ASSERT_EQ(b.sign_in(ivy, kItPassword)->status, 303);
  ASSERT_EQ(other.sign_in(ivy, kItPassword)->status, 303);
  const std::string foreign = csrf_of(other);  // the same account's other session: still not this one's
  const int64_t codes = gw.count("SELECT count(*) FROM enrol_codes");
  for (const std::string& token : {std::string(), foreign}) {
    const std::vector<std::pair<std::string, httplib::Params>> posts = {
        {"/it/devices/" + brk_dev + "/revoke", {{"confirm", "yes"}}},
        {"/it/enrol-codes", {{"wing", "Oak"}, {"hours", "24"}}},
        {"/it/children/1001/contacts", {{"action", "revoke"}, {"worker", std::to_string(gw.seeded.sam)}}},
        {"/it/transfer", {{"child", "1002"}, {"to", "HOL/Ash"}, {"step", "confirm"}}},
    };
    for (auto [path, form] : posts) {
      if (!token.empty()) form.emplace("csrf", token);
      EXPECT_EQ(b.post(path, form)->status, 403) << path;
    }
  }
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'web.csrf_refused' AND actor LIKE 'it %'"), 8);
  EXPECT_EQ(gw.count("SELECT count(*) FROM devices WHERE revoked_at IS NOT NULL"), 0);
  EXPECT_EQ(gw.count("SELECT count(*) FROM enrol_codes"), codes);
  EXPECT_EQ(gw.count("SELECT count(*) FROM contacts WHERE child = '1001' AND allowed = 1"), 1);
  EXPECT_EQ(gw.count("SELECT count(*) FROM transfers"), 0);
}

TEST(ItWeb, ADeviceIsRevokedThroughThePageAfterAConfirmStep) {
  Gw gw;
  [[maybe_unused]] const auto [brk_dev, hol_dev] = add_it(gw);
  Browser b(gw);
  ASSERT_EQ(b.sign_in(ivy, kItPassword)->status, 303);
  const auto list = b.get("/it/devices");
  EXPECT_NE(list->body.find("/it/devices/" + brk_dev + "/revoke"), std::string::npos);
  const auto confirm = b.get("/it/devices/" + brk_dev + "/revoke");
  ASSERT_EQ(confirm->status, 200);
  EXPECT_NE(confirm->body.find("Revoke this device"), std::string::npos);
  EXPECT_NE(confirm->body.find("cannot be undone"), std::string::npos);
  const std::string csrf = Browser::csrf_in(confirm->body);
  EXPECT_EQ(b.post("/it/devices/" + brk_dev + "/revoke", {{"csrf", csrf}})->status, 400);  // no confirm: nothing changed
  EXPECT_EQ(gw.count("SELECT count(*) FROM devices WHERE revoked_at IS NOT NULL"), 0);
  const auto done = b.post("/it/devices/" + brk_dev + "/revoke", {{"csrf", csrf}, {"confirm", "yes"}});
  ASSERT_EQ(done->status, 303);
  EXPECT_EQ(done->get_header_value("Location"), "/it/devices?revoked=1");
  EXPECT_EQ(gw.count("SELECT count(*) FROM devices WHERE revoked_at IS NOT NULL AND id = '" + brk_dev + "'"), 1);
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'device.revoke' AND actor LIKE 'it %(Ivy Clarke)' AND detail = '" +
                     brk_dev + "'"),
            1);
  EXPECT_NE(b.get("/it/devices?revoked=1")->body.find("Revoked"), std::string::npos);
  EXPECT_EQ(b.post("/it/devices/" + brk_dev + "/revoke", {{"csrf", csrf}, {"confirm", "yes"}})->status, 200);  // already
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'device.revoke'"), 1);
}

TEST(ItWeb, AChildIsTransferredThroughThePagesAfterAConfirmPage) {
  Gw gw;
  add_it(gw);
  Browser b(gw);
  ASSERT_EQ(b.sign_in(ivy, kItPassword)->status, 303);
  const std::string csrf = csrf_of(b);
  // Bad destinations: a plain message beside the field, nothing changed.
  for (const std::string& to : {std::string(), std::string("BRK/Oak"), std::string("HOL/Nowhere"), std::string("XYZ/Ash")}) {
    const auto r = b.post("/it/transfer", {{"csrf", csrf}, {"child", "1002"}, {"to", to}, {"step", "confirm"}});
    EXPECT_EQ(r->status, 400) << to;
    EXPECT_NE(r->body.find("id=\"to-error\""), std::string::npos) << to;
  }
  EXPECT_NE(b.post("/it/transfer", {{"csrf", csrf}, {"to", "HOL/Ash"}, {"step", "check"}})->body.find("Choose the child to transfer."),
            std::string::npos);
  const auto check = b.post("/it/transfer", {{"csrf", csrf}, {"child", "1002"}, {"to", "HOL/Ash"}, {"step", "check"}});
  ASSERT_EQ(check->status, 200);
  EXPECT_NE(check->body.find("What will happen"), std::string::npos);
  EXPECT_NE(check->body.find("Transfer Cerys now"), std::string::npos);
  EXPECT_NE(check->body.find("Rhian Evans (Cardiff YOS)"), std::string::npos);  // the worker stays
  EXPECT_EQ(gw.count("SELECT count(*) FROM transfers"), 0);                      // the check page changes nothing
  const auto done = b.post("/it/transfer", {{"csrf", csrf}, {"child", "1002"}, {"to", "HOL/Ash"}, {"step", "confirm"}});
  ASSERT_EQ(done->status, 303);
  EXPECT_EQ(done->get_header_value("Location"), "/it/roster?transferred=1");
  auto d = gw.db();
  const auto moved = gateway::get_child(*d, "1002");
  EXPECT_EQ(moved->establishment, "HOL");
  EXPECT_EQ(moved->wing, "Ash");
  const auto rows = gateway::transfers_of(*d, "1002");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].from_code, "BRK");
  EXPECT_EQ(rows[0].actor.rfind("it ", 0), 0u);
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action IN ('child.transfer.out', 'child.transfer.in') AND actor LIKE 'it %'"), 2);
  EXPECT_EQ(gw.count("SELECT count(*) FROM contacts WHERE child = '1002' AND allowed = 1"), 1);
  // Cerys is Hollins's now: not Brookfield's IT's to see or move again; Hollins's IT sees her.
  EXPECT_EQ(b.get("/it/roster")->body.find(">Cerys<"), std::string::npos);
  EXPECT_EQ(b.get("/it/children/1002")->status, 404);
  Browser h(gw);
  ASSERT_EQ(h.sign_in(hal, kItPassword)->status, 303);
  EXPECT_NE(h.get("/it/roster")->body.find(">Cerys<"), std::string::npos);
}

TEST(ItWeb, EnrolmentCodesAndContactsThroughThePages) {
  Gw gw;
  add_it(gw);
  Browser b(gw);
  ASSERT_EQ(b.sign_in(ivy, kItPassword)->status, 303);
  const std::string csrf = csrf_of(b);
  const int64_t codes = gw.count("SELECT count(*) FROM enrol_codes");
  const auto wrong_wing = b.post("/it/enrol-codes", {{"csrf", csrf}, {"wing", "Ash"}, {"hours", "24"}});  // Hollins's wing
  EXPECT_EQ(wrong_wing->status, 400);
  EXPECT_NE(wrong_wing->body.find("Choose one of this establishment&#39;s wings."), std::string::npos);
  EXPECT_EQ(b.post("/it/enrol-codes", {{"csrf", csrf}, {"wing", "Oak"}, {"hours", "a day"}})->status, 400);
  EXPECT_EQ(b.post("/it/enrol-codes", {{"csrf", csrf}, {"wing", "Oak"}, {"hours", "337"}})->status, 400);
  EXPECT_EQ(gw.count("SELECT count(*) FROM enrol_codes"), codes);
  const auto made = b.post("/it/enrol-codes", {{"csrf", csrf}, {"wing", "Oak"}, {"hours", "8"}});
  ASSERT_EQ(made->status, 200);
  EXPECT_NE(made->body.find("One-time code for wing Oak, valid 8 hours"), std::string::npos);
  EXPECT_EQ(gw.count("SELECT count(*) FROM enrol_codes"), codes + 1);
  EXPECT_EQ(gw.count("SELECT count(*) FROM enrol_codes WHERE wing = 'Oak' AND establishment_id = 1 AND used_at IS NULL AND "
                     "expires_at - issued_at = 28800000"),
            1);
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'enrol_code.issue' AND actor LIKE 'it %'"), 1);

  // Contacts: allow a worker by email, an unknown email is said beside the field, revoke from the row.
  const auto unknown = b.post("/it/children/1001/contacts", {{"csrf", csrf}, {"action", "allow"}, {"email", "nobody@example.org"}});
  EXPECT_EQ(unknown->status, 400);
  EXPECT_NE(unknown->body.find("id=\"email-error\""), std::string::npos);
  EXPECT_NE(unknown->body.find("value=\"nobody@example.org\""), std::string::npos);  // what was typed stays
  const auto allowed =
      b.post("/it/children/1001/contacts", {{"csrf", csrf}, {"action", "allow"}, {"email", "rhian.evans@cardiff-yos.example"}});
  ASSERT_EQ(allowed->status, 303);
  EXPECT_EQ(gw.count("SELECT count(*) FROM contacts WHERE child = '1001' AND worker_id = " + std::to_string(gw.seeded.rhian) +
                     " AND allowed = 1"),
            1);
  EXPECT_EQ(b.post("/it/children/1001/contacts", {{"csrf", csrf}, {"action", "revoke"}, {"worker", std::to_string(gw.seeded.rhian)}})->status,
            303);
  EXPECT_EQ(gw.count("SELECT count(*) FROM contacts WHERE child = '1001' AND worker_id = " + std::to_string(gw.seeded.rhian) +
                     " AND allowed = 0"),
            1);
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action IN ('contact.allow', 'contact.revoke') AND actor LIKE 'it %'"), 2);
}

TEST(ItWeb, AccountsFollowTheOneSetOfRules) {
  Gw gw;
  add_it(gw);
  auto d = gw.db();
  EXPECT_THROW(gateway::add_it_account(*d, "Ivy Again", ivy, "BRK", "test", gw.now()), std::invalid_argument);  // taken
  EXPECT_THROW(gateway::add_it_account(*d, "Nia", "nia@x.example", "XYZ", "test", gw.now()), std::invalid_argument);
  EXPECT_THROW(gateway::add_it_account(*d, "Nia", "nia@x.example", "", "test", gw.now()), std::invalid_argument);  // which?
  const auto listed = gateway::list_it_accounts(*d);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[1].establishment, "HOL");
  EXPECT_EQ(gateway::principal_by_email(*d, hal)->org_or_role, "HOL");
  // A new password ends every session of the account.
  Browser b(gw);
  ASSERT_EQ(b.sign_in(ivy, kItPassword)->status, 303);
  ASSERT_EQ(b.get("/it")->status, 200);
  const std::string code = gateway::issue_password_code(*d, ivy, "test", gw.now());
  ASSERT_EQ(gateway::set_password_with_code(*d, ivy, code, "a-new-it-password-1357", "127.0.0.1", gw.now()), "");
  EXPECT_EQ(b.get("/it")->get_header_value("Location"), "/sign-in?expired=1");
  // Tries are spaced out as for everyone.
  Browser g(gw);
  for (int i = 0; i < 3; i++) EXPECT_EQ(g.sign_in(hal, "wrong-password-here")->status, 401);
  EXPECT_EQ(g.sign_in(hal, kItPassword)->status, 429);
}
