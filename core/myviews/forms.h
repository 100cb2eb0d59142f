// core/myviews/forms.h: My Views form definitions are data (JSON in assets/forms/ and in content packs).
//
// Index
//  - QuestionType, Option, Question, FormDef : a parsed, validated definition
//  - parse_form        : text -> FormDef, or a plain reason why it was refused (never throws, never crashes)
//  - validate_answer   : checks and normalises one answer for a question
//  - answer_plain_text : an answer read back in plain words (the review page, the outbox body)
//  - install / load    : versions live in the database (form_versions), so a form update never breaks a
//                        draft: the draft keeps using the version it started with until it is sent
//
// A definition:
//   { "form": "myviews-default", "version": 1,
//     "title": {"en": "...", "cy": "..."}, "intro": {"en": "...", "cy": "..."},
//     "questions": [ { "id": "going_well", "type": "long_text", "optional": true,
//                      "title": {"en","cy"}, "hint": {"en","cy"}, "max_length": 600 },
//                    { "id": "live_with", "type": "single_choice",
//                      "options": [ {"id": "family", "icon": "home", "label": {"en","cy"}} ] } ] }
// Types: single_choice, multiple_choice (options 2-12), feelings (exactly five options, worst to best),
// yes_no_unsure (options yes, no, not_sure), short_text, long_text, people ("who I want at my meeting").
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/storage/db.h"

namespace waymark {

enum class QuestionType { SingleChoice, MultipleChoice, Feelings, YesNoUnsure, ShortText, LongText, People };
const char* question_type_code(QuestionType t);

// English and Welsh text.
struct Bilingual {
  std::string en, cy;
  const std::string& in(const std::string& lang) const { return lang == "cy" ? cy : en; }
};

struct Option {
  std::string id;
  std::string icon;  // a name from form_icon_names(), may be empty
  Bilingual label;
};

struct Question {
  std::string id;
  QuestionType type = QuestionType::ShortText;
  bool optional = false;
  Bilingual title;
  Bilingual hint;           // may be empty in both languages
  std::vector<Option> options;
  int max_length = 0;       // text types: code points (default 120 short, 1000 long)
  int max_choices = 0;      // multiple_choice: 0 = any number
};

struct FormDef {
  std::string id;
  int version = 0;
  Bilingual title;
  Bilingual intro;
  std::vector<Question> questions;
  const Question* find(const std::string& qid) const;
  int index_of(const std::string& qid) const;  // -1 when absent
};

struct FormParse {
  std::optional<FormDef> form;
  std::string error;  // plain words with where: "question 3 (feeling): needs exactly 5 options"
};

inline constexpr size_t kMaxFormBytes = 256 * 1024;
FormParse parse_form(const std::string& text);
const std::vector<std::string>& form_icon_names();

// ---- answers
// Stored values (JSON): single_choice / yes_no_unsure "option_id"; multiple_choice ["id", ...];
// feelings 1..5; short_text / long_text "text"; people {"picked": ["name"], "added": ["name"]} plus
// "typing": "a name not yet added" while the child types one (saved on every key like any text).
struct AnswerCheck {
  bool ok = false;
  nlohmann::json value;  // normalised (text sanitised, duplicates removed)
  std::string error;
};
AnswerCheck validate_answer(const Question& q, const nlohmann::json& value);
// True when the value counts as an answer (non-empty text, at least one choice, ...).
bool answer_present(const Question& q, const nlohmann::json& value);
// The answer in plain words in lang ("College, A job"); empty when nothing was given.
std::string answer_plain_text(const Question& q, const nlohmann::json& value, const std::string& lang);

// ---- versions in the database
// Installs a definition (validated first). Same id and version already there with the same text: ok, no
// change. Same id and version with different text: refused (a version never changes once installed).
// Returns false with a reason. Own transaction.
bool form_install(Db& db, const std::string& text, int64_t now_s, std::string* error);
// The same as one step of a bigger change (a content pack's install). Inside a transaction (db.h).
bool form_install_step(Db& db, const std::string& text, int64_t now_s, std::string* error);
// Installs every *.json in dir that parses; returns the reasons for the ones refused ("file: reason").
std::vector<std::string> form_install_dir(Db& db, const std::string& dir, int64_t now_s);
std::optional<FormDef> form_load(Db& db, const std::string& form_id, int version);
std::optional<FormDef> form_latest(Db& db, const std::string& form_id);
std::vector<int> form_versions(Db& db, const std::string& form_id);
// Removes versions that are not the newest and that no response (draft or sent) uses. Returns how many.
int form_prune(Db& db, const std::string& form_id);

inline constexpr const char* kDefaultFormId = "myviews-default";

}  // namespace waymark
