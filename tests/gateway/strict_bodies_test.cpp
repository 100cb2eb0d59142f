// Issue 13: every body a device uploads is checked against its wire type (core/sync/wire_check.h) by the real
// gateway over HTTPS. What does not fit is refused with plain words that the kiosk keeps against that outbox
// item; the item stays visible as refused and is never sent again; what fits is stored as before.
#include <gtest/gtest.h>

#include "core/messaging/outbox.h"
#include "core/sync/wire.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;

namespace {

std::string queue(Db& db, const std::string& kind, const std::string& child, const json& body) {
  Txn t(db);
  std::string id = outbox_add(db, kind, child, body.dump(), wall_ms() / 1000);
  t.commit();
  return id;
}

json good_views(const std::string& child) {
  wire::MyViewsBody b;
  b.form = "myviews-v1";
  b.form_version = 1;
  b.child = child;
  b.lang = "en";
  b.meeting = wire::MyViewsMeeting{7, "review", wall_ms() / 1000 + 86400};
  b.started_at = wall_ms() / 1000 - 60;
  b.finalized_at = wall_ms() / 1000;
  b.answers.push_back(wire::MyViewsAnswer{"goal", "What do you want to do?", "College", false, "College"});
  return json(b);
}

json good_listing() {
  wire::ListingEnquiry l;
  l.listing_id = "L-bricklaying-l1";
  l.kind = "course";
  l.title = "Bricklaying Level 1";
  l.asked_at = wall_ms() / 1000;
  return json(l);
}

int64_t records_with(TestGateway& gw, const std::string& status) {
  auto db = gw.db();
  Stmt s(*db, "SELECT count(*) FROM records WHERE status = :s");
  s.bind(":s", status);
  s.step();
  return s.i64(0);
}

}  // namespace

TEST(StrictBodies, WhatDoesNotFitItsTypeIsRefusedWithPlainWordsAndKeptOnTheKiosk) {
  TestGateway gw(demo_gateway_copy("strict"));
  TestDevice dev("strict-dev");
  ASSERT_TRUE(dev.enrol(gw).ok);
  ASSERT_TRUE(dev.sync().ok);

  json number_for_text = good_views("1001");
  number_for_text["answers"][0]["text"] = 42;  // the body that broke the My Views page for good
  json extra_key = good_listing();
  extra_key["script"] = "<b>";
  json other_child = good_views("1002");
  json long_question{{"v", 1}, {"topic", "release_area"}, {"question", std::string(5000, 'a')}, {"asked_at", 1}};
  json extra_answer_key = good_views("1001");
  extra_answer_key["answers"][0]["html"] = "<i>";
  json deep_value = good_views("1001");
  deep_value["answers"][0]["value"] = json::parse("[[[[[1]]]]]");

  struct Case {
    std::string kind;
    json body;
    std::string detail;
  };
  const std::vector<Case> cases{
      {"myviews", number_for_text, "text: must be text"},
      {"enquiry", extra_key, "script: not a field of this body"},
      {"myviews", other_child, "child: must be the record's child"},
      {"enquiry", long_question, "question: must be 1 to 4000 characters"},
      {"myviews", extra_answer_key, "answers 1, html: not a field of this body"},
      {"myviews", deep_value, "answers 1, value: nested too deeply"},
      {"message", json{{"to", 1}, {"text", "hi"}, {"extra", 1}}, "extra: not a field of this body"},
  };
  std::vector<std::string> ids;
  for (const Case& c : cases) ids.push_back(queue(*dev.db, c.kind, "1001", c.body));
  const std::string ok_views = queue(*dev.db, "myviews", "1001", good_views("1001"));
  const std::string ok_listing = queue(*dev.db, "enquiry", "1001", good_listing());

  SyncReport r = dev.sync();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.refused, static_cast<int>(cases.size()));
  EXPECT_EQ(r.accepted, 2);
  for (size_t i = 0; i < cases.size(); i++) {
    const auto item = outbox_get(*dev.db, ids[i]);
    ASSERT_TRUE(item);
    EXPECT_EQ(item->state, "refused") << cases[i].detail;
    EXPECT_EQ(item->last_error, "bad_body: " + cases[i].detail);
  }
  EXPECT_EQ(outbox_get(*dev.db, ok_views)->state, "sent");
  EXPECT_EQ(outbox_get(*dev.db, ok_listing)->state, "sent");
  // The gateway keeps each refused record with its reason (so a retry gets the same receipt) and audits it.
  EXPECT_EQ(records_with(gw, "refused"), static_cast<int64_t>(cases.size()));
  {
    auto db = gw.db();
    Stmt a(*db, "SELECT count(*) FROM audit WHERE action = 'record.refused' AND detail LIKE '%(text: must be text)%'");
    ASSERT_TRUE(a.step());
    EXPECT_EQ(a.i64(0), 1);
  }
  // Refused is final: the next rounds send nothing again, and the items stay visible as refused.
  for (int i = 0; i < 2; i++) {
    SyncReport again = dev.sync();
    ASSERT_TRUE(again.ok) << again.error;
    EXPECT_EQ(again.sent, 0);
  }
  EXPECT_EQ(outbox_get(*dev.db, ids[0])->state, "refused");
  EXPECT_EQ(records_with(gw, "refused"), static_cast<int64_t>(cases.size()));
}

TEST(StrictBodies, WhatTheKioskWritesFits) {
  // The bodies the kiosk's own writers produce (through the wire types), with every optional field set.
  json views = good_views("1001");
  views["supersedes"] = "0123456789abcdef0123456789abcdef";
  views["answers"].push_back(json{{"q", "who"}, {"title", "Who?"}, {"value", {{"picked", {"mum"}}, {"typing", "Gran"}}}, {"skipped", false}, {"text", "Mum, Gran"}});
  views["answers"].push_back(json{{"q", "worries"}, {"title", "Worries?"}, {"value", nullptr}, {"skipped", true}, {"text", ""}});
  json listing = good_listing();
  listing["la_name"] = "Leeds";
  listing["title_cy"] = "Gosod brics";
  listing["read_in"] = "Welsh";
  wire::WorkerQuestion q;
  q.topic = wire::kTopicReleaseArea;
  q.question = "Where will I live?";
  q.asked_at = 1;
  TestGateway gw(demo_gateway_copy("strict-ok"));
  TestDevice dev("strict-ok-dev");
  ASSERT_TRUE(dev.enrol(gw).ok);
  ASSERT_TRUE(dev.sync().ok);
  for (const auto& [kind, body] : std::vector<std::pair<std::string, json>>{
           {"myviews", views}, {"enquiry", listing}, {"enquiry", json(q)}, {"message", json(wire::MessageBody{1, 1, "hello"})}})
    queue(*dev.db, kind, "1001", body);
  SyncReport r = dev.sync();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.refused, 0);
  EXPECT_EQ(r.accepted, 4);
}
