// tests/mail/mail_queue_test.cpp: what a worker is emailed, and when, against a real SMTP server on loopback:
// the email carries no child data, the count is right, the Message-ID is the queued one; at most one email an
// hour; the daily summary at its hour (GMT and BST); reminders two working days before a meeting over Easter's
// bank holidays; a relay that refuses is retried with a backoff and its words are kept for `mail status`.
// Every flush is given its "now", so nothing here depends on the machine's clock.
#include "tests/mail/mail_fixture.h"

#include "core/base/working_days.h"
#include "gateway/mail/plan.h"
#include "gateway/store/worker_api.h"

using namespace waymark;
using namespace waymark::mailtest;
using gateway::MailMode;

namespace {

const int64_t kT0 = at("2027-03-01", "09:00");  // a Monday, GMT

// Words the child wrote and everything that names the child, none of which may be in an email.
const std::vector<std::string> kChildData = {"Alex", "1001", "Cerys", "1002", "college", "secret", "Bricklaying", "Leeds City College", "mum"};

// The Message-ID is random hex (its stability is checked on its own), so "1001" may turn up in it by chance:
// it is taken out before looking.
void expect_no_child_data(const std::string& msg) {
  const std::string id = header(msg, "Message-ID");
  ASSERT_EQ(id.rfind("<wm.", 0), 0u) << msg;
  std::string rest = msg;
  rest.erase(rest.find(id), id.size());
  for (const std::string& w : kChildData) EXPECT_EQ(rest.find(w), std::string::npos) << "\"" << w << "\" in:\n" << msg;
}

TEST(MailQueue, ThingsWaitingBecomeOneEmailThatSaysOnlyHowMany) {
  Sink sink;
  MailGateway g(kT0);
  FakeKiosk k(*g.db);
  // Before the relay is set nothing is queued: the notices wait.
  k.up(*g.db, "message", "1001", message_to(g.sam, "Hi Sam, a secret about college"), kT0);
  EXPECT_EQ(g.flush(kT0).queued, 0);
  EXPECT_EQ(g.count("SELECT count(*) FROM mail_notices WHERE state = 'waiting'"), 1);
  g.relay(sink, kT0);
  k.up(*g.db, "myviews", "1001", webtest::myviews_body("1001", "", kT0 / 1000 + 20 * 86400, "Bricklaying"), kT0);
  k.up(*g.db, "enquiry", "1001", webtest::enquiry_body(kT0 / 1000), kT0);
  const auto r = g.flush(kT0 + 1000);
  EXPECT_EQ(r.queued, 1);
  EXPECT_EQ(r.sent, 1);
  const auto got = sink.messages();
  ASSERT_EQ(got.size(), 1u);
  const std::string& m = got[0];
  EXPECT_EQ(header(m, "Subject"), "You have 3 new things in Waymark");
  EXPECT_EQ(header(m, "To"), "<sam.taylor@leeds-yot.example>");
  EXPECT_EQ(header(m, "X-Envelope-To"), "sam.taylor@leeds-yot.example");
  EXPECT_NE(m.find("https://waymark.brookfield.example/sign-in"), std::string::npos);
  expect_no_child_data(m);
  EXPECT_EQ(m.find("Sam"), std::string::npos) << "not even the worker's name";
  // The Message-ID is the one stored when it was queued.
  Stmt s(*g.db, "SELECT message_id, things, state FROM mail_out");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(header(m, "Message-ID"), s.text(0));
  EXPECT_EQ(s.i64(1), 3);
  EXPECT_EQ(s.text(2), "sent");
  // Rhian has nothing: 1001 is not allocated to her. A second flush sends nothing again.
  EXPECT_EQ(g.count("SELECT count(*) FROM mail_notices WHERE worker_id = " + std::to_string(g.rhian)), 0);
  EXPECT_EQ(g.flush(kT0 + 5000).sent, 0);
  EXPECT_EQ(sink.messages().size(), 1u);
}

TEST(MailQueue, AsTheyComeIsAtMostOneEmailAnHour) {
  Sink sink;
  MailGateway g(kT0);
  g.relay(sink, kT0);
  FakeKiosk k(*g.db);
  k.up(*g.db, "message", "1001", message_to(g.sam, "one"), kT0);
  EXPECT_EQ(g.flush(kT0).sent, 1);
  k.up(*g.db, "message", "1001", message_to(g.sam, "two"), kT0 + 10 * 60'000);
  k.up(*g.db, "message", "1001", message_to(g.sam, "three"), kT0 + 20 * 60'000);
  EXPECT_EQ(g.flush(kT0 + 10 * 60'000).sent, 0);
  EXPECT_EQ(g.flush(kT0 + 59 * 60'000 + 59'000).sent, 0);
  EXPECT_EQ(g.flush(kT0 + 60 * 60'000).sent, 1);
  auto got = sink.messages();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(header(got[1], "Subject"), "You have 2 new things in Waymark");
  EXPECT_NE(header(got[0], "Message-ID"), header(got[1], "Message-ID"));
  // A message the worker read in the web inbox before any email told of it is not mailed.
  const std::string read = k.up(*g.db, "message", "1001", message_to(g.sam, "four"), kT0 + 70 * 60'000);
  gateway::api_worker_read(*g.db, g.sam, json{{"ids", json::array({read})}}, kT0 + 80 * 60'000);
  EXPECT_EQ(g.flush(kT0 + 3 * 3600'000).sent, 0);
  EXPECT_EQ(g.count("SELECT count(*) FROM mail_notices WHERE state = 'dropped'"), 1);
  // One worker's cap is not another's: Rhian hears at once.
  k.up(*g.db, "message", "1002", message_to(g.rhian, "helo"), kT0 + 3 * 3600'000);
  k.up(*g.db, "message", "1001", message_to(g.sam, "five"), kT0 + 3 * 3600'000);
  EXPECT_EQ(g.flush(kT0 + 3 * 3600'000 + 1000).sent, 2);
  got = sink.messages();
  ASSERT_EQ(got.size(), 4u);
  for (const auto& m : got) expect_no_child_data(m);
}

TEST(MailQueue, DailySummaryComesAtTheChosenHourLondonTime) {
  Sink sink;
  MailGateway g(kT0);
  g.relay(sink, kT0);
  g.prefs(g.sam, MailMode::Daily, 17, kT0);
  FakeKiosk k(*g.db);
  k.up(*g.db, "message", "1001", message_to(g.sam, "one"), kT0);
  k.up(*g.db, "enquiry", "1001", webtest::enquiry_body(kT0 / 1000), kT0 + 60'000);
  EXPECT_EQ(g.flush(kT0 + 60'000).sent, 0);
  EXPECT_EQ(g.flush(at("2027-03-01", "16:59")).sent, 0);
  EXPECT_EQ(g.flush(at("2027-03-01", "17:00")).sent, 1);
  ASSERT_EQ(sink.messages().size(), 1u);
  EXPECT_EQ(header(sink.messages()[0], "Subject"), "You have 2 new things in Waymark");
  // What comes after the hour waits for the next day's summary.
  k.up(*g.db, "message", "1001", message_to(g.sam, "late"), at("2027-03-01", "17:30"));
  EXPECT_EQ(g.flush(at("2027-03-01", "18:00")).sent, 0);
  EXPECT_EQ(g.flush(at("2027-03-02", "16:59")).sent, 0);
  EXPECT_EQ(g.flush(at("2027-03-02", "17:01")).sent, 1);
  EXPECT_EQ(header(sink.messages()[1], "Subject"), "You have 1 new thing in Waymark");
  // A day with nothing waiting sends nothing.
  EXPECT_EQ(g.flush(at("2027-03-03", "17:00")).sent, 0);
  // In summer the hour is BST: 08:00 in London is 07:00 UTC.
  g.prefs(g.sam, MailMode::Daily, 8, at("2027-06-01", "06:00"));
  k.up(*g.db, "message", "1001", message_to(g.sam, "summer"), at("2027-06-01", "06:00"));
  EXPECT_EQ(iso_utc(at("2027-06-01", "08:00")), "2027-06-01T07:00:00Z");
  EXPECT_EQ(g.flush(at("2027-06-01", "07:59")).sent, 0);
  EXPECT_EQ(g.flush(at("2027-06-01", "08:00")).sent, 1);
  EXPECT_EQ(sink.messages().size(), 3u);
}

TEST(MailQueue, NoneMeansNoEmailAndNothingPilesUp) {
  Sink sink;
  MailGateway g(kT0);
  g.relay(sink, kT0);
  g.prefs(g.sam, MailMode::None, 8, kT0);
  FakeKiosk k(*g.db);
  k.up(*g.db, "message", "1001", message_to(g.sam, "one"), kT0);
  EXPECT_EQ(g.flush(kT0 + 3 * 3600'000).sent, 0);
  EXPECT_EQ(g.count("SELECT count(*) FROM mail_notices WHERE state = 'waiting'"), 0);
  // Switching back to "as they come" does not resurrect what came while it was off.
  g.prefs(g.sam, MailMode::Each, 8, kT0 + 4 * 3600'000);
  EXPECT_EQ(g.flush(kT0 + 4 * 3600'000).sent, 0);
  EXPECT_TRUE(sink.messages().empty());
  EXPECT_EQ(g.count("SELECT count(*) FROM audit WHERE action = 'mail.prefs'"), 2);
}

TEST(MailReminder, TwoWorkingDaysBeforeTheMeetingOverEasterBankHolidays) {
  // Good Friday 26 March and Easter Monday 29 March 2027 are bank holidays: two working days before Tuesday
  // 30 March is Wednesday 24 March (counting weekdays only would give Friday 26).
  ASSERT_LE(covered_years().first, 2027);
  ASSERT_GE(covered_years().second, 2027);
  ASSERT_TRUE(is_bank_holiday(*parse_date("2027-03-26")));
  Sink sink;
  MailGateway g(kT0);
  g.relay(sink, kT0);
  const std::string meeting = gateway::put_meeting(*g.db, gateway::MeetingRow{"", "1001", "review", "2027-03-30", "10:00", "Room 2", "Sam"},
                                                   "test", kT0);
  // Cerys's meeting the same day: her My Views is read, so no reminder for Rhian.
  gateway::put_meeting(*g.db, gateway::MeetingRow{"", "1002", "review", "2027-03-30", "11:00", "Room 1", "Rhian"}, "test", kT0);
  FakeKiosk k(*g.db);
  const int64_t sent_views = at("2027-03-22", "10:00");
  k.up(*g.db, "myviews", "1001", webtest::myviews_body("1001", "", at("2027-03-30", "10:00") / 1000, "A job"), sent_views);
  const std::string cerys = k.up(*g.db, "myviews", "1002", webtest::myviews_body("1002", "", at("2027-03-30", "11:00") / 1000, "x"), sent_views);
  EXPECT_EQ(g.flush(sent_views).sent, 2);  // each worker hears of the My Views itself
  gateway::mark_record_opened(*g.db, cerys, sent_views + 3600'000);
  EXPECT_EQ(g.flush(at("2027-03-23", "12:00")).sent, 0);
  EXPECT_EQ(g.flush(at("2027-03-24", "07:59")).sent, 0);
  EXPECT_EQ(g.flush(at("2027-03-24", "08:00")).sent, 1);
  auto got = sink.messages();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(header(got[2], "To"), "<sam.taylor@leeds-yot.example>");
  EXPECT_EQ(header(got[2], "Subject"), "You have 1 new thing in Waymark");
  expect_no_child_data(got[2]);
  Stmt s(*g.db, "SELECT ref FROM mail_notices WHERE kind = 'reminder'");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.text(0), meeting + "@2027-03-30");
  EXPECT_FALSE(s.step());
  // Once only, however often the sender wakes.
  EXPECT_EQ(g.flush(at("2027-03-25", "09:00")).sent, 0);
  EXPECT_EQ(g.flush(at("2027-03-29", "09:00")).sent, 0);
  // Ninety days on, the finished notices and emails are gone; nothing is sent again.
  EXPECT_EQ(g.flush(at("2027-03-24", "08:00") + gateway::kKeepMailMs + 1000).sent, 0);
  EXPECT_EQ(g.count("SELECT count(*) FROM mail_notices"), 0);
  EXPECT_EQ(g.count("SELECT count(*) FROM mail_out"), 0);
}

TEST(MailRelayRefuses, TheRelaysWordsAreKeptAndItIsTriedAgainWithABackoff) {
  Sink sink;
  sink.mode("refuse");
  MailGateway g(kT0);
  g.relay(sink, kT0);
  FakeKiosk k(*g.db);
  k.up(*g.db, "message", "1001", message_to(g.sam, "one"), kT0);
  auto r = g.flush(kT0);
  EXPECT_EQ(r.not_sent, 1);
  EXPECT_NE(r.last_error.find("550 5.7.1 Message refused by the test relay's policy"), std::string::npos) << r.last_error;
  gateway::MailCounts c = gateway::mail_counts(*g.db);
  EXPECT_EQ(c.queued, 1);
  EXPECT_NE(c.last_error.find("the relay refused: 550"), std::string::npos) << c.last_error;
  ASSERT_TRUE(c.next_try_ms);
  EXPECT_EQ(*c.next_try_ms, kT0 + 60'000);  // the first retry a minute later
  EXPECT_EQ(sink.events("data"), 1);
  EXPECT_EQ(g.flush(kT0 + 30'000).not_sent, 0);  // not before its time
  EXPECT_EQ(sink.events("data"), 1);
  EXPECT_EQ(g.flush(kT0 + 60'000).not_sent, 1);
  EXPECT_EQ(sink.events("data"), 2);
  EXPECT_EQ(*gateway::mail_counts(*g.db).next_try_ms, kT0 + 60'000 + 120'000);  // then 2 minutes, 4, 8 ... an hour
  EXPECT_EQ(gateway::backoff_ms(3), 240'000);
  EXPECT_EQ(gateway::backoff_ms(30), gateway::kMaxBackoffMs);
  sink.mode("ok");
  EXPECT_EQ(g.flush(kT0 + 60'000 + 119'000).sent, 0);
  EXPECT_EQ(g.flush(kT0 + 60'000 + 120'000).sent, 1);
  ASSERT_EQ(sink.messages().size(), 1u);
  Stmt s(*g.db, "SELECT message_id, attempts FROM mail_out");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(header(sink.messages()[0], "Message-ID"), s.text(0));  // the same email all along
  EXPECT_EQ(s.i64(1), 3);
  EXPECT_TRUE(gateway::mail_counts(*g.db).last_error.empty());
}

TEST(MailRelayRefuses, AnEmailNotSentInThreeDaysIsGivenUpAndItsThingsAreCountedAgain) {
  Sink sink;
  sink.mode("refuse");
  MailGateway g(kT0);
  g.relay(sink, kT0);
  FakeKiosk k(*g.db);
  k.up(*g.db, "message", "1001", message_to(g.sam, "one"), kT0);
  g.flush(kT0);
  g.flush(kT0 + gateway::kGiveUpMs);
  EXPECT_EQ(gateway::mail_counts(*g.db).failed, 1);
  EXPECT_EQ(g.count("SELECT count(*) FROM audit WHERE action = 'mail.gave_up'"), 1);
  sink.mode("ok");
  k.up(*g.db, "message", "1001", message_to(g.sam, "two"), kT0 + gateway::kGiveUpMs + 1000);
  EXPECT_EQ(g.flush(kT0 + gateway::kGiveUpMs + 3600'000).sent, 1);
  ASSERT_EQ(sink.messages().size(), 1u);
  EXPECT_EQ(header(sink.messages()[0], "Subject"), "You have 2 new things in Waymark");
}

}  // namespace
