// tests/core/myviews_test.cpp: meetings, My Views form definitions (parsing and refusing), versions,
// autosave, send (response + outbox in one transaction), supersede, and the state home shows.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "core/ops/demo.h"
#include "core/storage/device_store.h"
#include "core/i18n/i18n.h"
#include "core/storage/migrations.h"
#include "core/myviews/myviews.h"
#include "core/messaging/outbox.h"
#include "core/ops/provisioning.h"
#include "core/sync/wire_check.h"

using namespace waymark;
using nlohmann::json;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string default_form_text() { return read_file(assets_dir() + "/forms/myviews-default.v1.json"); }

// A small valid form used to build malformed variants.
json small_form() {
  return json::parse(R"({
    "form": "test-form", "version": 1,
    "title": {"en": "Test", "cy": "Prawf"},
    "questions": [
      {"id": "feel", "type": "feelings", "title": {"en": "Feel?", "cy": "Teimlo?"},
       "options": [{"id":"a","label":{"en":"1","cy":"1"}},{"id":"b","label":{"en":"2","cy":"2"}},
                   {"id":"c","label":{"en":"3","cy":"3"}},{"id":"d","label":{"en":"4","cy":"4"}},
                   {"id":"e","label":{"en":"5","cy":"5"}}]},
      {"id": "note", "type": "long_text", "optional": true, "title": {"en": "Note", "cy": "Nodyn"}, "max_length": 50},
      {"id": "pick", "type": "multiple_choice", "optional": true, "title": {"en": "Pick", "cy": "Dewis"},
       "options": [{"id":"x","icon":"job","label":{"en":"X","cy":"X"}},{"id":"y","label":{"en":"Y","cy":"Y"}}]}
    ]})");
}

class MyViewsTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("waymark-myviews-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    auto r = open_device(dir_.string());
    ASSERT_TRUE(r.db) << r.error;
    db_ = std::move(r.db);
    clock_.set_ms(1767225600000);  // 2026-01-01
    ASSERT_TRUE(seed_demo(*db_, clock_));
    meeting_ = meeting_next(*db_, "1001", clock_.now_s()).value().id;
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  Response open() {
    std::string err;
    auto r = myviews_open_for_meeting(*db_, "1001", meeting_, kDefaultFormId, clock_.now_s(), &err);
    EXPECT_TRUE(r) << err;
    return r.value_or(Response{});
  }
  std::filesystem::path dir_;
  std::unique_ptr<Db> db_;
  ManualClock clock_;
  int64_t meeting_ = 0;
};

}  // namespace

// ---------------------------------------------------------------- form definitions
TEST(FormParse, DefaultFormIsValidAndBilingual) {
  FormParse p = parse_form(default_form_text());
  ASSERT_TRUE(p.form) << p.error;
  EXPECT_EQ(p.form->id, "myviews-default");
  EXPECT_EQ(p.form->version, 1);
  std::set<QuestionType> types;
  for (const Question& q : p.form->questions) {
    types.insert(q.type);
    EXPECT_FALSE(q.title.en.empty());
    EXPECT_FALSE(q.title.cy.empty());
    EXPECT_NE(q.title.en, q.title.cy) << q.id << ": the Welsh must not be a copy of the English";
    EXPECT_FALSE(q.hint.cy.empty()) << q.id;
    for (const Option& o : q.options) EXPECT_FALSE(o.label.cy.empty()) << q.id << "/" << o.id;
  }
  EXPECT_EQ(types.size(), 7u) << "the default form uses every question type";
}

TEST(FormParse, RefusesMalformedWithAReason) {
  struct Case {
    std::function<void(json&)> change;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {[](json& f) { f.erase("form"); }, "needs \"form\""},
      {[](json& f) { f["form"] = "Bad Id!"; }, "may only use"},
      {[](json& f) { f["version"] = 0; }, "version"},
      {[](json& f) { f["version"] = "1"; }, "whole number"},
      {[](json& f) { f["title"].erase("cy"); }, "no Welsh text"},
      {[](json& f) { f["title"]["en"] = "   "; }, "empty in English"},
      {[](json& f) { f["questions"] = json::array(); }, "no questions"},
      {[](json& f) { f["questions"] = "lots"; }, "\"questions\": a list"},
      {[](json& f) { f["questions"][1]["id"] = "feel"; }, "used twice"},
      {[](json& f) { f["questions"][1]["type"] = "essay"; }, "unknown type \"essay\""},
      {[](json& f) { f["questions"][0]["options"].erase(4); }, "exactly 5 options"},
      {[](json& f) { f["questions"][2]["options"][0]["icon"] = "rocket"; }, "unknown icon"},
      {[](json& f) { f["questions"][2]["options"][1]["id"] = "x"; }, "used twice"},
      {[](json& f) { f["questions"][2]["options"][1]["label"] = "Y"; }, "must be {\"en\""},
      {[](json& f) { f["questions"][1]["options"] = json::array(); }, "has no options"},
      {[](json& f) { f["questions"][1]["max_length"] = 99999; }, "between 1 and 2000"},
      {[](json& f) { f["questions"][1]["optional"] = "yes"; }, "true or false"},
      {[](json& f) { f["questions"][2]["options"] = json::array({f["questions"][2]["options"][0]}); }, "between 2 and 12"},
  };
  for (size_t i = 0; i < cases.size(); i++) {
    json f = small_form();
    cases[i].change(f);
    FormParse p = parse_form(f.dump());
    EXPECT_FALSE(p.form) << "case " << i;
    EXPECT_NE(p.error.find(cases[i].reason), std::string::npos) << "case " << i << ": " << p.error;
  }
  EXPECT_TRUE(parse_form(small_form().dump()).form);
}

TEST(FormParse, NeverCrashesOnGarbage) {
  EXPECT_EQ(parse_form("").error, "the definition is not valid JSON");
  EXPECT_FALSE(parse_form("{\"form\":").form);
  EXPECT_FALSE(parse_form("[]").form);
  EXPECT_FALSE(parse_form("\xff\xfe{}").form);
  EXPECT_NE(parse_form(std::string(300000, ' ')).error.find("256 KB"), std::string::npos);
  // a hostile nesting that would overflow a recursive parser's stack
  EXPECT_NE(parse_form(std::string(200000, '[')).error.find("nested too deeply"), std::string::npos);
  // random mutations of a valid definition: refused or accepted, never a crash
  const std::string good = small_form().dump();
  std::mt19937 rng(42);
  int refused = 0;
  for (int i = 0; i < 3000; i++) {
    std::string t = good;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; e++) {
      const size_t pos = rng() % t.size();
      switch (rng() % 3) {
        case 0: t[pos] = static_cast<char>(rng() % 128); break;
        case 1: t.erase(pos, 1 + rng() % 8); break;
        default: t.insert(pos, 1, "{}[]\",:0a-"[rng() % 10]); break;
      }
      if (t.empty()) t = "x";
    }
    FormParse p = parse_form(t);
    if (!p.form) {
      refused++;
      EXPECT_FALSE(p.error.empty());
    }
  }
  EXPECT_GT(refused, 2000);
}

TEST(FormParse, AnswersAreValidatedAndReadBack) {
  FormDef f = parse_form(default_form_text()).form.value();
  const Question& feel = *f.find("feeling");
  EXPECT_TRUE(validate_answer(feel, 3).ok);
  EXPECT_FALSE(validate_answer(feel, 6).ok);
  EXPECT_FALSE(validate_answer(feel, "3").ok);
  EXPECT_EQ(answer_plain_text(feel, 5, "en"), "Great");
  EXPECT_EQ(answer_plain_text(feel, 5, "cy"), "Gwych");
  const Question& todo = *f.find("want_to_do");
  AnswerCheck c = validate_answer(todo, json::array({"job", "college", "job"}));
  ASSERT_TRUE(c.ok);
  EXPECT_EQ(c.value, json::array({"college", "job"}));  // form order, once each
  EXPECT_EQ(answer_plain_text(todo, c.value, "en"), "Go to college, Get a job");
  EXPECT_FALSE(validate_answer(todo, json::array({"space"})).ok);
  const Question& health = *f.find("health");
  EXPECT_EQ(answer_plain_text(health, "yes", "cy"), "Ydw");
  EXPECT_FALSE(validate_answer(health, "maybe").ok);
  const Question& text = *f.find("proud_of");
  EXPECT_FALSE(validate_answer(text, std::string(200, 'a')).ok);
  EXPECT_EQ(validate_answer(text, "ok\x01 then").value, "ok then");
  const Question& who = *f.find("who_there");
  c = validate_answer(who, json{{"picked", {"Sam Taylor", "Sam Taylor"}}, {"added", {"My nan"}}});
  ASSERT_TRUE(c.ok);
  EXPECT_EQ(answer_plain_text(who, c.value, "en"), "Sam Taylor, My nan");
  EXPECT_FALSE(validate_answer(who, json::array()).ok);
  // a name half typed before "Add" is kept and counts as written
  c = validate_answer(who, json{{"picked", json::array()}, {"added", json::array()}, {"typing", "Auntie J"}});
  ASSERT_TRUE(c.ok);
  EXPECT_EQ(c.value["typing"], "Auntie J");
  EXPECT_TRUE(answer_present(who, c.value));
  EXPECT_EQ(answer_plain_text(who, c.value, "en"), "Auntie J");
  EXPECT_FALSE(validate_answer(who, json{{"typing", 5}}).ok);
}

// ---------------------------------------------------------------- meetings
TEST_F(MyViewsTest, DemoMeetingsAreSeededAndPrivate) {
  auto a = meetings_upcoming(*db_, "1001", clock_.now_s());
  auto b = meetings_upcoming(*db_, "1002", clock_.now_s());
  ASSERT_EQ(a.size(), 3u);
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(a[0].type, MeetingType::Review);
  EXPECT_GE(a[0].invited.size(), 3u);
  EXPECT_EQ(a[0].invited[0].role, "yot_worker");
  EXPECT_LT(a[0].starts_at, a[1].starts_at);
  // a child never reaches another child's meeting or response
  EXPECT_FALSE(meeting_get(*db_, "1002", a[0].id));
  std::string err;
  EXPECT_FALSE(myviews_open_for_meeting(*db_, "1002", a[0].id, kDefaultFormId, clock_.now_s(), &err));
  Response r = open();
  EXPECT_FALSE(myviews_get(*db_, "1002", r.id));
  EXPECT_FALSE(myviews_set_answer(*db_, "1002", r.id, "feeling", 3, clock_.now_s()).ok);
  // past meetings drop off the list
  clock_.advance_ms(int64_t{5} * 86400 * 1000);
  EXPECT_EQ(meetings_upcoming(*db_, "1001", clock_.now_s()).size(), 2u);
  EXPECT_THROW(meeting_add(*db_, Meeting{0, "1001", MeetingType::Review, 1, false, "", {}}), DbError);
}

// ---------------------------------------------------------------- autosave and resume
TEST_F(MyViewsTest, EveryChangeIsCommittedAndResumesWhereTheChildWas) {
  Response r = open();
  EXPECT_EQ(r.current_q, "feeling");
  std::string text;
  for (char ch : std::string("I got my maths level 1")) {
    text += ch;
    ASSERT_TRUE(myviews_set_answer(*db_, "1001", r.id, "going_well", text, clock_.now_s()).ok);
  }
  ASSERT_TRUE(myviews_set_answer(*db_, "1001", r.id, "feeling", 4, clock_.now_s()).ok);
  ASSERT_TRUE(myviews_set_position(*db_, "1001", r.id, "live_with", clock_.now_s()).ok);
  EXPECT_FALSE(myviews_set_answer(*db_, "1001", r.id, "feeling", 9, clock_.now_s()).ok);  // refused, not stored
  EXPECT_FALSE(myviews_set_answer(*db_, "1001", r.id, "nope", 1, clock_.now_s()).ok);
  EXPECT_FALSE(myviews_skip(*db_, "1001", r.id, "feeling", clock_.now_s()).ok);  // not optional
  ASSERT_TRUE(myviews_skip(*db_, "1001", r.id, "money", clock_.now_s()).ok);

  // nothing is held in memory: a fresh connection (as after a crash) sees it all
  db_.reset();
  auto reopened = open_device(dir_.string());
  ASSERT_TRUE(reopened.db);
  db_ = std::move(reopened.db);
  Response again = open();  // opening again returns the same draft
  EXPECT_EQ(again.id, r.id);
  EXPECT_EQ(again.current_q, "money");  // the last change was there
  EXPECT_EQ(again.answers.at("going_well").value, "I got my maths level 1");
  EXPECT_EQ(again.answers.at("going_well").rev, 22);
  EXPECT_EQ(again.answers.at("feeling").value, 4);
  EXPECT_TRUE(again.answers.at("money").skipped);
  ASSERT_TRUE(myviews_clear_answer(*db_, "1001", r.id, "money", clock_.now_s()).ok);
  EXPECT_FALSE(myviews_get(*db_, "1001", r.id)->answers.count("money"));
  EXPECT_EQ(myviews_state(*db_, "1001", meeting_), ViewsState::Started);
}

// ---------------------------------------------------------------- versions
TEST_F(MyViewsTest, AFormUpdateNeverBreaksADraft) {
  Response r = open();
  ASSERT_TRUE(myviews_set_answer(*db_, "1001", r.id, "proud_of", "my art", clock_.now_s()).ok);
  // version 2 drops "proud_of" and adds a question
  json v2 = json::parse(default_form_text());
  v2["version"] = 2;
  v2["questions"].erase(2);
  v2["questions"].push_back(json::parse(R"({"id":"extra","type":"short_text","optional":true,
      "title":{"en":"Anything else?","cy":"Unrhyw beth arall?"}})"));
  std::string err;
  ASSERT_TRUE(form_install(*db_, v2.dump(), clock_.now_s(), &err)) << err;
  EXPECT_EQ(form_latest(*db_, kDefaultFormId)->version, 2);
  // the same version with other words is refused; the same text again is fine
  json v2b = v2;
  v2b["title"]["en"] = "Changed";
  EXPECT_FALSE(form_install(*db_, v2b.dump(), clock_.now_s(), &err));
  EXPECT_NE(err.find("higher version"), std::string::npos);
  EXPECT_TRUE(form_install(*db_, v2.dump(), clock_.now_s(), &err));
  EXPECT_FALSE(form_install(*db_, "{nonsense", clock_.now_s(), &err));

  // the draft stays on version 1, keeps answering version 1's questions, and v1 is not pruned
  Response same = open();
  EXPECT_EQ(same.form_version, 1);
  EXPECT_TRUE(myviews_set_answer(*db_, "1001", r.id, "proud_of", "my art and music", clock_.now_s()).ok);
  EXPECT_FALSE(myviews_set_answer(*db_, "1001", r.id, "extra", "x", clock_.now_s()).ok);
  EXPECT_EQ(form_prune(*db_, kDefaultFormId), 0);
  EXPECT_EQ(form_versions(*db_, kDefaultFormId), (std::vector<int>{1, 2}));
  ASSERT_TRUE(myviews_set_answer(*db_, "1001", r.id, "feeling", 3, clock_.now_s()).ok);
  SendResult s = myviews_send(*db_, "1001", r.id, "en", clock_.now_s());
  ASSERT_TRUE(s.ok) << s.error;
  EXPECT_EQ(json::parse(outbox_get(*db_, s.outbox_id)->body)["form_version"], 1);
  // a new response (the next meeting) starts on version 2
  auto next = meetings_upcoming(*db_, "1001", clock_.now_s())[1];
  auto r2 = myviews_open_for_meeting(*db_, "1001", next.id, kDefaultFormId, clock_.now_s(), &err);
  ASSERT_TRUE(r2);
  EXPECT_EQ(r2->form_version, 2);
}

TEST_F(MyViewsTest, PruneRemovesOnlyUnusedOldVersions) {
  json v2 = json::parse(default_form_text());
  v2["version"] = 2;
  std::string err;
  ASSERT_TRUE(form_install(*db_, v2.dump(), clock_.now_s(), &err)) << err;
  EXPECT_EQ(form_prune(*db_, kDefaultFormId), 1);  // nobody used version 1
  EXPECT_EQ(form_versions(*db_, kDefaultFormId), (std::vector<int>{2}));
}

// ---------------------------------------------------------------- send
TEST_F(MyViewsTest, SendIsAtomicWithTheOutbox) {
  Response r = open();
  SendResult s = myviews_send(*db_, "1001", r.id, "en", clock_.now_s());
  EXPECT_FALSE(s.ok) << "the feelings question must be answered first";
  EXPECT_EQ(myviews_missing(*form_load(*db_, kDefaultFormId, 1), r), std::vector<std::string>{"feeling"});
  ASSERT_TRUE(myviews_set_answer(*db_, "1001", r.id, "feeling", 4, clock_.now_s()).ok);
  ASSERT_TRUE(myviews_set_answer(*db_, "1001", r.id, "health", "not_sure", clock_.now_s()).ok);

  // a failure after both writes rolls both back: no outbox record, still a draft
  s = myviews_send(*db_, "1001", r.id, "en", clock_.now_s(), [] { throw DbError(10, "disk I/O error (simulated)"); });
  EXPECT_FALSE(s.ok);
  EXPECT_TRUE(outbox_for_child(*db_, "1001", "myviews").empty());
  EXPECT_FALSE(myviews_get(*db_, "1001", r.id)->sent);
  EXPECT_TRUE(myviews_set_answer(*db_, "1001", r.id, "health", "yes", clock_.now_s()).ok);

  s = myviews_send(*db_, "1001", r.id, "cy", clock_.now_s());
  ASSERT_TRUE(s.ok) << s.error;
  auto items = outbox_for_child(*db_, "1001", "myviews");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].id, s.outbox_id);
  json body = json::parse(items[0].body);
  EXPECT_EQ(body["form"], kDefaultFormId);
  EXPECT_EQ(body["supersedes"], nullptr);
  EXPECT_EQ(body["lang"], "cy");
  bool found = false;
  for (const json& a : body["answers"])
    if (a["q"] == "health") {
      found = true;
      EXPECT_EQ(a["value"], "yes");
      EXPECT_EQ(a["text"], "Ydw");
    }
  EXPECT_TRUE(found);
  Response sent = *myviews_get(*db_, "1001", r.id);
  EXPECT_TRUE(sent.sent);
  EXPECT_EQ(sent.outbox_id, s.outbox_id);
  EXPECT_EQ(myviews_state(*db_, "1001", meeting_), ViewsState::Sent);

  // immutable: the API refuses, and so does the database itself
  EXPECT_FALSE(myviews_set_answer(*db_, "1001", r.id, "health", "no", clock_.now_s()).ok);
  EXPECT_FALSE(myviews_send(*db_, "1001", r.id, "en", clock_.now_s()).ok);
  EXPECT_THROW(db_->exec("UPDATE answers SET value = '\"no\"' WHERE question_id = 'health'"), DbError);
  EXPECT_THROW(db_->exec("INSERT INTO answers(response_id, question_id, value, updated_at) VALUES(1, 'proud_of', '\"x\"', 0)"), DbError);
  EXPECT_THROW(db_->exec("UPDATE responses SET state = 'draft'"), DbError);
  EXPECT_EQ(outbox_for_child(*db_, "1001", "myviews").size(), 1u);

  // the worker reads it: home says so
  {
    Txn t(*db_);
    outbox_advance(*db_, s.outbox_id, "read", clock_.now_s());
    t.commit();
  }
  EXPECT_EQ(myviews_state(*db_, "1001", meeting_), ViewsState::Read);
}

// What the kiosk sends fits the gateway's strict check; a version the gateway refused shows as refused.
TEST_F(MyViewsTest, TheSentBodyFitsTheGatewaysCheckAndARefusalShows) {
  Response r = open();
  ASSERT_TRUE(myviews_set_answer(*db_, "1001", r.id, "feeling", 4, clock_.now_s()).ok);
  ASSERT_TRUE(myviews_set_answer(*db_, "1001", r.id, "health", "not_sure", clock_.now_s()).ok);
  const SendResult s = myviews_send(*db_, "1001", r.id, "cy", clock_.now_s());
  ASSERT_TRUE(s.ok) << s.error;
  const auto item = outbox_get(*db_, s.outbox_id);
  ASSERT_TRUE(item);
  EXPECT_EQ(wire::upload_problem("myviews", "1001", json::parse(item->body)), "");
  EXPECT_EQ(wire::upload_problem("myviews", "1002", json::parse(item->body)), "child: must be the record's child");
  {
    Txn t(*db_);
    outbox_advance(*db_, s.outbox_id, "refused", clock_.now_s(), "bad_body: answers 1, text: must be text");
    t.commit();
  }
  EXPECT_EQ(myviews_state(*db_, "1001", meeting_), ViewsState::Refused);
  EXPECT_STREQ(views_state_code(ViewsState::Refused), "refused");
}

// ---------------------------------------------------------------- supersede
TEST_F(MyViewsTest, AChangeAfterSendingIsANewResponseThatReplacesTheOld) {
  Response r = open();
  ASSERT_TRUE(myviews_set_answer(*db_, "1001", r.id, "feeling", 2, clock_.now_s()).ok);
  ASSERT_TRUE(myviews_set_answer(*db_, "1001", r.id, "worries", "where I will live", clock_.now_s()).ok);
  ASSERT_TRUE(myviews_skip(*db_, "1001", r.id, "money", clock_.now_s()).ok);
  SendResult first = myviews_send(*db_, "1001", r.id, "en", clock_.now_s());
  ASSERT_TRUE(first.ok);

  std::string err;
  auto d = myviews_supersede(*db_, "1001", r.id, clock_.now_s(), &err);
  ASSERT_TRUE(d) << err;
  EXPECT_NE(d->id, r.id);
  EXPECT_EQ(d->supersedes, r.id);
  EXPECT_FALSE(d->sent);
  EXPECT_EQ(d->answers.at("worries").value, "where I will live");  // carried over
  EXPECT_TRUE(d->answers.at("money").skipped);
  EXPECT_EQ(myviews_supersede(*db_, "1001", r.id, clock_.now_s(), &err)->id, d->id);  // one draft, not two
  EXPECT_EQ(myviews_state(*db_, "1001", meeting_), ViewsState::Sent);  // the sent one still stands
  EXPECT_FALSE(myviews_supersede(*db_, "1001", d->id, clock_.now_s(), &err));  // a draft is changed as it is

  ASSERT_TRUE(myviews_set_answer(*db_, "1001", d->id, "feeling", 4, clock_.now_s()).ok);
  SendResult second = myviews_send(*db_, "1001", d->id, "en", clock_.now_s());
  ASSERT_TRUE(second.ok);
  EXPECT_NE(second.outbox_id, first.outbox_id);
  json body = json::parse(outbox_get(*db_, second.outbox_id)->body);
  EXPECT_EQ(body["supersedes"], first.outbox_id);
  // the first is untouched
  EXPECT_EQ(json::parse(outbox_get(*db_, first.outbox_id)->body)["answers"][0]["value"], 2);
  EXPECT_EQ(myviews_all(*db_, "1001").size(), 2u);
}

TEST_F(MyViewsTest, StatesForHome) {
  EXPECT_EQ(myviews_state(*db_, "1001", meeting_), ViewsState::NotStarted);
  open();
  EXPECT_EQ(myviews_state(*db_, "1001", meeting_), ViewsState::Started);
  EXPECT_STREQ(views_state_code(ViewsState::Read), "read");
}

TEST(MyViewsStrings, EveryIdHasWelsh) {
  Strings s;
  std::string err;
  ASSERT_TRUE(s.load(assets_dir() + "/strings", &err)) << err;
  for (const auto& [id, text] : s.table("en")) {
    if (id.rfind("myviews.", 0) != 0 && id.rfind("meetings.", 0) != 0) continue;
    EXPECT_TRUE(s.has("cy", id)) << id;
  }
}

// A wipe (waymarkctl wipe) removes every child's meetings and My Views, sent ones included, and the kiosk
// reinstalls the form from its assets afterwards.
TEST_F(MyViewsTest, WipeRemovesMeetingsAndResponses) {
  Response r = open();
  ASSERT_TRUE(myviews_set_answer(*db_, "1001", r.id, "feeling", 4, clock_.now_s()).ok);
  ASSERT_TRUE(myviews_set_answer(*db_, "1001", r.id, "worries", "my bedroom", clock_.now_s()).ok);
  ASSERT_TRUE(myviews_send(*db_, "1001", r.id, "en", clock_.now_s()).ok);
  std::string err;
  ASSERT_TRUE(myviews_supersede(*db_, "1001", r.id, clock_.now_s(), &err)) << err;
  wipe_children(*db_, clock_, "test");
  for (const char* t : {"meetings", "meeting_people", "responses", "answers"}) {
    Stmt s(*db_, std::string("SELECT count(*) FROM ") + t);
    ASSERT_TRUE(s.step());
    EXPECT_EQ(s.i64(0), 0) << t;
  }
}
