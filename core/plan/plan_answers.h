// core/plan/plan_answers.h: a child's answers to their plan, one pathway at a time: "That's right", "I want to
// talk about this" (the worker gets a question about that pathway) and "Add my own goal". Each answer is an
// outbox record of kind "plan_answer" (wire::PlanAnswer), so it is saved at the tap, goes when the kiosk next
// syncs and shows "waiting to send / sent / read" like a message. An answer names the plan version the child
// read: when the worker has saved a newer one since, it still goes, marked with its version.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/plan/plan.h"
#include "core/storage/db.h"

namespace waymark::plan {

enum class Answer { Agree, Talk, OwnGoal };
const char* answer_code(Answer a);  // "agree", "talk", "own_goal"

enum class AnswerStatus { Ok, Empty, TooLong };
struct AnswerResult {
  AnswerStatus status = AnswerStatus::Ok;
  std::string id;  // the outbox id when Ok
};
// Adds the answer to the outbox (own transaction); an own goal's text is cleaned and must be 1 to kMaxGoalChars
// characters; its draft is removed in the same transaction.
AnswerResult send_answer(Db& db, const std::string& child, Pathway p, Answer a, const std::string& text,
                         int64_t plan_version, const std::string& lang, int64_t now_s);

struct SentAnswer {
  std::string id;
  Pathway pathway = Pathway::Accommodation;
  Answer answer = Answer::Agree;
  std::string text;
  int64_t plan_version = 0;
  int64_t at = 0;
  std::string state;  // outbox state: waiting, sent, delivered, read, refused
};
// The child's answers, newest first (only those whose body parses).
std::vector<SentAnswer> answers_for(Db& db, const std::string& child);

// An own goal being typed: saved as the child types (empty deletes).
std::string load_goal_draft(Db& db, const std::string& child, Pathway p);
void save_goal_draft(Db& db, const std::string& child, Pathway p, const std::string& text, int64_t now_s);

}  // namespace waymark::plan
