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

// A transferred child's goals being typed (core/sync/carried_drafts.h): each of theirs here, and one carried from
// the kiosk they left put back in the goal box (inside the caller's transaction) unless the one here is as new or
// they sent an own goal for that pathway since.
struct GoalDraft {
  Pathway pathway = Pathway::Accommodation;
  std::string text;
  int64_t updated_at = 0;
};
std::vector<GoalDraft> goal_drafts(Db& db, const std::string& child);
void place_goal_draft(Db& db, const std::string& child, const GoalDraft& g);

}  // namespace waymark::plan
