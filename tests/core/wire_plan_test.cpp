// tests/core/wire_plan_test.cpp: the bodies of "My plan" (core/sync/wire.h): a child's answer (plan_answer, strict),
// the newest plan (plan) and an enquiry's application state (application): each round-trips, and each refuses
// a wrong shape with a plain reason.
#include <gtest/gtest.h>

#include "core/sync/wire.h"

using namespace waymark;
using nlohmann::json;

namespace {

template <class T>
std::string refusal(const json& j) {
  const auto p = wire::parse<T>(j);
  EXPECT_FALSE(p.ok()) << j.dump();
  return p.error;
}

json answer_json() {
  return json{{"v", 1},           {"pathway", "accommodation"}, {"answer", "own_goal"}, {"text", "I will cook for myself"},
              {"plan_version", 3}, {"answered_at", 1795000000},  {"lang", "cy"}};
}

json plan_change_json() {
  return json{{"v", 1},
              {"child", "1001"},
              {"plan", json{{"version", 2}, {"saved_by", "Sam Patel"}, {"saved_at", 1795000000},
                            {"pathways", json{{"ete", json{{"goal", "I will go to college"}}}}}}}};
}

json application_json() {
  return json{{"v", 1},        {"child", "1001"},    {"listing_id", "L-7"},        {"enquiry", std::string(32, 'a')},
              {"title", "Apprentice: adult care worker"}, {"provider", "Leeds Care"}, {"state", "interview"},
              {"interview_on", "2026-12-10"}, {"reason", ""}, {"updated_at", 1795000000}};
}

}  // namespace

TEST(WirePlan, AnswerRoundTripsAndIsStrict) {
  const auto a = wire::parse<wire::PlanAnswer>(answer_json());
  ASSERT_TRUE(a.ok()) << a.error;
  EXPECT_EQ(a->plan_version, 3);
  EXPECT_EQ(json(*a), answer_json());
  wire::PlanAnswer agree;
  agree.pathway = "ete";
  agree.answer = "agree";
  agree.plan_version = 1;
  agree.lang = "en";
  const auto back = wire::parse_text<wire::PlanAnswer>(wire::body_text(agree));
  ASSERT_TRUE(back.ok()) << back.error;
  EXPECT_EQ(wire::body_text(*back), wire::body_text(agree));

  json j = answer_json();
  j["pathway"] = "housing";
  EXPECT_EQ(refusal<wire::PlanAnswer>(j),
            "pathway: \"housing\" is not a pathway (accommodation, ete, health, substance, family, money, case)");
  j = answer_json();
  j["answer"] = "maybe";
  EXPECT_EQ(refusal<wire::PlanAnswer>(j), "answer: must be \"agree\", \"talk\" or \"own_goal\"");
  j = answer_json();
  j["text"] = "  ";
  EXPECT_EQ(refusal<wire::PlanAnswer>(j), "text: an own goal needs some words");
  j = answer_json();
  j["text"] = std::string(201, 'x');
  EXPECT_EQ(refusal<wire::PlanAnswer>(j), "text: must be at most 200 characters of UTF-8");
  j = answer_json();
  j["answer"] = "agree";
  EXPECT_EQ(refusal<wire::PlanAnswer>(j), "text: only an own goal carries text");
  j = answer_json();
  j["plan_version"] = 0;
  EXPECT_EQ(refusal<wire::PlanAnswer>(j), "plan_version: must be 1 or more");
  j = answer_json();
  j.erase("plan_version");
  EXPECT_EQ(refusal<wire::PlanAnswer>(j), "plan_version: missing");
  j = answer_json();
  j["lang"] = "fr";
  EXPECT_EQ(refusal<wire::PlanAnswer>(j), "lang: must be \"en\" or \"cy\"");
  j = answer_json();
  j["child"] = "1001";
  EXPECT_EQ(refusal<wire::PlanAnswer>(j), "child: not a field of this body");
  j = answer_json();
  j["v"] = 2;
  refusal<wire::PlanAnswer>(j);
  refusal<wire::PlanAnswer>(json::array());
}

TEST(WirePlan, PlanChangeCarriesAWholeSavedPlan) {
  const auto c = wire::parse<wire::PlanChange>(plan_change_json());
  ASSERT_TRUE(c.ok()) << c.error;
  EXPECT_EQ(c->child, "1001");
  EXPECT_EQ(c->plan.version, 2);
  EXPECT_EQ(c->plan.at(plan::Pathway::Ete).goal, "I will go to college");
  const auto back = wire::parse_text<wire::PlanChange>(wire::body_text(*c));
  ASSERT_TRUE(back.ok()) << back.error;
  EXPECT_EQ(wire::body_text(*back), wire::body_text(*c));

  json j = plan_change_json();
  j["plan"]["pathways"]["housing"] = json::object();
  EXPECT_EQ(refusal<wire::PlanChange>(j),
            "plan.pathways.housing: not a pathway (accommodation, ete, health, substance, family, money, case)");
  j = plan_change_json();
  j["plan"]["day_out"] = json{{"date", "tomorrow"}};
  EXPECT_EQ(refusal<wire::PlanChange>(j), "plan.day_out.date: \"tomorrow\" is not a date (YYYY-MM-DD)");
  j = plan_change_json();
  j["plan"]["version"] = 0;
  EXPECT_EQ(refusal<wire::PlanChange>(j), "plan.version: must be 1 or more (a saved version)");
  j = plan_change_json();
  j.erase("plan");
  EXPECT_EQ(refusal<wire::PlanChange>(j), "plan: missing");
  j = plan_change_json();
  j["child"] = "";
  EXPECT_EQ(refusal<wire::PlanChange>(j), "child: must not be empty");
  j = plan_change_json();
  j["extra"] = true;  // a feed change tolerates keys a newer gateway may add
  EXPECT_TRUE(wire::parse<wire::PlanChange>(j).ok());
}

TEST(WirePlan, ApplicationStates) {
  const auto a = wire::parse<wire::ApplicationChange>(application_json());
  ASSERT_TRUE(a.ok()) << a.error;
  EXPECT_EQ(a->state, "interview");
  EXPECT_EQ(a->interview_on, "2026-12-10");
  EXPECT_EQ(json(*a), application_json());
  for (const char* s : {"finding_out", "application_sent", "place_offered", "place_confirmed"}) {
    json j = application_json();
    j["state"] = s;
    j.erase("interview_on");
    EXPECT_TRUE(wire::parse<wire::ApplicationChange>(j).ok()) << s;
  }
  json j = application_json();
  j["state"] = "not_this_time";
  j.erase("interview_on");
  j["reason"] = "They have filled the places this year. Sam will look for another one with you.";
  EXPECT_TRUE(wire::parse<wire::ApplicationChange>(j).ok());
  j["reason"] = std::string(301, 'x');
  EXPECT_EQ(refusal<wire::ApplicationChange>(j), "reason: must be at most 300 characters of UTF-8");

  j = application_json();
  j["state"] = "accepted";
  EXPECT_NE(refusal<wire::ApplicationChange>(j).find("\"accepted\" is not one of"), std::string::npos);
  j = application_json();
  j["interview_on"] = "2026-13-01";
  EXPECT_EQ(refusal<wire::ApplicationChange>(j), "interview_on: an interview needs its date, YYYY-MM-DD");
  j = application_json();
  j["state"] = "place_offered";
  EXPECT_EQ(refusal<wire::ApplicationChange>(j), "interview_on: only an interview has a date");
  j = application_json();
  j["reason"] = "no";
  EXPECT_EQ(refusal<wire::ApplicationChange>(j), "reason: only \"not_this_time\" carries a reason");
  j = application_json();
  j.erase("reason");  // absent reads as empty
  EXPECT_TRUE(wire::parse<wire::ApplicationChange>(j).ok());
  j["reason"] = "no";
  EXPECT_EQ(refusal<wire::ApplicationChange>(j), "reason: only \"not_this_time\" carries a reason");
  j = application_json();
  j.erase("listing_id");
  EXPECT_EQ(refusal<wire::ApplicationChange>(j), "listing_id: missing");
}
