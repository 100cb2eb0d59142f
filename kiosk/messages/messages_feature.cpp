#include "kiosk/messages/messages_feature.h"

#include "core/base/dates.h"
#include "core/base/secrets.h"
#include "core/messaging/messaging.h"
#include "core/sync/sync_client.h"

namespace waymark::kiosk {

std::string plain_time(const ui::Ui& ui, int64_t at_s, int64_t now_s) {
  const CivilDate d = local_date(at_s);
  const int64_t days = days_between(d, local_date(now_s));
  const std::string hhmm = local_hhmm(at_s);
  if (days == 0) return ui.tf("messages.time.today", {{"time", hhmm}});
  if (days == 1) return ui.tf("messages.time.yesterday", {{"time", hhmm}});
  return ui.tf("messages.time.date", {{"day", std::to_string(d.d)}, {"month", ui.t("messages.month." + std::to_string(d.m))}, {"time", hhmm}});
}

std::string sync_line(const ui::Ui& ui, const KioskContext& ctx) {
  if (!ctx.sync) return ui.t("messages.sync.offline");
  const SyncService::Status s = ctx.sync->status();
  if (s.last_ok_ms == 0) return ui.t("messages.sync.offline");
  const std::string when = plain_time(ui, s.last_ok_ms / 1000, ctx.clock.now_s());
  return ui.tf(s.last_failed ? "messages.sync.failed" : "messages.sync.ok", {{"when", when}});
}

namespace {
std::string state_words(const ui::Ui& ui, const std::string& st) {
  if (st == "waiting") return ui.t("messages.state.waiting");
  if (st == "sent") return ui.t("messages.state.sent");
  if (st == "delivered") return ui.t("messages.state.delivered");
  if (st == "read") return ui.t("messages.state.read");
  return ui.t("messages.state.refused");
}
}  // namespace

void MessagesFeature::on_sign_out() {
  view_ = View::List;
  worker_id_ = 0;
  contact_name_.clear();
  wipe(compose_.text);
  compose_ = screens::ComposeVM{};
}

void MessagesFeature::draw(ui::Ui& ui, KioskContext& ctx) {
  const std::string& child = ctx.child.number;
  const int64_t now = ctx.clock.now_s();
  // A contact revoked at the last sync disappears at once, even mid-conversation.
  const std::vector<Contact> contacts = approved_contacts(ctx.db, child);
  if (view_ != View::List) {
    bool still = false;
    for (const Contact& c : contacts) still = still || c.worker_id == worker_id_;
    if (!still) view_ = View::List;
  }

  if (view_ == View::List) {
    screens::MessagesListVM vm;
    for (const Contact& c : contacts) vm.contacts.push_back(screens::ContactVM{c.name, c.org, c.unread});
    vm.sync_line = sync_line(ui, ctx);
    const screens::MessagesListIntent in = screens::draw_messages_list(ui, vm);
    if (in.kind == screens::MessagesListIntent::Back) {
      ctx.nav.pop();
    } else if (in.kind == screens::MessagesListIntent::Open && in.index >= 0 && in.index < static_cast<int>(contacts.size())) {
      worker_id_ = contacts[static_cast<size_t>(in.index)].worker_id;
      contact_name_ = contacts[static_cast<size_t>(in.index)].name;
      mark_seen(ctx.db, child, worker_id_, now);
      view_ = View::Conversation;
    }
    return;
  }

  if (view_ == View::Conversation) {
    screens::ConversationVM vm;
    vm.contact_name = contact_name_;
    const auto items = conversation(ctx.db, child, worker_id_);
    bool unseen = false;
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
      screens::BubbleVM b;
      b.mine = it->from_child;
      b.text = it->text;
      b.when = plain_time(ui, it->at_s, now);
      if (!b.when.empty() && b.when[0] >= 'a' && b.when[0] <= 'z') b.when[0] = static_cast<char>(b.when[0] - 'a' + 'A');
      if (b.mine) {
        b.state = state_words(ui, it->state);
        b.problem = it->state == "refused";
      } else {
        unseen = true;
      }
      vm.bubbles.push_back(std::move(b));
    }
    if (unseen) mark_seen(ctx.db, child, worker_id_, now);
    vm.sync_line = sync_line(ui, ctx);
    switch (screens::draw_conversation(ui, vm)) {
      case screens::ConversationIntent::Back: view_ = View::List; break;
      case screens::ConversationIntent::Compose:
        compose_ = screens::ComposeVM{};
        compose_.contact_name = contact_name_;
        compose_.text = load_draft(ctx.db, child, worker_id_);  // what they were writing before
        view_ = View::Compose;
        break;
      case screens::ConversationIntent::None: break;
    }
    return;
  }

  // compose
  switch (screens::draw_compose(ui, compose_)) {
    case screens::ComposeIntent::Back:
      save_draft(ctx.db, child, worker_id_, compose_.text, now);
      wipe(compose_.text);
      view_ = View::Conversation;
      break;
    case screens::ComposeIntent::Changed:
      compose_.error.clear();
      save_draft(ctx.db, child, worker_id_, compose_.text, now);
      break;
    case screens::ComposeIntent::Send: {
      const SendResult r = send_message(ctx.db, child, worker_id_, compose_.text, now);
      if (r.status == SendStatus::Ok) {
        wipe(compose_.text);
        view_ = View::Conversation;
      } else {
        compose_.error = ui.t(r.status == SendStatus::TooLong ? "messages.error.too_long"
                              : r.status == SendStatus::Empty  ? "messages.error.empty"
                                                               : "messages.error.not_allowed");
      }
      break;
    }
    case screens::ComposeIntent::None: break;
  }
}

}  // namespace waymark::kiosk
