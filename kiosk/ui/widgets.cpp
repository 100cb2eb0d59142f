#include "kiosk/ui/widgets.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "core/base/text.h"

namespace waymark::ui {

void split_label(std::string_view label, std::string& words, std::string& id) {
  const size_t p = label.find("###");
  if (p == std::string_view::npos) {
    words = std::string(label);
    id.clear();
  } else {
    words = std::string(label.substr(0, p));
    id = std::string(label.substr(p + 3));
  }
}

void Ui::begin_frame(const Palette& pal, const std::string& lang, float dt, double time_s, bool calm) {
  pal_ = &pal;
  lang_ = lang;
  dt_ = dt;
  time_s_ = time_s;
  calm_ = calm;
  animating_ = false;
  rec_.clear();
  script_.clear();
  in_scroll_ = false;
  if (!ImGui::GetIO().MouseDown[0]) drag_active_ = false;
}

bool Ui::visible(ImVec2 min, ImVec2 max) const {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 cmin = dl->GetClipRectMin();
  const ImVec2 cmax = dl->GetClipRectMax();
  // fully inside the visible area, so "visible" never means "half cut off"
  return min.x >= cmin.x - 1 && min.y >= cmin.y - 1 && max.x <= cmax.x + 1 && max.y <= cmax.y + 1;
}

void Ui::record_cut(std::string_view s, ImVec2 min, ImVec2 max, ImU32 fg, ImU32 bg) {
  rec_.cut.push_back(TextItem{std::string(s), min, max, fg, bg ? bg : pal_->bg});
}

void Ui::read_heading(std::string_view s, std::string_view lang) {
  if (!s.empty()) script_.push_back(ReadLine{ReadPart::Heading, std::string(s), std::string(lang)});
}

void Ui::read_main(std::string_view s, std::string_view lang) {
  if (!s.empty()) script_.push_back(ReadLine{ReadPart::Main, std::string(s), std::string(lang)});
}

std::vector<SpeechPart> Ui::read_script_parts(const std::string& screen_lang) const {
  std::vector<SpeechPart> out;
  for (ReadPart part : {ReadPart::Heading, ReadPart::Main})
    for (const ReadLine& l : script_) {
      if (l.part != part) continue;
      std::string t = l.text;
      while (!t.empty() && (t.back() == ' ' || t.back() == '\n')) t.pop_back();
      if (t.empty()) continue;
      const char last = t.back();
      if (last != '.' && last != '!' && last != '?' && last != ':') t += '.';
      const std::string& lang = l.lang.empty() ? screen_lang : l.lang;
      if (!out.empty() && out.back().lang == lang) {
        out.back().text += ' ';
        out.back().text += t;
      } else {
        out.push_back(SpeechPart{t, lang});
      }
    }
  return out;
}

std::string Ui::read_script_text() const {
  std::string out;
  for (const SpeechPart& p : read_script_parts(lang_)) {
    if (!out.empty()) out += ' ';
    out += p.text;
  }
  return out;
}

void Ui::speak_tapped(std::string_view s, std::string_view lang) {
  if (read_on_tap_ && !s.empty()) {
    tap_speech_ = std::string(s);
    tap_speech_lang_ = std::string(lang);
  }
}

ImVec2 Ui::text_heading_at(ImVec2 pos, std::string_view s, FontRole role, ImU32 col, float wrap_w, ImU32 bg) {
  read_heading(s);
  return text_at(pos, s, role, col, wrap_w, bg);
}

ImVec2 Ui::text_main_at(ImVec2 pos, std::string_view s, FontRole role, ImU32 col, float wrap_w, ImU32 bg) {
  read_main(s);
  return text_at(pos, s, role, col, wrap_w, bg);
}

ImVec2 Ui::measure(std::string_view s, FontRole role, float wrap_w) const {
  ImFont* f = fonts_.get(role);
  return f->CalcTextSizeA(f->FontSize, FLT_MAX, wrap_w, s.data(), s.data() + s.size());
}

ImVec2 Ui::text_at(ImVec2 pos, std::string_view s, FontRole role, ImU32 col, float wrap_w, ImU32 bg) {
  ImFont* f = fonts_.get(role);
  if (!col) col = pal_->text;
  const ImVec2 size = measure(s, role, wrap_w);
  ImGui::GetWindowDrawList()->AddText(f, f->FontSize, pos, col, s.data(), s.data() + s.size(), wrap_w);
  const ImVec2 max(pos.x + size.x, pos.y + size.y);
  if (visible(pos, max)) rec_.texts.push_back(TextItem{std::string(s), pos, max, col, bg ? bg : pal_->bg});
  else if (!in_scroll_) record_cut(s, pos, max, col, bg);  // past the edge of the screen
  return size;
}

ImVec2 Ui::text_centered(ImVec2 c, std::string_view s, FontRole role, ImU32 col, float wrap_w, ImU32 bg) {
  if (wrap_w <= 0) {
    const ImVec2 sz = measure(s, role);
    return text_at(ImVec2(std::floor(c.x - sz.x / 2), std::floor(c.y - sz.y / 2)), s, role, col, 0, bg);
  }
  // centre each wrapped line on its own
  ImFont* f = fonts_.get(role);
  std::vector<std::string_view> lines;
  const char* p = s.data();
  const char* end = s.data() + s.size();
  while (p < end) {
    const char* brk = f->CalcWordWrapPositionA(1.0f, p, end, wrap_w);
    if (brk == p) brk = p + 1;
    const char* line_end = brk;
    while (line_end > p && (line_end[-1] == ' ' || line_end[-1] == '\n')) line_end--;
    lines.emplace_back(p, static_cast<size_t>(line_end - p));
    p = brk;
    while (p < end && (*p == ' ' || *p == '\n')) p++;
  }
  const float lh = f->FontSize;
  float y = std::floor(c.y - lh * static_cast<float>(lines.size()) / 2);
  float widest = 0;
  for (auto line : lines) {
    const ImVec2 sz = measure(line, role);
    widest = std::max(widest, sz.x);
    text_at(ImVec2(std::floor(c.x - sz.x / 2), y), line, role, col, 0, bg);
    y += lh;
  }
  return ImVec2(widest, lh * static_cast<float>(lines.size()));
}

void Ui::panel(ImVec2 min, ImVec2 max, ImU32 fill, ImU32 border, float rounding_em) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(min, max, fill, rounding_em * em());
  if (border) dl->AddRect(min, max, border, rounding_em * em(), 0, std::max(2.0f, em() * 0.06f));
}

void Ui::record_item(std::string_view label, ImVec2 min, ImVec2 max, bool enabled) {
  if (!visible(min, max)) return;
  UiItem it;
  split_label(label, it.label, it.id);
  it.min = min;
  it.max = max;
  it.enabled = enabled;
  rec_.items.push_back(std::move(it));
}

// A home tile's face: icon, words, then the smaller line; with big text the icon shrinks first, then the smaller
// line's font, then the icon moves beside the words.
void Ui::tile_face(const std::string& words, ImVec2 pos, ImVec2 size, const ButtonOpts& o, ImU32 fg, ImU32 bg_for_text) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 max(pos.x + size.x, pos.y + size.y);
  const bool has_sub = !o.sublabel.empty();
  const float tw = size.x - em();
  const float room = size.y - 0.6f * em();
  FontRole words_role = FontRole::Heading;
  float words_h = measure(words, words_role, tw).y;
  FontRole sub_role = FontRole::Body;
  float sub_h = has_sub ? measure(o.sublabel, sub_role, tw).y : 0.0f;
  auto text_h = [&] { return words_h + (has_sub ? 0.3f * em() + sub_h : 0.0f); };
  if (has_sub && room - text_h() - 0.4f * em() < 1.4f * em()) {
    sub_role = FontRole::Small;
    sub_h = measure(o.sublabel, sub_role, tw).y;
  }
  float icon_s = std::min({size.y * 0.38f, 2.6f * em(), room - text_h() - 0.4f * em()});
  if (icon_s < 1.4f * em() && o.icon != Icon::None) {
    // too short for the icon above the words (big text): the icon goes beside them, so it is never lost
    const float side_icon = std::min(2.0f * em(), size.y * 0.5f);
    const float stw = size.x - side_icon - 1.6f * em();
    const float swh = measure(words, FontRole::Heading, stw).y;
    FontRole srole = FontRole::Body;
    float ssh = has_sub ? measure(o.sublabel, srole, stw).y : 0.0f;
    if (has_sub && swh + 0.3f * em() + ssh > room) {
      srole = FontRole::Small;
      ssh = measure(o.sublabel, srole, stw).y;
    }
    const float stotal = swh + (has_sub ? 0.3f * em() + ssh : 0.0f);
    if (stotal <= room) {  // else the words need the full width more: icon above, as small as fits
    const float left = pos.x + 0.6f * em();
    draw_icon(dl, o.icon, ImVec2(left + side_icon / 2, pos.y + size.y / 2), side_icon, fg);
    const float cx = left + side_icon + 0.4f * em() + stw / 2;
    float sy = pos.y + (size.y - stotal) / 2;
    text_centered(ImVec2(cx, sy + swh / 2), words, FontRole::Heading, fg, stw, bg_for_text);
    sy += swh + 0.3f * em();
    if (has_sub) text_centered(ImVec2(cx, sy + ssh / 2), o.sublabel, srole, fg, stw, bg_for_text);
    return;
    }
    // still no room: smaller words under a small icon
    words_role = FontRole::Bold;
    words_h = measure(words, words_role, tw).y;
    icon_s = std::min({size.y * 0.38f, 2.6f * em(), room - text_h() - 0.4f * em()});
  }
  if (icon_s < 0.9f * em()) icon_s = 0;  // no room at all: the words matter more
  const float icon_gap = icon_s > 0 ? 0.4f * em() : 0.0f;
  const float total = icon_s + icon_gap + text_h();
  if (total > size.y) record_cut(words, pos, ImVec2(max.x, pos.y + total), fg, bg_for_text);
  float y = pos.y + (size.y - total) / 2;
  if (icon_s > 0) draw_icon(dl, o.icon, ImVec2(pos.x + size.x / 2, y + icon_s / 2), icon_s, fg);
  y += icon_s + icon_gap;
  text_centered(ImVec2(pos.x + size.x / 2, y + words_h / 2), words, words_role, fg, tw, bg_for_text);
  y += words_h + 0.3f * em();
  if (has_sub) text_centered(ImVec2(pos.x + size.x / 2, y + sub_h / 2), o.sublabel, sub_role, fg, tw, bg_for_text);
  return;
}

bool Ui::button_at(const std::string& label, ImVec2 pos, ImVec2 size, const ButtonOpts& o) {
  std::string words, id;
  split_label(label, words, id);
  ImGui::SetCursorScreenPos(pos);
  ImGui::PushID(label.c_str());
  if (!o.enabled) ImGui::BeginDisabled();
  bool clicked = ImGui::InvisibleButton("##b", size);
  const bool held = ImGui::IsItemActive();
  if (!o.enabled) ImGui::EndDisabled();
  ImGui::PopID();
  if (drag_active_) clicked = false;
  const ImVec2 max(pos.x + size.x, pos.y + size.y);
  record_item(label, pos, max, o.enabled);
  if (clicked && !o.silent) speak_tapped(o.speak.empty() ? std::string_view(words) : std::string_view(o.speak));

  const Palette& p = *pal_;
  ImU32 fill = p.primary, fg = p.text_on_accent, border = 0;
  switch (o.kind) {
    case ButtonKind::Primary: fill = held ? p.primary_active : p.primary; break;
    case ButtonKind::Danger: fill = p.danger; break;
    case ButtonKind::Tile: fill = o.color ? o.color : p.primary; break;
    case ButtonKind::Secondary:
    case ButtonKind::Key:
      fill = held ? p.secondary_active : p.secondary;
      fg = p.text;
      border = p.border;
      break;
    case ButtonKind::Chip:
      fill = o.selected ? p.primary : (held ? p.secondary_active : p.secondary);
      fg = o.selected ? p.text_on_accent : p.text;
      border = o.selected ? p.primary : p.border;
      break;
    case ButtonKind::Ghost:
      fill = held ? p.secondary_active : 0;
      fg = p.primary;
      break;
  }
  if (!o.enabled) {
    fill = p.surface_alt;
    fg = p.text_muted;
    border = p.border;
  }
  const float r = (o.kind == ButtonKind::Chip ? 0.6f : 0.35f) * em();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (held && o.kind == ButtonKind::Tile) fill = (fill & 0x00FFFFFFu) | 0xD0000000u;
  if (fill) dl->AddRectFilled(pos, max, fill, r);
  if (border) dl->AddRect(pos, max, border, r, 0, std::max(2.0f, em() * 0.06f));
  if (o.kind == ButtonKind::Chip && o.selected)
    draw_icon(dl, Icon::Check, ImVec2(pos.x + 0.75f * em(), pos.y + size.y / 2), 0.8f * em(), fg);

  const ImU32 bg_for_text = fill ? fill : p.bg;
  if (o.kind == ButtonKind::Tile) {
    tile_face(words, pos, size, o, fg, bg_for_text);
    return clicked;
  }
  const float icon_s = o.icon != Icon::None ? std::min(size.y * 0.6f, 1.2f * em()) : 0.0f;
  const float gap = icon_s > 0 && !words.empty() ? 0.4f * em() : 0.0f;
  const float chip_pad = o.kind == ButtonKind::Chip && o.selected ? 0.9f * em() : 0.0f;
  const float avail = size.x - 0.6f * em() - icon_s - gap - chip_pad;
  ImVec2 ts = measure(words, o.font);
  const bool wrap = ts.x > avail;
  if (wrap) ts = measure(words, o.font, avail);
  if (ts.y > size.y || ts.x > avail + 1.0f)  // taller than the button, or one word wider than it
    record_cut(words, pos, ImVec2(pos.x + std::max(size.x, ts.x), pos.y + std::max(size.y, ts.y)), fg, bg_for_text);
  const float content_w = icon_s + gap + ts.x;
  float x = pos.x + chip_pad + (size.x - chip_pad - content_w) / 2;
  if (icon_s > 0) draw_icon(dl, o.icon, ImVec2(x + icon_s / 2, pos.y + size.y / 2), icon_s, fg);
  x += icon_s + gap;
  if (!words.empty()) {
    if (wrap)
      text_at(ImVec2(std::floor(x), std::floor(pos.y + (size.y - ts.y) / 2)), words, o.font, fg, avail, bg_for_text);
    else
      text_at(ImVec2(std::floor(x), std::floor(pos.y + (size.y - ts.y) / 2)), words, o.font, fg, 0, bg_for_text);
  }
  return clicked;
}

// ---------------------------------------------------------------- touch scroll
// One touch-scroll region, down (a list) or sideways (a row of chips): the finger's position along the axis
// drives the same inertia arithmetic either way. Returns the region's state with this frame's offset applied.
Ui::ScrollState& Ui::enter_scroll(const char* id, ImVec2 pos, ImVec2 size, bool sideways) {
  ImGui::SetCursorScreenPos(pos);
  ImGui::BeginChild(id, size, false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground |
                        ImGuiWindowFlags_NoNav | (sideways ? ImGuiWindowFlags_HorizontalScrollbar : 0));
  current_scroll_ = ImGui::GetID("##touchscroll");
  in_scroll_ = true;
  scroll_pos_ = pos;
  scroll_size_ = size;
  ScrollState& s = scrolls_[current_scroll_];
  const ImGuiIO& io = ImGui::GetIO();
  const bool inside = io.MousePos.x >= pos.x && io.MousePos.x < pos.x + size.x && io.MousePos.y >= pos.y &&
                      io.MousePos.y < pos.y + size.y;
  const float finger = sideways ? io.MousePos.x : io.MousePos.y;
  if (io.MouseClicked[0] && inside) s.in.press(finger, time_s_);
  if (s.in.pressed) {
    if (io.MouseDown[0]) {
      if (s.in.move(finger, time_s_, 0.4f * em())) {
        drag_active_ = true;
        ImGui::ClearActiveID();  // the button or chip under the finger must not fire when it lifts
      }
      if (s.in.dragging) drag_active_ = true;
    } else {
      s.in.release(time_s_);
    }
  }
  if (sideways && inside && io.MouseWheelH != 0) s.in.offset -= io.MouseWheelH * 2.0f * em();
  if (inside && io.MouseWheel != 0) s.in.offset -= io.MouseWheel * 2.0f * em();
  if (s.in.step(dt_, s.max_offset, calm_)) animating_ = true;
  return s;
}

ImVec2 Ui::begin_scroll(const char* id, ImVec2 pos, ImVec2 size) {
  const ScrollState& s = enter_scroll(id, pos, size, false);
  ImGui::SetScrollY(s.in.offset);
  return ImVec2(pos.x, pos.y - s.in.offset);
}

void Ui::end_scroll(float content_height) {
  ScrollState& s = scrolls_[current_scroll_];
  s.max_offset = std::max(0.0f, content_height - scroll_size_.y);
  // make the child's content as tall as the list so SetScrollY is honoured next frame
  ImGui::SetCursorScreenPos(ImVec2(scroll_pos_.x, scroll_pos_.y - s.in.offset + content_height));
  ImGui::Dummy(ImVec2(1, 0));
  ImGui::EndChild();
  in_scroll_ = false;
}

void Ui::scroll_into_view(float top, float bottom) {
  if (!in_scroll_) return;
  ScrollState& s = scrolls_[current_scroll_];
  const float view_top = scroll_pos_.y, view_bottom = scroll_pos_.y + scroll_size_.y;
  float off = s.in.offset;
  if (bottom > view_bottom) off += bottom - view_bottom;  // bring the bottom up into view
  const float shifted_top = top - (off - s.in.offset);
  if (shifted_top < view_top) off -= view_top - shifted_top;  // the top wins when both cannot show
  off = std::max(0.0f, off);  // past the old end is fine: end_scroll sets this frame's end
  if (off != s.in.offset) {
    s.in.offset = off;
    animating_ = true;
  }
}

ImVec2 Ui::begin_hscroll(const char* id, ImVec2 pos, ImVec2 size) {
  const ScrollState& s = enter_scroll(id, pos, size, true);
  ImGui::SetScrollX(s.in.offset);
  return ImVec2(pos.x - s.in.offset, pos.y);
}

std::pair<float, float> Ui::end_hscroll(float content_width) {
  ScrollState& s = scrolls_[current_scroll_];
  s.max_offset = std::max(0.0f, content_width - scroll_size_.x);
  s.in.offset = std::clamp(s.in.offset, 0.0f, s.max_offset);
  // make the child's content as wide as the row so SetScrollX is honoured next frame
  ImGui::SetCursorScreenPos(ImVec2(scroll_pos_.x - s.in.offset + content_width, scroll_pos_.y));
  ImGui::Dummy(ImVec2(0, 1));
  ImGui::EndChild();
  in_scroll_ = false;
  return {s.in.offset, s.max_offset - s.in.offset};
}

// ---------------------------------------------------------------- keypad
bool Ui::keypad(ImVec2 pos, ImVec2 size, std::string& buf, size_t max_len) {
  const float gap = 0.3f * em();
  const float kw = (size.x - 2 * gap) / 3;
  const float kh = (size.y - 3 * gap) / 4;
  bool changed = false;
  static const char* digits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
  ButtonOpts key;
  key.kind = ButtonKind::Key;
  key.font = FontRole::Heading;
  key.silent = true;  // a PIN must never be read out
  for (int i = 0; i < 9; i++) {
    const ImVec2 p(pos.x + static_cast<float>(i % 3) * (kw + gap), pos.y + static_cast<float>(i / 3) * (kh + gap));
    if (button_at(std::string(digits[i]) + "###keypad." + digits[i], p, ImVec2(kw, kh), key) && buf.size() < max_len) {
      buf += digits[i];
      changed = true;
    }
  }
  const float y = pos.y + 3 * (kh + gap);
  ButtonOpts clear;
  clear.kind = ButtonKind::Key;
  clear.font = FontRole::Body;
  clear.silent = true;
  if (button_at(t("keypad.clear") + "###keypad.clear", ImVec2(pos.x, y), ImVec2(kw, kh), clear) && !buf.empty()) {
    std::fill(buf.begin(), buf.end(), '\0');
    buf.clear();
    changed = true;
  }
  if (button_at("0###keypad.0", ImVec2(pos.x + kw + gap, y), ImVec2(kw, kh), key) && buf.size() < max_len) {
    buf += '0';
    changed = true;
  }
  ButtonOpts del = clear;
  del.icon = Icon::Delete;
  if (button_at(t("keypad.delete") + "###keypad.back", ImVec2(pos.x + 2 * (kw + gap), y), ImVec2(kw, kh), del) &&
      !buf.empty()) {
    buf.back() = '\0';
    buf.pop_back();
    changed = true;
  }
  return changed;
}

// ---------------------------------------------------------------- keyboard
namespace {
struct AccentPair {
  const char* lower;
  const char* upper;
};
const AccentPair kAccents[] = {
    {"â", "Â"}, {"ê", "Ê"}, {"î", "Î"}, {"ô", "Ô"}, {"û", "Û"}, {"ŵ", "Ŵ"}, {"ŷ", "Ŷ"},
    {"á", "Á"}, {"é", "É"}, {"í", "Í"}, {"ó", "Ó"}, {"ú", "Ú"}, {"ẃ", "Ẃ"}, {"ý", "Ý"},
    {"à", "À"}, {"è", "È"}, {"ì", "Ì"}, {"ò", "Ò"}, {"ù", "Ù"}, {"ẁ", "Ẁ"}, {"ỳ", "Ỳ"},
    {"ä", "Ä"}, {"ë", "Ë"}, {"ï", "Ï"}, {"ö", "Ö"}, {"ü", "Ü"}, {"ẅ", "Ẅ"}, {"ÿ", "Ÿ"},
};
}  // namespace

KeyboardEvent Ui::keyboard(ImVec2 pos, ImVec2 size, KeyboardState& st, std::string& text, size_t max_cp,
                           bool allow_enter) {
  KeyboardEvent ev;
  using Layer = KeyboardState::Layer;
  std::vector<std::vector<std::string>> rows;
  if (st.layer == Layer::Letters) {
    rows = {{"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"},
            {"a", "s", "d", "f", "g", "h", "j", "k", "l", "'"},
            {"z", "x", "c", "v", "b", "n", "m", ",", ".", "?"}};
    if (st.shift)
      for (auto& r : rows)
        for (auto& k : r)
          if (k.size() == 1 && k[0] >= 'a' && k[0] <= 'z') k[0] = static_cast<char>(k[0] - 'a' + 'A');
  } else if (st.layer == Layer::Symbols) {
    rows = {{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
            {"-", "/", ":", ";", "(", ")", "£", "&", "@", "\""},
            {".", ",", "?", "!", "'", "+", "=", "%", "#", "*"}};
  } else {
    rows.resize(4);
    for (size_t i = 0; i < std::size(kAccents); i++) rows[i / 7].push_back(st.shift ? kAccents[i].upper : kAccents[i].lower);
  }
  const size_t nrows = rows.size() + 1;
  const float gap = 0.25f * em();
  const float kh = (size.y - gap * static_cast<float>(nrows - 1)) / static_cast<float>(nrows);
  // 10 keys plus a wide key on the right; the wide key grows when its words need it (big text, long Welsh
  // words such as "Priflythrennau"), so they are never broken up or cut
  float wide_w = (size.x - gap * 10) / 11.0f;
  const float word_room = 1.0f * em();
  wide_w = std::max(wide_w, measure(t("kbd.delete"), FontRole::Bold).x + word_room + std::min(kh * 0.6f, 1.2f * em()) + 0.4f * em());
  if (st.layer != Layer::Symbols) wide_w = std::max(wide_w, measure(t("kbd.shift"), FontRole::Bold).x + word_room);
  if (allow_enter) wide_w = std::max(wide_w, measure(t("kbd.new_line"), FontRole::Bold).x + word_room);
  wide_w = std::min(wide_w, size.x * 0.3f);
  const float unit = (size.x - gap * 10 - wide_w) / 10.0f;
  ButtonOpts key;
  key.kind = ButtonKind::Key;
  key.font = FontRole::Heading;
  key.silent = true;  // typing is not read letter by letter
  ButtonOpts wide = key;
  wide.font = FontRole::Bold;
  auto type = [&](const std::string& s) {
    if (utf8_length(text) >= max_cp) return;
    text += s;
    ev.changed = true;
    if (st.shift) st.shift = false;  // one-shot shift
  };
  float y = pos.y;
  for (size_t r = 0; r < rows.size(); r++) {
    float x = pos.x + (st.layer == Layer::Letters && r == 2 ? unit * 0.0f : 0.0f);
    for (const std::string& k : rows[r]) {
      if (button_at(k + "###kbd." + k, ImVec2(x, y), ImVec2(unit, kh), key)) type(k);
      x += unit + gap;
    }
    // the right-hand wide key of each row
    const float rest = pos.x + size.x - x;
    if (r == 0) {
      ButtonOpts b = wide;
      b.icon = Icon::Delete;
      if (button_at(t("kbd.delete") + "###kbd.back", ImVec2(x, y), ImVec2(rest, kh), b) && !text.empty()) {
        utf8_pop_back(text);
        ev.changed = true;
      }
    } else if (r == 1 && allow_enter) {
      if (button_at(t("kbd.new_line") + "###kbd.enter", ImVec2(x, y), ImVec2(rest, kh), wide)) {
        if (utf8_length(text) < max_cp) {
          text += '\n';
          ev.changed = true;
        }
        ev.enter = true;
      }
    } else if (r == 2 && st.layer != Layer::Symbols) {
      ButtonOpts b = wide;
      b.kind = st.shift ? ButtonKind::Primary : ButtonKind::Key;
      if (button_at(t("kbd.shift") + "###kbd.shift", ImVec2(x, y), ImVec2(rest, kh), b)) st.shift = !st.shift;
    }
    y += kh + gap;
  }
  // bottom row: layer switches and space
  const float lw = unit * 2 + gap;
  float x = pos.x;
  if (st.layer != Layer::Letters) {
    if (button_at("abc###kbd.layer.letters", ImVec2(x, y), ImVec2(lw, kh), wide)) st.layer = Layer::Letters;
    x += lw + gap;
  }
  if (st.layer != Layer::Symbols) {
    if (button_at("123 ?!###kbd.layer.symbols", ImVec2(x, y), ImVec2(lw, kh), wide)) st.layer = Layer::Symbols;
    x += lw + gap;
  }
  if (st.layer != Layer::Accents) {
    if (button_at("â ŵ ŷ###kbd.layer.accents", ImVec2(x, y), ImVec2(lw, kh), wide)) st.layer = Layer::Accents;
    x += lw + gap;
  }
  if (button_at(t("kbd.space") + "###kbd.space", ImVec2(x, y), ImVec2(pos.x + size.x - x, kh), wide)) type(" ");
  return ev;
}

}  // namespace waymark::ui
