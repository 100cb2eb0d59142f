// kiosk/myviews/myviews_feature.cpp: the My Views and My meetings controllers.
//
// Index
//  - forms and words : ensure_forms_installed, meeting words, home_meeting_line
//  - MyViewsFeature  : start -> one question per screen -> review -> send -> sent (read-only, change)
//  - MeetingsFeature : the list of upcoming meetings
#include "kiosk/myviews/myviews_feature.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "core/base/dates.h"
#include "core/base/text.h"
#include "core/messaging/history.h"
#include "core/sync/carried_drafts.h"

namespace waymark::kiosk {

using nlohmann::json;

// ---------------------------------------------------------------- forms and words
void ensure_forms_installed(Db& db, const std::string& assets_dir, int64_t now_s) {
  for (const std::string& p : form_install_dir(db, assets_dir + "/forms", now_s))
    std::fprintf(stderr, "waymark-kiosk: a My Views form was not installed: %s\n", p.c_str());
}

namespace {
std::string type_words(const ui::Ui& ui, const Meeting& m) {
  return ui.t(std::string("meetings.type.") + meeting_type_code(m.type));
}

std::string state_words(const ui::Ui& ui, ViewsState s) {
  return ui.t(std::string("myviews.state.") + views_state_code(s));
}

screens::ReviewRow review_row(const ui::Ui& ui, const Question& q, const Response& r, const std::set<std::string>& missing) {
  screens::ReviewRow row;
  row.qid = q.id;
  row.title = q.title.in(ui.lang());
  auto it = r.answers.find(q.id);
  if (it != r.answers.end() && it->second.skipped) row.answer = ui.t("myviews.review.skipped");
  else if (it != r.answers.end()) row.answer = answer_plain_text(q, it->second.value, ui.lang());
  row.has_answer = !row.answer.empty() && !(it != r.answers.end() && it->second.skipped);
  if (row.answer.empty()) row.answer = ui.t("myviews.review.none");
  row.missing = missing.count(q.id) > 0;
  if (row.missing) row.answer = ui.t("myviews.review.needed");
  return row;
}
}  // namespace

std::string home_meeting_line(const ui::Ui& ui, Db& db, const Clock& clock, const std::string& child) {
  try {
    const int64_t now = clock.now_s();
    auto m = meeting_next(db, child, now);
    if (!m) return {};
    const ViewsState s = myviews_state(db, child, m->id);
    std::string line = ui.tf("myviews.home.next", {{"meeting", type_words(ui, *m)},
                                                   {"when", screens::meeting_when_words(ui, m->starts_at)}});
    line += "\n" + ui.tf("myviews.home.state", {{"state", state_words(ui, s)}});
    const int64_t days = days_between(local_date(now), local_date(m->starts_at));
    if (days <= 7 && (s == ViewsState::NotStarted || s == ViewsState::Started)) line += " " + ui.t("myviews.home.nudge");
    return line;
  } catch (const DbError& e) {
    std::fprintf(stderr, "waymark-kiosk: cannot read meetings: %s\n", e.what());
    return {};
  }
}

// ---------------------------------------------------------------- MyViewsFeature
MyViewsFeature::MyViewsFeature() {
  if (const char* p = std::getenv("WAYMARK_SHOWN_SAVED_LOG"); p && *p)
    log_fd_ = ::open(p, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
}

MyViewsFeature::~MyViewsFeature() {
  if (log_fd_ >= 0) ::close(log_fd_);
}

void MyViewsFeature::on_sign_out() {
  // nothing of the child's stays in memory: everything they wrote is already in the database
  for (std::string* s : {&qvm_.text, &qvm_.new_name, &error_}) {
    std::fill(s->begin(), s->end(), '\0');
    s->clear();
  }
  qvm_ = screens::QuestionVM{};
  resp_.reset();
  meeting_.reset();
  form_.reset();
  loaded_ = false;
  mode_ = Mode::Start;
}

void MyViewsFeature::load(ui::Ui& ui, KioskContext& ctx) {
  (void)ui;
  loaded_ = true;
  mode_ = Mode::Start;
  error_.clear();
  resp_.reset();
  form_.reset();
  try {
    if (!forms_checked_ || !form_latest(ctx.db, kDefaultFormId)) {
      // once per run (a restart after an update installs a newer version beside the old ones), and again
      // if a wipe emptied the table meanwhile
      ensure_forms_installed(ctx.db, ctx.assets_dir, ctx.clock.now_s());
      forms_checked_ = true;
    }
    place_waiting_history(ctx.db);  // a transferred child's My Views that waited for its form (cheap when none)
    sync::place_waiting_drafts(ctx.db);  // and one they had not sent, waiting for its meeting or form
    meeting_ = meeting_next(ctx.db, ctx.child.number, ctx.clock.now_s());
    if (!meeting_) return;
    resp_ = myviews_latest(ctx.db, ctx.child.number, meeting_->id);
    if (resp_) form_ = form_load(ctx.db, resp_->form_id, resp_->form_version);
    if (resp_ && resp_->sent && form_) mode_ = Mode::Sent;
  } catch (const DbError& e) {
    error_ = ui.t("myviews.error.load");
    std::fprintf(stderr, "waymark-kiosk: My Views could not load: %s\n", e.what());
  }
}

void MyViewsFeature::leave(KioskContext& ctx) {
  on_sign_out();  // forget what is on screen; it is all saved
  ctx.nav.pop();
}

void MyViewsFeature::enter_question(KioskContext& ctx, int index) {
  if (!form_ || !resp_ || form_->questions.empty()) return;
  index = std::clamp(index, 0, static_cast<int>(form_->questions.size()) - 1);
  mode_ = Mode::Question;
  const Question& q = form_->questions[static_cast<size_t>(index)];
  screens::QuestionVM vm;
  vm.form_title = form_->title.in(ctx.child.lang == "cy" ? "cy" : "en");
  vm.q = &q;
  vm.index = index;
  vm.count = static_cast<int>(form_->questions.size());
  vm.last = index + 1 == vm.count;
  auto it = resp_->answers.find(q.id);
  if (it != resp_->answers.end()) {
    vm.value = it->second.value;
    vm.skipped = it->second.skipped;
  }
  if ((q.type == QuestionType::ShortText || q.type == QuestionType::LongText) && vm.value.is_string())
    vm.text = vm.value.get<std::string>();
  if (meeting_) vm.invited = meeting_->invited;
  if (q.type == QuestionType::People && vm.value.is_object() && vm.value.contains("typing") && vm.value["typing"].is_string()) {
    vm.adding = true;  // they were typing a name: carry on with it
    vm.new_name = vm.value["typing"].get<std::string>();
  }
  std::fill(qvm_.text.begin(), qvm_.text.end(), '\0');
  qvm_ = std::move(vm);
  const SaveResult r = myviews_set_position(ctx.db, ctx.child.number, resp_->id, q.id, ctx.clock.now_s());
  if (r.ok) resp_->current_q = q.id;
}

void MyViewsFeature::enter_review(KioskContext& ctx) {
  mode_ = Mode::Review;
  error_.clear();
  if (resp_ && !resp_->sent) {
    const SaveResult r = myviews_set_position(ctx.db, ctx.child.number, resp_->id, "review", ctx.clock.now_s());
    if (r.ok) resp_->current_q = "review";
  }
}

void MyViewsFeature::save(KioskContext& ctx, const json& value) {
  const Question& q = *qvm_.q;
  const SaveResult r = myviews_set_answer(ctx.db, ctx.child.number, resp_->id, q.id, value, ctx.clock.now_s());
  if (!r.ok) {
    qvm_.mark = screens::SaveMark::Failed;
    std::fprintf(stderr, "waymark-kiosk: an answer was not saved: %s\n", r.error.c_str());
    return;
  }
  const AnswerCheck c = validate_answer(q, value);
  Answer& a = resp_->answers[q.id];
  a.value = c.value;
  a.skipped = false;
  a.rev++;
  qvm_.value = c.value;
  qvm_.skipped = false;
  qvm_.mark = screens::SaveMark::Saved;
  qvm_.error.clear();
  saved_serial_++;
}

// Called after a frame drew the question with its "Saved" mark: that answer is now shown as saved.
void MyViewsFeature::note_shown_saved() {
  if (log_fd_ < 0 || qvm_.mark != screens::SaveMark::Saved || saved_serial_ == logged_serial_ || !resp_ || !qvm_.q) return;
  logged_serial_ = saved_serial_;
  const std::string line = std::to_string(resp_->id) + "\t" + qvm_.q->id + "\t" + qvm_.value.dump() + "\n";
  // one write: after a SIGKILL the line is either all there or not there
  const ssize_t n = ::write(log_fd_, line.data(), line.size());
  (void)n;
}

void MyViewsFeature::draw_start(ui::Ui& ui, KioskContext& ctx) {
  screens::ViewsStartVM vm;
  vm.title = ui.t("home.myviews");
  vm.has_meeting = meeting_.has_value();
  if (meeting_) {
    vm.for_line = ui.tf("myviews.start.for", {{"meeting", type_words(ui, *meeting_)},
                                               {"when", screens::meeting_when_words(ui, meeting_->starts_at)}});
    if (auto f = form_latest(ctx.db, kDefaultFormId)) {
      vm.title = f->title.in(ui.lang());
      vm.intro = f->intro.in(ui.lang());
    }
    const bool started = resp_ && !resp_->sent;
    vm.state_line = ui.t(started ? "myviews.start.started" : "myviews.start.new");
    vm.button = ui.t(started ? "myviews.start.continue" : "myviews.start.begin");
  }
  if (!error_.empty()) vm.state_line = error_;
  switch (screens::draw_views_start(ui, vm)) {
    case screens::ViewsStartIntent::Back: leave(ctx); break;
    case screens::ViewsStartIntent::Start: {
      if (!meeting_) break;
      if (!resp_ || resp_->sent) {
        std::string err;
        auto r = myviews_open_for_meeting(ctx.db, ctx.child.number, meeting_->id, kDefaultFormId, ctx.clock.now_s(), &err);
        if (!r) {
          error_ = ui.t("myviews.error.start");
          std::fprintf(stderr, "waymark-kiosk: %s\n", err.c_str());
          break;
        }
        resp_ = std::move(r);
      }
      form_ = form_load(ctx.db, resp_->form_id, resp_->form_version);
      if (!form_) {
        error_ = ui.t("myviews.error.start");
        break;
      }
      if (resp_->current_q == "review") enter_review(ctx);
      else enter_question(ctx, std::max(0, form_->index_of(resp_->current_q)));
      break;
    }
    default: break;
  }
}

void MyViewsFeature::draw_question(ui::Ui& ui, KioskContext& ctx) {
  qvm_.lang = ui.lang();
  qvm_.form_title = form_->title.in(ui.lang());
  qvm_.role_words.clear();
  for (const Invitee& i : qvm_.invited) qvm_.role_words.push_back(ui.t("meetings.role." + i.role));
  if (qvm_.mark == screens::SaveMark::Failed) qvm_.error = ui.t("myviews.error.save");
  const screens::QuestionOut out = screens::draw_question(ui, qvm_);
  note_shown_saved();  // this frame showed "Saved" for the answer as it was before this frame's input
  const Question& q = *qvm_.q;
  using K = screens::QuestionOut;
  switch (out.kind) {
    case K::None: break;
    case K::Home: leave(ctx); return;
    case K::SignOut: break;
    case K::Back:
      if (qvm_.index == 0) mode_ = Mode::Start;
      else enter_question(ctx, qvm_.index - 1);
      break;
    case K::Next: enter_question(ctx, qvm_.index + 1); break;
    case K::Review: enter_review(ctx); break;
    case K::Skip: {
      const SaveResult r = myviews_skip(ctx.db, ctx.child.number, resp_->id, q.id, ctx.clock.now_s());
      if (!r.ok) {
        qvm_.mark = screens::SaveMark::Failed;
        break;
      }
      Answer& a = resp_->answers[q.id];
      a.value = nullptr;
      a.skipped = true;
      if (qvm_.last || qvm_.to_review) enter_review(ctx);
      else enter_question(ctx, qvm_.index + 1);
      break;
    }
    case K::Choose:
      if (q.type == QuestionType::MultipleChoice) {
        json v = qvm_.value.is_array() ? qvm_.value : json::array();
        auto it = std::find(v.begin(), v.end(), json(out.option));
        if (it != v.end()) v.erase(it);
        else v.push_back(out.option);
        save(ctx, v);
      } else {
        save(ctx, json(out.option));
      }
      break;
    case K::Face: save(ctx, json(out.face)); break;
    case K::TextChanged:
      if (q.type == QuestionType::People) {
        json v = qvm_.value.is_object() ? qvm_.value : json{{"picked", json::array()}, {"added", json::array()}};
        if (qvm_.new_name.empty()) v.erase("typing");
        else v["typing"] = qvm_.new_name;
        save(ctx, v);
      } else {
        save(ctx, json(qvm_.text));
      }
      break;
    case K::TogglePerson:
    case K::RemoveAdded: {
      json v = qvm_.value.is_object() ? qvm_.value : json{{"picked", json::array()}, {"added", json::array()}};
      const char* key = out.kind == K::TogglePerson ? "picked" : "added";
      if (!v.contains(key) || !v[key].is_array()) v[key] = json::array();
      json& list = v[key];
      auto it = std::find(list.begin(), list.end(), json(out.option));
      if (it != list.end()) list.erase(it);
      else list.push_back(out.option);
      save(ctx, v);
      break;
    }
    case K::AddStart:
      qvm_.adding = true;
      qvm_.new_name.clear();
      qvm_.kbd = ui::KeyboardState{};
      qvm_.kbd.shift = true;  // names start with a capital
      break;
    case K::AddCancel: {
      qvm_.adding = false;
      qvm_.new_name.clear();
      if (qvm_.value.is_object() && qvm_.value.contains("typing")) {
        json v = qvm_.value;
        v.erase("typing");
        save(ctx, v);
      }
      break;
    }
    case K::AddDone: {
      const std::string name = sanitize_text(qvm_.new_name, 60, false);
      qvm_.adding = false;
      qvm_.new_name.clear();
      if (name.empty()) break;
      json v = qvm_.value.is_object() ? qvm_.value : json{{"picked", json::array()}, {"added", json::array()}};
      v.erase("typing");
      if (!v.contains("added") || !v["added"].is_array()) v["added"] = json::array();
      if (std::find(v["added"].begin(), v["added"].end(), json(name)) == v["added"].end()) v["added"].push_back(name);
      save(ctx, v);
      break;
    }
  }
}

void MyViewsFeature::draw_review(ui::Ui& ui, KioskContext& ctx) {
  screens::ReviewVM vm;
  vm.title = form_->title.in(ui.lang());
  vm.sent = resp_->sent;
  vm.scroll_id = (vm.sent ? "myviews.sent." : "myviews.review.") + std::to_string(resp_->id);
  const auto missing_list = myviews_missing(*form_, *resp_);
  const std::set<std::string> missing(missing_list.begin(), missing_list.end());
  for (const Question& q : form_->questions) vm.rows.push_back(review_row(ui, q, *resp_, vm.sent ? std::set<std::string>{} : missing));
  vm.can_send = missing.empty();
  vm.error = error_;
  if (vm.sent) {
    ViewsState s = ViewsState::Sent;
    try {
      if (meeting_) s = myviews_state(ctx.db, ctx.child.number, meeting_->id);
    } catch (const DbError&) {
    }
    vm.status_line = ui.t(s == ViewsState::Read ? "myviews.sent.read" : s == ViewsState::Refused ? "myviews.sent.refused" : "myviews.sent.waiting");
  }
  const screens::ReviewOut out = screens::draw_review(ui, vm);
  switch (out.kind) {
    case screens::ReviewOut::None: break;
    case screens::ReviewOut::SignOut: break;
    case screens::ReviewOut::Home: leave(ctx); return;
    case screens::ReviewOut::Back: enter_question(ctx, static_cast<int>(form_->questions.size()) - 1); break;
    case screens::ReviewOut::Change:
      enter_question(ctx, form_->index_of(out.qid));
      qvm_.to_review = true;
      break;
    case screens::ReviewOut::Send: {
      const SendResult r = myviews_send(ctx.db, ctx.child.number, resp_->id, ui.lang(), ctx.clock.now_s());
      if (!r.ok) {
        error_ = ui.t("myviews.error.send");
        std::fprintf(stderr, "waymark-kiosk: My Views was not sent: %s\n", r.error.c_str());
        break;
      }
      resp_ = myviews_get(ctx.db, ctx.child.number, resp_->id);
      error_.clear();
      mode_ = Mode::Sent;
      break;
    }
    case screens::ReviewOut::ChangeAfterSend: {
      std::string err;
      auto d = myviews_supersede(ctx.db, ctx.child.number, resp_->id, ctx.clock.now_s(), &err);
      if (!d) {
        error_ = ui.t("myviews.error.start");
        std::fprintf(stderr, "waymark-kiosk: %s\n", err.c_str());
        break;
      }
      resp_ = std::move(d);
      form_ = form_load(ctx.db, resp_->form_id, resp_->form_version);
      if (!form_) {
        error_ = ui.t("myviews.error.start");
        mode_ = Mode::Start;
        break;
      }
      enter_review(ctx);
      break;
    }
  }
}

void MyViewsFeature::draw(ui::Ui& ui, KioskContext& ctx) {
  if (!loaded_) load(ui, ctx);
  try {
    switch (mode_) {
      case Mode::Start: draw_start(ui, ctx); break;
      case Mode::Question:
        if (form_ && resp_ && qvm_.q) draw_question(ui, ctx);
        else mode_ = Mode::Start;
        break;
      case Mode::Review:
      case Mode::Sent:
        if (form_ && resp_) draw_review(ui, ctx);
        else mode_ = Mode::Start;
        break;
    }
  } catch (const DbError& e) {
    // a storage failure never takes the kiosk down: say so in plain words, keep what is on screen
    error_ = ui.t("myviews.error.save");
    qvm_.mark = screens::SaveMark::Failed;
    std::fprintf(stderr, "waymark-kiosk: My Views: %s\n", e.what());
  }
}

// ---------------------------------------------------------------- MeetingsFeature
void MeetingsFeature::draw(ui::Ui& ui, KioskContext& ctx) {
  screens::MeetingsVM vm;
  try {
    const auto list = meetings_upcoming(ctx.db, ctx.child.number, ctx.clock.now_s());
    for (size_t i = 0; i < list.size(); i++) {
      const Meeting& m = list[i];
      screens::MeetingCardVM c;
      c.is_next = i == 0;
      c.title = type_words(ui, m);
      c.purpose = ui.t(std::string("meetings.purpose.") + meeting_type_code(m.type));
      c.when = screens::meeting_when_words(ui, m.starts_at);
      if (m.video) c.where = m.place.empty() ? ui.t("meetings.video") : ui.tf("meetings.video_at", {{"place", m.place}});
      else c.where = ui.tf("meetings.place", {{"place", m.place}});
      for (const Invitee& p : m.invited) c.people.push_back(ui.tf("meetings.person", {{"name", p.name}, {"role", ui.t("meetings.role." + p.role)}}));
      c.people.push_back(ui.t("meetings.and_you"));
      c.views_line = ui.tf("myviews.home.state", {{"state", state_words(ui, myviews_state(ctx.db, ctx.child.number, m.id))}});
      vm.cards.push_back(std::move(c));
    }
  } catch (const DbError& e) {
    std::fprintf(stderr, "waymark-kiosk: cannot read meetings: %s\n", e.what());
  }
  switch (screens::draw_meetings(ui, vm)) {
    case screens::MeetingsIntent::Back:
    case screens::MeetingsIntent::Home: ctx.nav.pop(); break;
    case screens::MeetingsIntent::OpenViews: ctx.nav.push("myviews"); break;
    default: break;
  }
}

}  // namespace waymark::kiosk
