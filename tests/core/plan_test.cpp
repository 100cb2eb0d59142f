// tests/core/plan_test.cpp: the plan's JSON form (core/plan/plan.h, docs/plan-format.md): a full plan round-trips
// byte for byte, and bad input (an unknown pathway, a date that is not a date, text that is too long, a key the
// format does not have) is refused whole with a reason that names the field.
#include <gtest/gtest.h>

#include "core/plan/application.h"
#include "core/plan/plan.h"

using namespace waymark;
using nlohmann::json;

namespace {

json sample() {
  return json::parse(R"({
    "v": 1, "version": 3, "saved_by": "Sam Patel", "saved_at": 1795000000,
    "pathways": {
      "accommodation": {
        "now": "Sam and Leeds Housing team are looking for a place for you.",
        "goal": "I will live with my aunt in Leeds.",
        "arrangement": {"state": "being_arranged"},
        "actions": [{"id": "a1", "what": "Find a supported lodgings place in Leeds", "owner": "Leeds Housing team",
                     "due": "2026-11-20", "state": "doing",
                     "history": [{"on": "2026-11-02", "state": "to_do", "by": "Sam Patel"},
                                 {"on": "2026-11-10", "state": "doing", "note": "Panel meets soon"}]}]
      },
      "ete": {"goal": "I will start an apprenticeship in care."}
    },
    "day_out": {"date": "2027-01-15", "time": "09:30", "who_meets": "Sam", "meet_where": "At the gate",
                "where_first": "Leeds YOT office",
                "first_appointment": {"who": "Sam", "where": "Leeds YOT office", "date": "2027-01-15", "time": "11:00"},
                "bring": ["Your ID letter", "Your discharge grant"]}
  })");
}

std::string refusal(const json& j) {
  const auto p = plan::parse_plan(j);
  EXPECT_FALSE(p.ok()) << j.dump();
  return p.error;
}

}  // namespace

TEST(Plan, CodesRoundTrip) {
  for (plan::Pathway p : plan::kPathways) EXPECT_EQ(plan::parse_pathway(plan::pathway_code(p)), p);
  EXPECT_FALSE(plan::parse_pathway("housing"));
  EXPECT_EQ(plan::parse_action_state("stuck"), plan::ActionState::Stuck);
  EXPECT_EQ(plan::parse_place_kind("childrens_home"), plan::PlaceKind::ChildrensHome);
  EXPECT_EQ(plan::parse_arrangement("agreed"), plan::ArrangementState::Agreed);
  EXPECT_EQ(plan::parse_application_state("place_confirmed"), plan::ApplicationState::PlaceConfirmed);
  EXPECT_STREQ(plan::application_state_code(plan::ApplicationState::NotThisTime), "not_this_time");
  EXPECT_FALSE(plan::parse_application_state("accepted"));
  EXPECT_TRUE(plan::valid_hhmm("23:59"));
  EXPECT_FALSE(plan::valid_hhmm("24:00"));
  EXPECT_FALSE(plan::valid_hhmm("9:30"));
}

TEST(Plan, FullPlanRoundTrips) {
  const auto p = plan::parse_plan(sample());
  ASSERT_TRUE(p.ok()) << p.error;
  EXPECT_EQ(p.plan->version, 3);
  EXPECT_EQ(p.plan->saved_by, "Sam Patel");
  const auto& acc = p.plan->at(plan::Pathway::Accommodation);
  ASSERT_EQ(acc.actions.size(), 1u);
  EXPECT_EQ(acc.actions[0].owner, "Leeds Housing team");
  EXPECT_EQ(acc.actions[0].state, plan::ActionState::Doing);
  EXPECT_EQ(acc.actions[0].history.size(), 2u);
  EXPECT_EQ(p.plan->arrangement.state, plan::ArrangementState::BeingArranged);
  EXPECT_TRUE(p.plan->at(plan::Pathway::Health).empty());
  ASSERT_TRUE(p.plan->day_out);
  EXPECT_EQ(p.plan->day_out->bring.size(), 2u);
  EXPECT_EQ(p.plan->day_out->first.time, "11:00");
  const json out = plan::plan_to_json(*p.plan);
  const auto again = plan::parse_plan(out);
  ASSERT_TRUE(again.ok()) << again.error;
  EXPECT_EQ(plan::plan_to_json(*again.plan).dump(), out.dump()) << "same bytes after a round trip";
  EXPECT_TRUE(plan::parse_plan_text(out.dump()).ok());
}

TEST(Plan, AnEmptyPlanIsAPlan) {
  const auto p = plan::parse_plan(json::object());
  ASSERT_TRUE(p.ok()) << p.error;
  EXPECT_EQ(p.plan->version, 0);
  EXPECT_EQ(p.plan->arrangement.state, plan::ArrangementState::NotKnown);
  EXPECT_FALSE(p.plan->day_out);
}

TEST(Plan, BadInputIsRefusedWithAPlainReason) {
  json j = sample();
  j["pathways"]["housing"] = json::object();
  EXPECT_EQ(refusal(j), "pathways.housing: not a pathway (accommodation, ete, health, substance, family, money, case)");

  j = sample();
  j["day_out"]["date"] = "2027-02-30";
  EXPECT_EQ(refusal(j), "day_out.date: \"2027-02-30\" is not a date (YYYY-MM-DD)");

  j = sample();
  j["pathways"]["accommodation"]["actions"][0]["due"] = "next week";
  EXPECT_EQ(refusal(j), "pathways.accommodation.actions[0].due: \"next week\" is not a date (YYYY-MM-DD)");

  j = sample();
  j["pathways"]["ete"]["goal"] = std::string(201, 'x');
  EXPECT_EQ(refusal(j), "pathways.ete.goal: is too long (201 characters, at most 200)");
  // counted in characters, as messages are: 200 Welsh letters with accents are fine
  std::string welsh;
  for (int i = 0; i < 200; ++i) welsh += "ŵ";
  j["pathways"]["ete"]["goal"] = welsh;
  EXPECT_TRUE(plan::parse_plan(j).ok());

  j = sample();
  j["pathways"]["health"] = json{{"arrangement", json{{"state", "agreed"}}}};
  EXPECT_EQ(refusal(j), "pathways.health.arrangement: not a field of the plan here");

  j = sample();
  j["pathways"]["accommodation"]["arrangement"] = json{{"state", "agreed"}, {"kind", "family"}};
  EXPECT_EQ(refusal(j), "pathways.accommodation.arrangement.agreed_on: missing (a date, YYYY-MM-DD)");
  j["pathways"]["accommodation"]["arrangement"]["agreed_on"] = "2026-11-30";
  EXPECT_TRUE(plan::parse_plan(j).ok());
  j["pathways"]["accommodation"]["arrangement"]["kind"] = "hotel";
  EXPECT_NE(refusal(j).find("\"hotel\" is not one of family, foster"), std::string::npos);

  j = sample();
  j["pathways"]["accommodation"]["actions"][0]["state"] = "late";
  EXPECT_EQ(refusal(j), "pathways.accommodation.actions[0].state: \"late\" is not one of to_do, doing, done, stuck");

  j = sample();
  j["pathways"]["accommodation"]["actions"].push_back(j["pathways"]["accommodation"]["actions"][0]);
  EXPECT_EQ(refusal(j), "pathways.accommodation.actions[1].id: \"a1\" is used twice in this pathway");

  j = sample();
  j["day_out"]["time"] = "9.30am";
  EXPECT_EQ(refusal(j), "day_out.time: \"9.30am\" is not a time (HH:MM, 24-hour)");

  j = sample();
  j["colour"] = "blue";
  EXPECT_EQ(refusal(j), "colour: not a field of the plan here");

  j = sample();
  j["v"] = 2;
  EXPECT_NE(refusal(j).find("newer version"), std::string::npos);

  j = sample();
  j["pathways"]["ete"]["now"] = std::string("bad \x01 byte");
  EXPECT_EQ(refusal(j), "pathways.ete.now: must not hold control characters");

  j = sample();
  j["pathways"]["ete"]["now"] = std::string("\xff\xfe");
  EXPECT_EQ(refusal(j), "pathways.ete.now: is not valid UTF-8 text");

  EXPECT_EQ(refusal(json::array()), "plan: must be a JSON object");
  EXPECT_FALSE(plan::parse_plan_text("{not json").ok());
  EXPECT_FALSE(plan::parse_plan_text(std::string(100, '[') + std::string(100, ']')).ok());
}
