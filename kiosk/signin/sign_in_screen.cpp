// kiosk/signin/sign_in_screen.cpp: number, then PIN, on a big keypad. Also used for staff sign-in.
#include <algorithm>

#include "kiosk/signin/sign_in_screen.h"

namespace waymark::screens {

using namespace ui;

namespace {
// The left side: who we are and what this is for (a child's sign-in lists what Waymark does and reads it aloud).
void left_side(Ui& ui, const SignInVM& vm, float left_w, float lx) {
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  const float em = ui.em();
  const Palette& p = ui.pal();
  float y = d.y * 0.12f;
  draw_icon(ui.draw(), vm.staff ? Icon::Staff : Icon::Signpost, ImVec2(lx + 1.6f * em, y + 1.6f * em), 3.2f * em,
            p.primary);
  ui.text_heading_at(ImVec2(lx + 4.0f * em, y + 0.3f * em), ui.t("app.name"), FontRole::Title, p.primary);
  y += 4.4f * em;
  const std::string lead = vm.staff ? ui.t("staff.signin.lead") : ui.t("signin.lead");
  y += ui.text_heading_at(ImVec2(lx, y), lead, FontRole::Heading, 0, left_w - lx).y + 0.8f * em;
  if (!vm.staff) {
    for (const char* id : {"signin.point.courses", "signin.point.views", "signin.point.messages"}) {
      ui.draw()->AddCircleFilled(ImVec2(lx + 0.4f * em, y + 0.55f * em), 0.22f * em, p.primary);
      y += ui.text_main_at(ImVec2(lx + 1.2f * em, y), ui.t(id), FontRole::Body, 0, left_w - lx - 1.2f * em).y + 0.5f * em;
    }
    // "Read to me": reads this side and what to type next
    y += 0.4f * em;
    draw_read_button(ui, ImVec2(lx, y), ImVec2(read_button_width(ui), 2.2f * em));
  }
  if (!vm.establishment.empty())
    ui.text_at(ImVec2(lx, d.y - 5.6f * em), vm.establishment, FontRole::Small, p.text_muted);
}
}  // namespace

SignInIntent draw_sign_in(Ui& ui, SignInVM& vm) {
  SignInIntent out = SignInIntent::None;
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  const float em = ui.em();
  const Palette& p = ui.pal();

  // ---- left: who we are and what this is for
  const float left_w = d.x * 0.46f;
  const float lx = 2.0f * em;
  left_side(ui, vm, left_w, lx);

  // bottom-left: language and staff
  const float bh = 2.2f * em;
  ButtonOpts sec;
  sec.kind = ButtonKind::Secondary;
  sec.icon = Icon::Globe;
  sec.silent = true;
  const std::string other_lang = ui.t("signin.other_language");
  const float lw = ui.measure(other_lang, FontRole::Bold).x + 3.0f * em;
  if (ui.button_at(other_lang + "###signin.lang", ImVec2(lx, d.y - bh - 1.6f * em), ImVec2(lw, bh), sec))
    out = SignInIntent::SwitchLanguage;
  if (!vm.staff) {
    sec.icon = Icon::Staff;
    const std::string staff = ui.t("signin.staff");
    const float sw = ui.measure(staff, FontRole::Bold).x + 3.0f * em;
    if (ui.button_at(staff + "###staff.signin", ImVec2(lx + lw + 0.8f * em, d.y - bh - 1.6f * em), ImVec2(sw, bh), sec))
      out = SignInIntent::StaffSignIn;
  }

  // ---- right: the card with the keypad
  const ImVec2 card_min(left_w + 1.0f * em, 1.2f * em);
  const ImVec2 card_max(d.x - 1.6f * em, d.y - 1.2f * em);
  const float cw = card_max.x - card_min.x;
  ui.panel(card_min, card_max, p.surface, p.border);
  float cy = card_min.y + 1.0f * em;
  const std::string prompt = vm.pin_step ? ui.t(vm.staff ? "staff.signin.pin" : "signin.pin")
                                         : ui.t(vm.staff ? "staff.signin.number" : "signin.number");
  ui.read_main(prompt);
  ui.text_centered(ImVec2(card_min.x + cw / 2, cy + 0.8f * em), prompt, FontRole::Heading, 0, 0, p.surface);
  cy += 2.0f * em;

  // what has been typed so far
  const float box_w = std::min(cw - 4 * em, 16 * em);
  const ImVec2 box_min(card_min.x + (cw - box_w) / 2, cy);
  const ImVec2 box_max(box_min.x + box_w, cy + 2.4f * em);
  ui.panel(box_min, box_max, p.bg, p.border, 0.3f);
  std::string shown;
  if (vm.pin_step) {
    for (size_t i = 0; i < vm.pin.size(); i++) shown += i ? " \xE2\x97\x8F" : "\xE2\x97\x8F";
  } else {
    shown = vm.number;
  }
  if (!shown.empty())
    ui.text_centered(ImVec2((box_min.x + box_max.x) / 2, (box_min.y + box_max.y) / 2), shown, FontRole::Title, 0, 0, p.bg);
  cy = box_max.y + 0.4f * em;

  // one line for help or trouble
  if (!vm.message.empty()) {
    const ImU32 col = vm.message_is_error ? p.danger : p.text_muted;
    ui.read_main(vm.message);
    ui.text_centered(ImVec2(card_min.x + cw / 2, cy + 0.9f * em), vm.message, FontRole::Bold, col, cw - 2 * em, p.surface);
  } else if (vm.pin_step && !vm.staff) {
    ui.text_centered(ImVec2(card_min.x + cw / 2, cy + 0.9f * em), ui.tf("signin.for_number", {{"number", vm.number}}),
                     FontRole::Body, p.text_muted, cw - 2 * em, p.surface);
  }
  cy += 2.2f * em;

  const float action_h = 2.4f * em;
  const float kp_h = card_max.y - cy - action_h - 2.0f * em;
  const float kp_w = std::min(cw - 4 * em, kp_h * 1.2f);
  std::string& buf = vm.pin_step ? vm.pin : vm.number;
  ui.keypad(ImVec2(card_min.x + (cw - kp_w) / 2, cy), ImVec2(kp_w, kp_h), buf, vm.pin_step ? 8 : 12);
  cy += kp_h + 0.9f * em;

  const float ax = card_min.x + (cw - kp_w) / 2;
  ButtonOpts primary;
  primary.enabled = !buf.empty();
  if (!vm.pin_step) {
    primary.icon = Icon::Next;
    if (ui.button_at(ui.t("signin.next") + "###signin.next", ImVec2(ax, cy), ImVec2(kp_w, action_h), primary))
      out = SignInIntent::Next;
  } else {
    const float half = (kp_w - 0.6f * em) / 2;
    ButtonOpts back;
    back.kind = ButtonKind::Secondary;
    back.icon = Icon::Back;
    if (ui.button_at(ui.t("signin.change_number") + "###signin.back", ImVec2(ax, cy), ImVec2(half, action_h), back))
      out = SignInIntent::Back;
    primary.icon = Icon::Check;
    if (ui.button_at(ui.t("signin.submit") + "###signin.submit", ImVec2(ax + half + 0.6f * em, cy),
                     ImVec2(half, action_h), primary))
      out = SignInIntent::Submit;
  }
  if (vm.staff && !vm.pin_step) {
    // a way back to the children's sign-in
    ButtonOpts back;
    back.kind = ButtonKind::Secondary;
    back.icon = Icon::Back;
    const std::string w = ui.t("staff.signin.cancel");
    const float bw = ui.measure(w, FontRole::Bold).x + 3.0f * em;
    if (ui.button_at(w + "###nav.back", ImVec2(lx + lw + 0.8f * em, d.y - bh - 1.6f * em), ImVec2(bw, bh), back))
      out = SignInIntent::Back;
  }
  return out;
}

}  // namespace waymark::screens
