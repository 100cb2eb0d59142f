// tests/core/wire_test.cpp: the bodies kiosk and gateway exchange (core/sync/wire.h) round-trip through
// JSON, refuse wrong shapes with a plain reason (never an exception), and read bodies stored before "v".
#include <gtest/gtest.h>

#include "core/sync/wire.h"

using namespace waymark;
using nlohmann::json;

namespace {

template <class T>
T round_trip(const T& x) {
  const auto back = wire::parse_text<T>(wire::body_text(x));
  EXPECT_TRUE(back.ok()) << back.error;
  EXPECT_EQ(json(*back), json(x)) << "same fields after a round trip";
  EXPECT_EQ(wire::body_text(*back), wire::body_text(x)) << "same bytes after a round trip";
  return *back;
}

template <class T>
std::string refusal(const json& j) {
  const auto p = wire::parse<T>(j);
  EXPECT_FALSE(p.ok()) << j.dump();
  EXPECT_FALSE(p.error.empty());
  return p.error;
}

const std::string kSha(64, 'a');

}  // namespace

TEST(Wire, MessageRoundTripsAndIsStrict) {
  wire::MessageBody m;
  m.to = 7;
  m.text = "Hi Sam, can we talk?";
  const auto back = round_trip(m);
  EXPECT_EQ(back.to, 7);
  EXPECT_EQ(back.v, wire::kWireVersion);
  EXPECT_EQ(json(m)["v"], 1);
  // a body stored before "v" existed is version 1
  const auto old = wire::parse_text<wire::MessageBody>(R"({"text":"hi","to":1})");
  ASSERT_TRUE(old.ok()) << old.error;
  EXPECT_EQ(old->v, 1);
  EXPECT_EQ(refusal<wire::MessageBody>(json{{"to", "7"}, {"text", "hi"}}), "to: must be a whole number");
  EXPECT_EQ(refusal<wire::MessageBody>(json{{"text", "hi"}}), "to: missing");
  EXPECT_EQ(refusal<wire::MessageBody>(json{{"to", 1}, {"text", "hi"}, {"cc", 2}}), "cc: not a field of this body");
  // A key with a NUL in it must not cut the refusal short (fuzz_wire found a draft body that did).
  EXPECT_EQ(refusal<wire::MessageBody>(json{{"to", 1}, {"text", "hi"}, {std::string("\0(", 2), 2}}),
            "\"\\u0000(\": not a field of this body");
  EXPECT_EQ(refusal<wire::DraftAnswer>(json{{std::string("\0(", 2), "x"}}), "\"\\u0000(\": not a field of this body");
  refusal<wire::MessageBody>(json{{"to", 1}, {"text", ""}});
  refusal<wire::MessageBody>(json{{"to", 1}, {"text", std::string(1001, 'x')}});
  refusal<wire::MessageBody>(json{{"to", 1}, {"text", "hi"}, {"v", 2}});  // a newer version than this build
  refusal<wire::MessageBody>(json::array());
  EXPECT_FALSE(wire::parse_text<wire::MessageBody>("{not json").ok());
}

TEST(Wire, EnquiriesAreListingsOrQuestions) {
  wire::ListingEnquiry l;
  l.listing_id = "L-1";
  l.kind = "course";
  l.title = "Bricklaying Level 1";
  l.provider = "Leeds City College";
  l.asked_at = 1700000000;
  l.title_cy = "Gosod brics";
  l.read_in = "Welsh";
  round_trip(l);
  const auto no_cy = json(wire::ListingEnquiry{});
  EXPECT_FALSE(no_cy.contains("title_cy")) << "optional fields are left out, as before";

  wire::WorkerQuestion q;
  q.topic = wire::kTopicReleaseArea;
  q.question = "Where will I live?";
  q.asked_at = 1700000000;
  round_trip(q);
  EXPECT_EQ(wire::question_heading(q), "Where will I live?");

  const auto e1 = wire::parse_enquiry(json(l));
  ASSERT_TRUE(e1.ok()) << e1.error;
  EXPECT_TRUE(std::holds_alternative<wire::ListingEnquiry>(*e1.value));
  const auto e2 = wire::parse_enquiry_text(wire::body_text(q));
  ASSERT_TRUE(e2.ok()) << e2.error;
  EXPECT_TRUE(std::holds_alternative<wire::WorkerQuestion>(*e2.value));
  // a question stored before "v": the kiosk's bytes as they were
  const auto old = wire::parse_enquiry_text(R"({"asked_at":5,"question":"I do not know","topic":"release_area"})");
  ASSERT_TRUE(old.ok()) << old.error;
  EXPECT_EQ(std::get<wire::WorkerQuestion>(*old.value).v, 1);
  EXPECT_EQ(refusal<wire::ListingEnquiry>(json{{"kind", "course"}, {"title", "x"}, {"asked_at", 1}}), "listing_id: missing");
  EXPECT_EQ(refusal<wire::WorkerQuestion>(json{{"topic", "release_area"}, {"question", 3}, {"asked_at", 1}}),
            "question: must be text");
  EXPECT_FALSE(wire::parse_enquiry(json{{"topic", 1}}).ok());
}

TEST(Wire, MyViewsRoundTripsWithAnswersOfAnyShape) {
  wire::MyViewsBody b;
  b.form = "myviews-v1";
  b.form_version = 1;
  b.child = "1001";
  b.lang = "cy";
  b.meeting = {7, "review", 1700000000};
  b.started_at = 1;
  b.finalized_at = 2;
  b.supersedes = "abc";
  b.answers.push_back({"who", "Who?", json::array({"mum", "yot_worker"}), false, "Mum, my YOT worker"});
  b.answers.push_back({"worries", "Worries?", nullptr, true, ""});
  const auto back = round_trip(b);
  ASSERT_EQ(back.answers.size(), 2u);
  EXPECT_EQ(back.answers[0].value, json::array({"mum", "yot_worker"}));
  EXPECT_TRUE(back.answers[1].skipped);
  EXPECT_EQ(json(b)["kind"], "myviews");
  b.supersedes.reset();
  EXPECT_TRUE(json(b)["supersedes"].is_null()) << "no earlier version: null, as the kiosk always wrote";
  round_trip(b);
  json bad = json(b);
  bad["answers"] = "none";
  EXPECT_EQ(refusal<wire::MyViewsBody>(bad), "answers: must be a list");
  bad = json(b);
  bad["meeting"].erase("starts_at");
  EXPECT_EQ(refusal<wire::MyViewsBody>(bad), "starts_at: missing");
  bad = json(b);
  bad["kind"] = "message";
  refusal<wire::MyViewsBody>(bad);
}

TEST(Wire, ReceiptsRoundTrip) {
  wire::UpReceipt r;
  r.id = "x";
  r.status = "refused";
  r.reason = "bad_body";
  r.server_seq = 4;
  r.received_at = 9;
  round_trip(r);
  const auto conflict = wire::parse<wire::UpReceipt>(json{{"id", "x"}, {"status", "conflict"}});
  ASSERT_TRUE(conflict.ok());
  EXPECT_FALSE(conflict->server_seq);
  refusal<wire::UpReceipt>(json{{"id", "x"}, {"status", 1}});

  wire::ReceiptChange c;
  c.id = "x";
  c.state = "read";
  c.at = 5;
  round_trip(c);
  EXPECT_EQ(refusal<wire::ReceiptChange>(json{{"id", "x"}, {"state", "lost"}}), "state: must be \"delivered\" or \"read\"");
}

TEST(Wire, FeedChangesRoundTripAndToleratePlusKeys) {
  wire::RosterChild k;
  k.number = "1001";
  k.first_name = "Jay";
  k.pin_hash = "$argon2id$v=19$...";
  k.lang = "en";
  k.wing = "Oak";
  k.release_date = "2027-03-01";
  k.active = true;
  round_trip(k);
  EXPECT_EQ(refusal<wire::RosterChild>(json{{"number", "1"}, {"pin_hash", "1234"}}), "pin_hash: must be an Argon2id hash");

  wire::ContactChange c{1, "1001", 3, "Sam Taylor", "Leeds YOT", true};
  round_trip(c);
  refusal<wire::ContactChange>(json{{"child", "1001"}});

  wire::MeetingChange m;
  m.id = "m1";
  m.child = "1001";
  m.kind = "review";
  m.date = "2027-01-04";
  m.time = "10:00";
  round_trip(m);
  json plus = json(m);
  plus["room"] = "B2";  // a newer gateway may send more
  EXPECT_TRUE(wire::parse<wire::MeetingChange>(plus).ok());

  wire::WorkerMessage w;
  w.id = "w1";
  w.child = "1001";
  w.worker_id = 3;
  w.text = "Hello";
  w.sent_at = 10;
  round_trip(w);
  refusal<wire::WorkerMessage>(json{{"id", "w1"}, {"child", "1001"}, {"worker_id", 3}, {"text", ""}});

  wire::PackOffer p;
  p.pack_id = "demo";
  p.version = 2;
  p.sha256 = kSha;
  p.size = 1000;
  p.expires = "2027-12-31";
  round_trip(p);
  json bad = json(p);
  bad["sha256"] = "ABC";
  EXPECT_EQ(refusal<wire::PackOffer>(bad), "sha256: must be 64 lowercase hex digits");
  bad = json(p);
  bad["size"] = 1LL << 40;
  refusal<wire::PackOffer>(bad);
  bad = json(p);
  bad["expires"] = "2027-02-30";
  refusal<wire::PackOffer>(bad);
}
