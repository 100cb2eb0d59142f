#include "core/myviews/forms.h"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/base/json_limits.h"
#include "core/base/text.h"

namespace waymark {

using nlohmann::json;

// ---------------------------------------------------------------- basics
const char* question_type_code(QuestionType t) {
  switch (t) {
    case QuestionType::SingleChoice: return "single_choice";
    case QuestionType::MultipleChoice: return "multiple_choice";
    case QuestionType::Feelings: return "feelings";
    case QuestionType::YesNoUnsure: return "yes_no_unsure";
    case QuestionType::ShortText: return "short_text";
    case QuestionType::LongText: return "long_text";
    case QuestionType::People: return "people";
  }
  return "short_text";
}

namespace {
std::optional<QuestionType> parse_type(const std::string& s) {
  for (QuestionType t : {QuestionType::SingleChoice, QuestionType::MultipleChoice, QuestionType::Feelings,
                         QuestionType::YesNoUnsure, QuestionType::ShortText, QuestionType::LongText, QuestionType::People})
    if (s == question_type_code(t)) return t;
  return std::nullopt;
}

bool valid_id(const std::string& s, bool allow_dash) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (allow_dash && c == '-'))) return false;
  return s[0] >= 'a' && s[0] <= 'z';
}

struct Err {
  std::string msg;
};

// {"en": "...", "cy": "..."} with both present, non-empty, valid and within max code points.
Bilingual bilingual(const json& o, const char* key, const std::string& where, bool required, size_t max_cp) {
  Bilingual b;
  if (!o.contains(key)) {
    if (required) throw Err{where + ": needs \"" + key + "\" in English and Welsh"};
    return b;
  }
  const json& v = o.at(key);
  if (!v.is_object()) throw Err{where + ": \"" + key + "\" must be {\"en\": ..., \"cy\": ...}"};
  for (const char* lang : {"en", "cy"}) {
    if (!v.contains(lang) || !v.at(lang).is_string())
      throw Err{where + ": \"" + key + "\" has no " + (std::string(lang) == "en" ? "English" : "Welsh") + " text"};
    const std::string& s = v.at(lang).get_ref<const std::string&>();
    if (!utf8_valid(s)) throw Err{where + ": \"" + key + "\" is not valid UTF-8"};
    const std::string clean = sanitize_text(s, max_cp, true);
    if (clean.find_first_not_of(" \n\t") == std::string::npos) throw Err{where + ": \"" + key + "\" is empty in " + (std::string(lang) == "en" ? "English" : "Welsh")};
    if (utf8_length(s) > max_cp) throw Err{where + ": \"" + key + "\" is longer than " + std::to_string(max_cp) + " letters"};
    (std::string(lang) == "en" ? b.en : b.cy) = clean;
  }
  return b;
}

int int_field(const json& o, const char* key, int dflt, int lo, int hi, const std::string& where) {
  if (!o.contains(key)) return dflt;
  const json& v = o.at(key);
  if (!v.is_number_integer()) throw Err{where + ": \"" + key + "\" must be a whole number"};
  const int64_t n = v.get<int64_t>();
  if (n < lo || n > hi)
    throw Err{where + ": \"" + key + "\" must be between " + std::to_string(lo) + " and " + std::to_string(hi)};
  return static_cast<int>(n);
}

FormDef parse_checked(const json& root) {
  if (!root.is_object()) throw Err{"the definition must be a JSON object"};
  FormDef f;
  if (!root.contains("form") || !root.at("form").is_string()) throw Err{"needs \"form\": the form's id"};
  f.id = root.at("form").get<std::string>();
  if (!valid_id(f.id, true)) throw Err{"the form id \"" + f.id + "\" may only use a-z, 0-9, - and _"};
  if (!root.contains("version")) throw Err{"needs \"version\": a whole number from 1"};
  f.version = int_field(root, "version", 0, 1, 1'000'000, "the form");
  f.title = bilingual(root, "title", "the form", true, 80);
  f.intro = bilingual(root, "intro", "the form", false, 400);
  if (!root.contains("questions") || !root.at("questions").is_array()) throw Err{"needs \"questions\": a list"};
  const json& qs = root.at("questions");
  if (qs.empty()) throw Err{"the form has no questions"};
  if (qs.size() > 60) throw Err{"the form has more than 60 questions"};
  std::set<std::string> ids;
  int n = 0;
  for (const json& jq : qs) {
    n++;
    std::string where = "question " + std::to_string(n);
    if (!jq.is_object()) throw Err{where + ": must be an object"};
    Question q;
    if (!jq.contains("id") || !jq.at("id").is_string()) throw Err{where + ": needs an \"id\""};
    q.id = jq.at("id").get<std::string>();
    if (!valid_id(q.id, false)) throw Err{where + ": the id \"" + q.id + "\" may only use a-z, 0-9 and _"};
    where += " (" + q.id + ")";
    if (!ids.insert(q.id).second) throw Err{where + ": this id is used twice"};
    if (!jq.contains("type") || !jq.at("type").is_string()) throw Err{where + ": needs a \"type\""};
    auto t = parse_type(jq.at("type").get<std::string>());
    if (!t) throw Err{where + ": unknown type \"" + jq.at("type").get<std::string>() + "\""};
    q.type = *t;
    if (jq.contains("optional")) {
      if (!jq.at("optional").is_boolean()) throw Err{where + ": \"optional\" must be true or false"};
      q.optional = jq.at("optional").get<bool>();
    }
    q.title = bilingual(jq, "title", where, true, 120);
    q.hint = bilingual(jq, "hint", where, false, 240);
    const bool choice = q.type == QuestionType::SingleChoice || q.type == QuestionType::MultipleChoice ||
                        q.type == QuestionType::Feelings || q.type == QuestionType::YesNoUnsure;
    if (choice) {
      if (!jq.contains("options") || !jq.at("options").is_array()) throw Err{where + ": needs \"options\": a list"};
      std::set<std::string> oids;
      int k = 0;
      for (const json& jo : jq.at("options")) {
        k++;
        const std::string ow = where + ", option " + std::to_string(k);
        if (!jo.is_object()) throw Err{ow + ": must be an object"};
        Option o;
        if (!jo.contains("id") || !jo.at("id").is_string()) throw Err{ow + ": needs an \"id\""};
        o.id = jo.at("id").get<std::string>();
        if (!valid_id(o.id, false)) throw Err{ow + ": the id \"" + o.id + "\" may only use a-z, 0-9 and _"};
        if (!oids.insert(o.id).second) throw Err{ow + ": the id \"" + o.id + "\" is used twice"};
        if (jo.contains("icon")) {
          if (!jo.at("icon").is_string()) throw Err{ow + ": \"icon\" must be a name"};
          o.icon = jo.at("icon").get<std::string>();
          const auto& names = form_icon_names();
          if (std::find(names.begin(), names.end(), o.icon) == names.end()) throw Err{ow + ": unknown icon \"" + o.icon + "\""};
        }
        o.label = bilingual(jo, "label", ow, true, 60);
        q.options.push_back(std::move(o));
      }
      if (q.type == QuestionType::Feelings && q.options.size() != 5)
        throw Err{where + ": a feelings question needs exactly 5 options (the five faces)"};
      if (q.type == QuestionType::YesNoUnsure &&
          (q.options.size() != 3 || q.options[0].id != "yes" || q.options[1].id != "no" || q.options[2].id != "not_sure"))
        throw Err{where + ": a yes/no question needs the options yes, no, not_sure in that order"};
      if (q.options.size() < 2 || q.options.size() > 12) throw Err{where + ": needs between 2 and 12 options"};
      if (q.type == QuestionType::MultipleChoice)
        q.max_choices = int_field(jq, "max_choices", 0, 0, static_cast<int>(q.options.size()), where);
    } else if (jq.contains("options")) {
      throw Err{where + ": a " + std::string(question_type_code(q.type)) + " question has no options"};
    }
    if (q.type == QuestionType::ShortText) q.max_length = int_field(jq, "max_length", 120, 1, 200, where);
    if (q.type == QuestionType::LongText) q.max_length = int_field(jq, "max_length", 1000, 1, 2000, where);
    f.questions.push_back(std::move(q));
  }
  return f;
}
}  // namespace

const std::vector<std::string>& form_icon_names() {
  static const std::vector<std::string> names = {
      "course", "apprenticeship", "job", "training", "activity", "myviews", "messages", "meetings", "help",
      "staff", "lock", "search", "star", "hand", "home", "check", "cross", "globe", "signpost", "list",
      "send", "clock", "face1", "face2", "face3", "face4", "face5"};
  return names;
}

const Question* FormDef::find(const std::string& qid) const {
  for (const Question& q : questions)
    if (q.id == qid) return &q;
  return nullptr;
}

int FormDef::index_of(const std::string& qid) const {
  for (size_t i = 0; i < questions.size(); i++)
    if (questions[i].id == qid) return static_cast<int>(i);
  return -1;
}

FormParse parse_form(const std::string& text) {
  FormParse out;
  if (text.size() > kMaxFormBytes) {
    out.error = "the definition is larger than 256 KB";
    return out;
  }
  if (!utf8_valid(text)) {
    out.error = "the definition is not valid UTF-8 text";
    return out;
  }
  if (json_nesting_depth(text, 16) > 16) {  // nlohmann recurses: measure before parsing
    out.error = "the definition is nested too deeply";
    return out;
  }
  try {
    json root = json::parse(text, nullptr, false);
    if (root.is_discarded()) {
      out.error = "the definition is not valid JSON";
      return out;
    }
    out.form = parse_checked(root);
  } catch (const Err& e) {
    out.error = e.msg;
  } catch (const std::exception& e) {
    out.error = std::string("the definition could not be read: ") + e.what();
  }
  if (!out.error.empty()) out.form.reset();
  return out;
}

// ---------------------------------------------------------------- answers
namespace {
bool has_option(const Question& q, const std::string& id) {
  return std::any_of(q.options.begin(), q.options.end(), [&](const Option& o) { return o.id == id; });
}
const Option* option(const Question& q, const std::string& id) {
  for (const Option& o : q.options)
    if (o.id == id) return &o;
  return nullptr;
}
// a list of up to `max` distinct clean names
bool name_list(const json& v, size_t max, json& out, std::string& err) {
  out = json::array();
  if (!v.is_array()) {
    err = "must be a list of names";
    return false;
  }
  std::set<std::string> seen;
  for (const json& n : v) {
    if (!n.is_string()) {
      err = "must be a list of names";
      return false;
    }
    std::string clean = sanitize_text(n.get<std::string>(), 60, false);
    if (clean.empty() || !seen.insert(clean).second) continue;
    if (out.size() >= max) {
      err = "too many names";
      return false;
    }
    out.push_back(clean);
  }
  return true;
}
}  // namespace

AnswerCheck validate_answer(const Question& q, const json& v) {
  AnswerCheck r;
  try {
    switch (q.type) {
      case QuestionType::SingleChoice:
      case QuestionType::YesNoUnsure:
        if (!v.is_string() || !has_option(q, v.get<std::string>())) {
          r.error = "that is not one of the choices";
          return r;
        }
        r.value = v;
        break;
      case QuestionType::MultipleChoice: {
        if (!v.is_array()) {
          r.error = "must be a list of choices";
          return r;
        }
        json out = json::array();
        // kept in the form's order, each once
        for (const Option& o : q.options)
          if (std::any_of(v.begin(), v.end(), [&](const json& e) { return e.is_string() && e.get<std::string>() == o.id; }))
            out.push_back(o.id);
        for (const json& e : v)
          if (!e.is_string() || !has_option(q, e.get<std::string>())) {
            r.error = "that is not one of the choices";
            return r;
          }
        if (q.max_choices > 0 && out.size() > static_cast<size_t>(q.max_choices)) {
          r.error = "too many choices";
          return r;
        }
        r.value = out;
        break;
      }
      case QuestionType::Feelings:
        if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > 5) {
          r.error = "must be a face from 1 to 5";
          return r;
        }
        r.value = v.get<int64_t>();
        break;
      case QuestionType::ShortText:
      case QuestionType::LongText: {
        if (!v.is_string()) {
          r.error = "must be text";
          return r;
        }
        const std::string& s = v.get_ref<const std::string&>();
        if (utf8_length(s) > static_cast<size_t>(q.max_length)) {
          r.error = "the text is too long";
          return r;
        }
        r.value = sanitize_text(s, static_cast<size_t>(q.max_length), q.type == QuestionType::LongText);
        break;
      }
      case QuestionType::People: {
        if (!v.is_object()) {
          r.error = "must say who was picked and who was added";
          return r;
        }
        json picked, added;
        if (!name_list(v.value("picked", json::array()), 20, picked, r.error)) return r;
        if (!name_list(v.value("added", json::array()), 10, added, r.error)) return r;
        r.value = json{{"picked", picked}, {"added", added}};
        // a name being typed before "Add" is tapped is kept too (autosave: nothing written is lost)
        if (v.contains("typing")) {
          if (!v["typing"].is_string()) {
            r.error = "the name being typed must be text";
            return r;
          }
          const std::string t = sanitize_text(v["typing"].get<std::string>(), 60, false);
          if (t.find_first_not_of(' ') != std::string::npos) r.value["typing"] = t;
        }
        break;
      }
    }
  } catch (const std::exception& e) {
    r.error = std::string("the answer could not be read: ") + e.what();
    return r;
  }
  r.ok = true;
  return r;
}

bool answer_present(const Question& q, const json& v) {
  if (v.is_null()) return false;
  switch (q.type) {
    case QuestionType::MultipleChoice: return v.is_array() && !v.empty();
    case QuestionType::ShortText:
    case QuestionType::LongText: {
      if (!v.is_string()) return false;
      const std::string& s = v.get_ref<const std::string&>();
      return s.find_first_not_of(" \n\t") != std::string::npos;
    }
    case QuestionType::People:
      return v.is_object() && ((v.contains("picked") && !v["picked"].empty()) || (v.contains("added") && !v["added"].empty()) ||
                               (v.contains("typing") && v["typing"].is_string() && !v["typing"].get<std::string>().empty()));
    default: return true;
  }
}

std::string answer_plain_text(const Question& q, const json& v, const std::string& lang) {
  if (!answer_present(q, v)) return {};
  try {
    switch (q.type) {
      case QuestionType::SingleChoice:
      case QuestionType::YesNoUnsure:
        if (const Option* o = option(q, v.get<std::string>())) return o->label.in(lang);
        return {};
      case QuestionType::MultipleChoice: {
        std::string out;
        for (const json& e : v)
          if (const Option* o = option(q, e.get<std::string>())) out += (out.empty() ? "" : ", ") + o->label.in(lang);
        return out;
      }
      case QuestionType::Feelings: {
        const int64_t n = v.get<int64_t>();
        if (n >= 1 && n <= static_cast<int64_t>(q.options.size())) return q.options[static_cast<size_t>(n - 1)].label.in(lang);
        return {};
      }
      case QuestionType::ShortText:
      case QuestionType::LongText: return v.get<std::string>();
      case QuestionType::People: {
        std::string out;
        for (const char* k : {"picked", "added"})
          if (v.contains(k))
            for (const json& e : v[k]) out += (out.empty() ? "" : ", ") + e.get<std::string>();
        if (v.contains("typing") && v["typing"].is_string()) out += (out.empty() ? "" : ", ") + v["typing"].get<std::string>();
        return out;
      }
    }
  } catch (const std::exception&) {
  }
  return {};
}

// ---------------------------------------------------------------- versions in the database
bool form_install(Db& db, const std::string& text, int64_t now_s, std::string* error) {
  Txn txn(db);
  if (!form_install_step(db, text, now_s, error)) return false;
  txn.commit();
  return true;
}

bool form_install_step(Db& db, const std::string& text, int64_t now_s, std::string* error) {
  require_transaction(db, "form_install_step");
  FormParse p = parse_form(text);
  if (!p.form) {
    if (error) *error = p.error;
    return false;
  }
  Stmt q(db, "SELECT definition FROM form_versions WHERE form_id = :f AND version = :v");
  q.bind(":f", p.form->id).bind(":v", p.form->version);
  if (q.step()) {
    if (q.text(0) == text) return true;
    if (error)
      *error = "version " + std::to_string(p.form->version) + " of " + p.form->id +
               " is already installed with different words; give the new one a higher version";
    return false;
  }
  Stmt ins(db, "INSERT INTO form_versions(form_id, version, definition, installed_at) VALUES(:f, :v, :d, :now)");
  ins.bind(":f", p.form->id).bind(":v", p.form->version).bind(":d", text).bind(":now", now_s).run();
  return true;
}

std::vector<std::string> form_install_dir(Db& db, const std::string& dir, int64_t now_s) {
  std::vector<std::string> problems;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".json") files.push_back(e.path());
  if (ec) {
    problems.push_back(dir + ": " + ec.message());
    return problems;
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::string text;
    if (in) {
      // read at most one byte more than allowed, so a huge file is refused without loading it
      text.resize(kMaxFormBytes + 1);
      in.read(text.data(), static_cast<std::streamsize>(text.size()));
      text.resize(static_cast<size_t>(in.gcount()));
    }
    std::string err;
    if (!in.good() && !in.eof()) err = "cannot read the file";
    else if (!form_install(db, text, now_s, &err)) {}
    if (!err.empty()) problems.push_back(f.filename().string() + ": " + err);
  }
  return problems;
}

std::optional<FormDef> form_load(Db& db, const std::string& form_id, int version) {
  Stmt s(db, "SELECT definition FROM form_versions WHERE form_id = :f AND version = :v");
  s.bind(":f", form_id).bind(":v", version);
  if (!s.step()) return std::nullopt;
  FormParse p = parse_form(s.text(0));
  return p.form;
}

std::optional<FormDef> form_latest(Db& db, const std::string& form_id) {
  Stmt s(db, "SELECT max(version) FROM form_versions WHERE form_id = :f");
  s.bind(":f", form_id);
  if (!s.step() || s.is_null(0)) return std::nullopt;
  return form_load(db, form_id, s.i32(0));
}

std::vector<int> form_versions(Db& db, const std::string& form_id) {
  std::vector<int> out;
  Stmt s(db, "SELECT version FROM form_versions WHERE form_id = :f ORDER BY version");
  s.bind(":f", form_id);
  while (s.step()) out.push_back(s.i32(0));
  return out;
}

int form_prune(Db& db, const std::string& form_id) {
  Txn txn(db);
  Stmt s(db,
         "DELETE FROM form_versions WHERE form_id = :f "
         "AND version < (SELECT max(version) FROM form_versions WHERE form_id = :f) "
         "AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.form_id = form_versions.form_id "
         "AND r.form_version = form_versions.version)");
  s.bind(":f", form_id).run();
  const int n = db.changes();
  txn.commit();
  return n;
}

}  // namespace waymark
