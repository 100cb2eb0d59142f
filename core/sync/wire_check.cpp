#include "core/sync/wire_check.h"

#include <variant>

#include "core/base/json_limits.h"
#include "core/base/text.h"
#include "core/sync/sync_proto.h"
#include "core/sync/wire.h"

namespace waymark::wire {

using nlohmann::json;

namespace {

// The first key in `body` that the type does not have: `canonical` is the parsed value written back by its
// to_json, so it holds every key the type knows (optional ones when set). A My Views answer's "value" is the
// child's raw answer and free-form, so it is not walked. Returns "" when there is none.
std::string extra_key(const json& body, const json& canonical, const std::string& where) {
  if (body.is_object() && canonical.is_object()) {
    for (auto it = body.begin(); it != body.end(); ++it) {
      const std::string at = where.empty() ? it.key() : where + ", " + it.key();
      if (!canonical.contains(it.key())) {
        if (it->is_null()) continue;  // an optional field sent as null means "none"
        return at + ": not a field of this body";
      }
      if (it.key() == "value") continue;
      if (std::string e = extra_key(*it, canonical[it.key()], at); !e.empty()) return e;
    }
  } else if (body.is_array() && canonical.is_array() && body.size() == canonical.size()) {
    for (size_t i = 0; i < body.size(); i++)
      if (std::string e = extra_key(body[i], canonical[i], where + " " + std::to_string(i + 1)); !e.empty()) return e;
  }
  return {};
}

// "" when `s` is valid UTF-8 of min_chars to max_chars code points; otherwise the problem, naming `field`.
std::string text_problem(const std::string& field, const std::string& s, size_t min_chars, size_t max_chars) {
  if (!utf8_valid(s)) return field + ": must be UTF-8 text";
  const size_t n = utf8_length(s);
  if (n < min_chars || n > max_chars)
    return field + ": must be " + std::to_string(min_chars) + " to " + std::to_string(max_chars) + " characters";
  return {};
}

size_t depth_of(const json& v) {
  size_t d = 0;
  if (v.is_structured())
    for (const json& x : v) d = std::max(d, depth_of(x));
  return v.is_structured() ? d + 1 : 0;
}

std::string first_of(std::initializer_list<std::string> problems) {
  for (const std::string& p : problems)
    if (!p.empty()) return p;
  return {};
}

std::string listing_problem(const ListingEnquiry& l) {
  return first_of({text_problem("listing_id", l.listing_id, 1, 64), text_problem("kind", l.kind, 1, 64),
                   text_problem("title", l.title, 1, kMaxShortText), text_problem("provider", l.provider, 0, kMaxShortText),
                   text_problem("place", l.place, 0, kMaxShortText), text_problem("la_code", l.la_code, 0, 64),
                   text_problem("start_date", l.start_date, 0, 64), text_problem("duration", l.duration, 0, kMaxShortText),
                   text_problem("la_name", l.la_name.value_or(""), 0, kMaxShortText),
                   text_problem("title_cy", l.title_cy.value_or(""), 0, kMaxShortText),
                   text_problem("read_in", l.read_in.value_or(""), 0, 64), l.asked_at < 0 ? "asked_at: must not be negative" : ""});
}

std::string question_problem(const WorkerQuestion& q) {
  return first_of({text_problem("topic", q.topic, 1, 64), text_problem("question", q.question, 1, kMaxAnswerText),
                   q.asked_at < 0 ? "asked_at: must not be negative" : ""});
}

std::string myviews_problem(const MyViewsBody& b, const std::string& child) {
  if (b.child != child) return "child: must be the record's child";
  if (b.lang != "en" && b.lang != "cy") return "lang: must be \"en\" or \"cy\"";
  if (b.supersedes && !sync::is_hex_id(*b.supersedes)) return "supersedes: must be a record id (32 hex digits)";
  if (b.answers.size() > kMaxAnswers) return "answers: at most " + std::to_string(kMaxAnswers);
  if (std::string p = first_of({text_problem("form", b.form, 1, 64), text_problem("meeting, type", b.meeting.type, 0, 64)}); !p.empty())
    return p;
  for (size_t i = 0; i < b.answers.size(); i++) {
    const MyViewsAnswer& a = b.answers[i];
    const std::string at = "answers " + std::to_string(i + 1) + ", ";
    if (std::string p = first_of({text_problem(at + "q", a.q, 1, 64), text_problem(at + "title", a.title, 0, kMaxAnswerText),
                                  text_problem(at + "text", a.text, 0, kMaxAnswerText)});
        !p.empty())
      return p;
    if (depth_of(a.value) > kMaxValueDepth) return at + "value: nested too deeply";
  }
  return {};
}

template <class T>
std::string strict(const json& body, const Parsed<T>& p) {
  if (!p) return p.error;
  return extra_key(body, json(*p), "");
}

}  // namespace

std::string upload_problem(const std::string& kind, const std::string& child, const json& body) {
  if (!body.is_object()) return "the body must be a JSON object";
  if (kind == "message") return strict(body, parse<MessageBody>(body));
  if (kind == "enquiry") {
    const Parsed<Enquiry> e = parse_enquiry(body);
    if (!e) return e.error;
    if (const auto* q = std::get_if<WorkerQuestion>(&*e.value))
      return first_of({extra_key(body, json(*q), ""), question_problem(*q)});
    const auto& l = std::get<ListingEnquiry>(*e.value);
    return first_of({extra_key(body, json(l), ""), listing_problem(l)});
  }
  if (kind == "myviews") {
    const Parsed<MyViewsBody> m = parse<MyViewsBody>(body);
    return first_of({strict(body, m), m ? myviews_problem(*m, child) : ""});
  }
  // the pathway, answer, text length and language are the contract's own checks (wire.cpp, from_json)
  if (kind == "plan_answer") return strict(body, parse<PlanAnswer>(body));
  // a draft's fields and limits are its own from_json's (wire_draft.cpp); whose it is, is checked here
  if (kind == "draft") {
    const Parsed<DraftBody> d = parse<DraftBody>(body);
    return first_of({strict(body, d), d && d->child != child ? "child: must be the record's child" : ""});
  }
  return "kind: not a kind of record a device sends";
}

std::string history_problem(const HistoryRecord& h) {
  if (!sync::is_hex_id(h.id)) return "id: must be a record id (32 hex digits)";
  if (h.child.empty() || h.child.size() > 16 ||
      h.child.find_first_not_of("0123456789") != std::string::npos)
    return "child: must be 1 to 16 digits";
  if (h.kind == "draft") return "kind: unsent words are never history";  // they come as a "draft" change
  const json body = parse_json_limited(h.body);
  if (body.is_discarded()) return "body: not JSON, or nested too deeply";
  if (std::string why = upload_problem(h.kind, h.child, body); !why.empty()) return "body: " + why;
  return {};
}

}  // namespace waymark::wire
