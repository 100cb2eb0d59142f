// kiosk/messages/messages_screens.cpp: contacts, a conversation in big bubbles, and compose.
#include "kiosk/messages/messages_screens.h"

#include <algorithm>

#include "core/base/text.h"
#include "kiosk/screens/screens.h"

namespace waymark::screens {

using namespace ui;

namespace {
// The plain notice of who can read messages, with a lock, under the top bar.
float draw_notice(Ui& ui, ImVec2 pos, float w) {
  const float em = ui.em();
  draw_icon(ui.draw(), Icon::Lock, ImVec2(pos.x + 0.6f * em, pos.y + 0.6f * em), 1.0f * em, ui.pal().text_muted);
  return ui.text_at(ImVec2(pos.x + 1.6f * em, pos.y), ui.t("messages.notice"), FontRole::Small, ui.pal().text_muted,
                    w - 1.6f * em).y;
}
}  // namespace

MessagesListIntent draw_messages_list(Ui& ui, const MessagesListVM& vm) {
  MessagesListIntent out;
  TopBarVM bar{ui.t("messages.title"), true, true, false};
  if (draw_top_bar(ui, bar) == TopBarIntent::Back) out.kind = MessagesListIntent::Back;
  const Area a = content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  float y = a.min.y;
  y += ui.text_at(ImVec2(a.min.x, y), ui.t("messages.pick"), FontRole::Heading, 0, a.w()).y + 0.4f * em;
  y += draw_notice(ui, ImVec2(a.min.x, y), a.w()) + 0.8f * em;
  const float foot = 1.6f * em;
  if (vm.contacts.empty()) {
    ui.text_at(ImVec2(a.min.x, y), ui.t("messages.no_contacts"), FontRole::Body, 0, a.w());
  } else {
    const ImVec2 origin = ui.begin_scroll("##contacts", ImVec2(a.min.x, y), ImVec2(a.w(), a.max.y - y - foot));
    const float rh = 3.6f * em;
    float cy = origin.y;
    for (size_t i = 0; i < vm.contacts.size(); i++) {
      const ContactVM& c = vm.contacts[i];
      ButtonOpts o;
      o.kind = ButtonKind::Secondary;
      o.icon = Icon::Messages;
      o.sublabel = c.org;
      std::string label = c.name;
      if (c.unread > 0) label += "  (" + ui.tf("messages.unread", {{"count", std::to_string(c.unread)}}) + ")";
      const std::string id = i == 0 ? "messages.contact" : "messages.contact." + std::to_string(i + 1);
      if (ui.button_at(label + "###" + id, ImVec2(origin.x, cy), ImVec2(a.w(), rh), o)) {
        out.kind = MessagesListIntent::Open;
        out.index = static_cast<int>(i);
      }
      cy += rh + 0.5f * em;
    }
    ui.end_scroll(cy - origin.y);
  }
  ui.text_at(ImVec2(a.min.x, a.max.y - foot + 0.3f * em), vm.sync_line, FontRole::Small, p.text_muted, a.w());
  return out;
}

ConversationIntent draw_conversation(Ui& ui, const ConversationVM& vm) {
  ConversationIntent out = ConversationIntent::None;
  TopBarVM bar{vm.contact_name, true, true, false};
  if (draw_top_bar(ui, bar) == TopBarIntent::Back) out = ConversationIntent::Back;
  const Area a = content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  float y = a.min.y;
  // the write button first, big, at the top: the newest messages sit just under it
  ButtonOpts write;
  write.icon = Icon::Send;
  const std::string wl = ui.t("messages.write");
  const float ww = std::min(a.w(), ui.measure(wl, FontRole::Bold).x + 4.0f * em);
  if (ui.button_at(wl + "###messages.compose", ImVec2(a.min.x, y), ImVec2(ww, 2.6f * em), write)) out = ConversationIntent::Compose;
  draw_notice(ui, ImVec2(a.min.x + ww + 1.0f * em, y + 0.2f * em), a.w() - ww - 1.0f * em);
  y += 3.4f * em;
  const float foot = 1.6f * em;
  if (vm.bubbles.empty()) {
    ui.text_at(ImVec2(a.min.x, y), ui.t("messages.empty"), FontRole::Body, 0, a.w());
  } else {
    const ImVec2 origin = ui.begin_scroll("##conversation", ImVec2(a.min.x, y), ImVec2(a.w(), a.max.y - y - foot));
    float cy = origin.y;
    const float max_w = a.w() * 0.66f;
    const float pad = 0.7f * em;
    for (const BubbleVM& b : vm.bubbles) {
      const ImVec2 ts = ui.measure(b.text, FontRole::Body, max_w - 2 * pad);
      const std::string meta = b.mine && !b.state.empty() ? b.when + "  ·  " + b.state : b.when;
      const ImVec2 ms = ui.measure(meta, FontRole::Small);
      const float bw = std::max(ts.x, ms.x) + 2 * pad;
      const float bh = ts.y + ms.y + 2.4f * pad;
      const float x = b.mine ? a.max.x - bw : a.min.x;
      const ImU32 fill = b.mine ? p.primary : p.surface_alt;
      const ImU32 fg = b.mine ? p.text_on_accent : p.text;
      ui.panel(ImVec2(x, cy), ImVec2(x + bw, cy + bh), fill, b.mine ? 0 : p.border, 0.8f);
      ui.text_at(ImVec2(x + pad, cy + pad), b.text, FontRole::Body, fg, max_w - 2 * pad, fill);
      ui.text_at(ImVec2(x + pad, cy + pad * 1.4f + ts.y), meta, FontRole::Small,
                 b.problem ? p.danger : (b.mine ? p.text_on_accent : p.text_muted), 0, fill);
      cy += bh + 0.6f * em;
    }
    ui.end_scroll(cy - origin.y);
  }
  ui.text_at(ImVec2(a.min.x, a.max.y - foot + 0.3f * em), vm.sync_line, FontRole::Small, p.text_muted, a.w());
  return out;
}

ComposeIntent draw_compose(Ui& ui, ComposeVM& vm) {
  ComposeIntent out = ComposeIntent::None;
  TopBarVM bar{ui.tf("messages.to", {{"name", vm.contact_name}}), true, true, false};
  if (draw_top_bar(ui, bar) == TopBarIntent::Back) out = ComposeIntent::Back;
  const Area a = content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  // the text so far, in a box; the newest lines stay in view
  const float kb_h = a.h() * 0.46f;
  const ImVec2 box_min(a.min.x, a.min.y);
  const ImVec2 box_max(a.max.x - 9.0f * em, a.max.y - kb_h - 2.2f * em);
  ui.panel(box_min, box_max, p.surface, p.border);
  const float inner_w = box_max.x - box_min.x - 1.6f * em;
  std::string shown = vm.text.empty() ? ui.t("messages.placeholder") : vm.text + "|";
  ImVec2 ts = ui.measure(shown, FontRole::Body, inner_w);
  const float box_h = box_max.y - box_min.y - 1.6f * em;
  ImGui::PushClipRect(box_min, box_max, true);
  const float ty = box_min.y + 0.8f * em - std::max(0.0f, ts.y - box_h);
  ui.text_at(ImVec2(box_min.x + 0.8f * em, ty), shown, FontRole::Body, vm.text.empty() ? p.text_muted : p.text, inner_w, p.surface);
  ImGui::PopClipRect();
  // counter and send on the right
  const size_t n = utf8_length(vm.text);
  const std::string counter = ui.tf("messages.counter", {{"count", std::to_string(n)}, {"max", "1,000"}});
  ui.text_at(ImVec2(box_max.x + 0.8f * em, box_min.y), counter, FontRole::Small, n >= vm.max_chars ? p.danger : p.text_muted, 8.0f * em);
  ButtonOpts send;
  send.icon = Icon::Send;
  send.enabled = n > 0;
  if (ui.button_at(ui.t("messages.send") + "###messages.send", ImVec2(box_max.x + 0.8f * em, box_max.y - 3.0f * em),
                   ImVec2(8.2f * em, 3.0f * em), send))
    out = ComposeIntent::Send;
  float ly = box_max.y + 0.3f * em;
  if (!vm.error.empty()) ui.text_at(ImVec2(a.min.x, ly), vm.error, FontRole::Bold, p.danger, a.w());
  else ui.text_at(ImVec2(a.min.x, ly), ui.t("messages.notice"), FontRole::Small, p.text_muted, a.w());
  KeyboardEvent ev = ui.keyboard(ImVec2(a.min.x, a.max.y - kb_h), ImVec2(a.w(), kb_h), vm.kbd, vm.text, vm.max_chars, true);
  if (ev.changed && out == ComposeIntent::None) out = ComposeIntent::Changed;
  return out;
}

}  // namespace waymark::screens
