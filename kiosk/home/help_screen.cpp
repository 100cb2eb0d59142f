// kiosk/home/help_screen.cpp: help and settings: the child's own settings (language, text size, letters,
// colours, calm, reading) on the left, how Waymark works on the right (below them with big text).
#include <algorithm>
#include <vector>

#include "kiosk/home/home_screens.h"

namespace waymark::screens {

using namespace ui;

namespace {

// One setting: its name and a row of choices. Lays out on one row when there is room (name on the left),
// else the name above the choices. Returns the height used; sets picked to the tapped choice.
struct Choice {
  std::string words;
  std::string id;
  bool selected;
};

float setting_row(Ui& ui, ImVec2 pos, float w, float label_w, bool side_by_side, const std::string& name,
                  const std::string& hint, const std::vector<Choice>& choices, int& picked, ImU32 bg) {
  const float em = ui.em();
  const float chip_h = 2.4f * em;
  const float gap = 0.5f * em;
  float widest = 0;
  for (const Choice& c : choices) widest = std::max(widest, ui.measure(c.words, FontRole::Bold).x);
  const float chip_min = widest + 2.0f * em;  // words, the tick of a selected chip, padding
  const float n = static_cast<float>(choices.size());
  // label_w: the widest setting name, so every row's choices line up; side_by_side: the same for every row
  const float label_col = label_w + 1.0f * em;
  const bool one_row = side_by_side && label_col + n * chip_min + (n - 1) * gap <= w;
  float y = pos.y;
  float chips_x = pos.x, chips_w = w;
  if (one_row) {
    chips_x = pos.x + label_col;
    chips_w = w - label_col;
    const float name_h = ui.measure(name, FontRole::Heading).y;
    const float hint_h = hint.empty() ? 0.0f : ui.measure(hint, FontRole::Small).y;
    const float ty = pos.y + (chip_h - name_h - hint_h) / 2;
    ui.text_at(ImVec2(pos.x, ty), name, FontRole::Heading, 0, 0, bg);
    if (!hint.empty()) ui.text_at(ImVec2(pos.x, ty + name_h), hint, FontRole::Small, ui.pal().text_muted, 0, bg);
  } else {
    y += ui.text_at(ImVec2(pos.x, y), name, FontRole::Heading, 0, w, bg).y;
    if (!hint.empty()) y += ui.text_at(ImVec2(pos.x, y), hint, FontRole::Small, ui.pal().text_muted, w, bg).y;
    y += 0.3f * em;
  }
  // as many chips on a line as fit at their natural width
  const int per_line = std::max(1, std::min(static_cast<int>(choices.size()),
                                            static_cast<int>((chips_w + gap) / (chip_min + gap))));
  const float cw = (chips_w - gap * static_cast<float>(per_line - 1)) / static_cast<float>(per_line);
  for (size_t i = 0; i < choices.size(); i++) {
    const int col = static_cast<int>(i) % per_line;
    const int row = static_cast<int>(i) / per_line;
    ButtonOpts chip;
    chip.kind = ButtonKind::Chip;
    chip.selected = choices[i].selected;
    chip.speak = name + ": " + choices[i].words;
    const ImVec2 p(chips_x + static_cast<float>(col) * (cw + gap), y + static_cast<float>(row) * (chip_h + gap));
    if (ui.button_at(choices[i].words + "###" + choices[i].id, p, ImVec2(cw, chip_h), chip)) picked = static_cast<int>(i);
  }
  const int lines = (static_cast<int>(choices.size()) + per_line - 1) / per_line;
  y += static_cast<float>(lines) * chip_h + static_cast<float>(lines - 1) * gap;
  return y - pos.y;
}

}  // namespace

HelpIntent draw_help(Ui& ui, HelpVM& vm) {
  HelpIntent out = HelpIntent::None;
  if (draw_top_bar(ui, TopBarVM{ui.t("help.title"), true, true, false}) == TopBarIntent::Back) out = HelpIntent::Back;
  const Area a = content_area(ui);
  const float em = ui.em();
  const Palette& p = ui.pal();
  ChildSettings& st = vm.settings;
  ui.read_main(ui.t("settings.lead"));

  // Wide screens (normal text): settings on the left, how Waymark works on the right, each scrolling.
  // Big text: one list, settings first.
  const bool wide = a.w() >= 44 * em;
  const float sw = wide ? a.w() * 0.62f : a.w();
  const ImVec2 sp = a.min;
  const ImVec2 ss(sw, a.h());
  ImVec2 o = ui.begin_scroll("help.settings", sp, ss);
  const float w = sw - (wide ? 0.4f * em : 0.0f);
  float y = o.y;
  y += ui.text_at(ImVec2(o.x, y), ui.t("settings.lead"), FontRole::Body, p.text_muted, w).y + 0.6f * em;
  const float row_gap = 0.9f * em;
  float label_w = 0;
  for (const char* id : {"help.language", "settings.text_size", "settings.font", "settings.colours", "settings.calm",
                         "settings.read_on_tap", "settings.voice"})
    label_w = std::max(label_w, ui.measure(ui.t(id), FontRole::Heading).x);
  for (const char* id : {"settings.calm.hint", "settings.read_on_tap.hint"})
    label_w = std::max(label_w, ui.measure(ui.t(id), FontRole::Small).x);
  // names on the left of their choices when every row fits that way, else every name above its choices
  float widest_choice = 0;
  for (const char* id : {"settings.text_size.0", "settings.text_size.1", "settings.text_size.2", "settings.voice.0",
                         "settings.voice.1", "settings.voice.2"})
    widest_choice = std::max(widest_choice, ui.measure(ui.t(id), FontRole::Bold).x);
  const bool side = label_w + 1.0f * em <= 0.5f * w && label_w + 1.0f * em + 3 * (widest_choice + 2.0f * em) + 1.0f * em <= w;
  int picked = -1;
  y += setting_row(ui, ImVec2(o.x, y), w, label_w, side, ui.t("help.language"), "",
                   {{"English", "help.lang.en", vm.lang == "en"}, {"Cymraeg", "help.lang.cy", vm.lang == "cy"}}, picked,
                   p.bg) + row_gap;
  if (picked == 0) out = HelpIntent::English;
  if (picked == 1) out = HelpIntent::Welsh;
  auto changed = [&] { out = HelpIntent::SettingsChanged; };
  picked = -1;
  y += setting_row(ui, ImVec2(o.x, y), w, label_w, side, ui.t("settings.text_size"), "",
                   {{ui.t("settings.text_size.0"), "settings.size.0", st.text_size == 0},
                    {ui.t("settings.text_size.1"), "settings.size.1", st.text_size == 1},
                    {ui.t("settings.text_size.2"), "settings.size.2", st.text_size == 2}},
                   picked, p.bg) + row_gap;
  if (picked >= 0 && picked != st.text_size) st.text_size = picked, changed();
  picked = -1;
  y += setting_row(ui, ImVec2(o.x, y), w, label_w, side, ui.t("settings.font"), "",
                   {{ui.t("settings.font.standard"), "settings.font.standard", st.font != "dyslexic"},
                    {ui.t("settings.font.dyslexic"), "settings.font.dyslexic", st.font == "dyslexic"}},
                   picked, p.bg) + row_gap;
  if (picked >= 0) {
    const std::string f = picked == 1 ? "dyslexic" : "standard";
    if (f != st.font) st.font = f, changed();
  }
  picked = -1;
  y += setting_row(ui, ImVec2(o.x, y), w, label_w, side, ui.t("settings.colours"), "",
                   {{ui.t("settings.colours.usual"), "settings.colours.usual", !st.high_contrast},
                    {ui.t("settings.colours.strong"), "settings.colours.strong", st.high_contrast}},
                   picked, p.bg) + row_gap;
  if (picked >= 0 && (picked == 1) != st.high_contrast) st.high_contrast = picked == 1, changed();
  picked = -1;
  y += setting_row(ui, ImVec2(o.x, y), w, label_w, side, ui.t("settings.calm"), ui.t("settings.calm.hint"),
                   {{ui.t("settings.off"), "settings.calm.off", !st.calm}, {ui.t("settings.on"), "settings.calm.on", st.calm}},
                   picked, p.bg) + row_gap;
  if (picked >= 0 && (picked == 1) != st.calm) st.calm = picked == 1, changed();
  picked = -1;
  y += setting_row(ui, ImVec2(o.x, y), w, label_w, side, ui.t("settings.read_on_tap"), ui.t("settings.read_on_tap.hint"),
                   {{ui.t("settings.off"), "settings.tap.off", !st.read_on_tap},
                    {ui.t("settings.on"), "settings.tap.on", st.read_on_tap}},
                   picked, p.bg) + row_gap;
  if (picked >= 0 && (picked == 1) != st.read_on_tap) st.read_on_tap = picked == 1, changed();
  picked = -1;
  y += setting_row(ui, ImVec2(o.x, y), w, label_w, side, ui.t("settings.voice"), "",
                   {{ui.t("settings.voice.0"), "settings.voice.0", st.speech_rate == 0},
                    {ui.t("settings.voice.1"), "settings.voice.1", st.speech_rate == 1},
                    {ui.t("settings.voice.2"), "settings.voice.2", st.speech_rate == 2}},
                   picked, p.bg);
  if (picked >= 0 && picked != st.speech_rate) st.speech_rate = picked, changed();

  // how Waymark works: its own panel on a wide screen, below the settings otherwise
  auto topics = [&](float x, float ty, float tw, ImU32 bg) {
    ty += ui.text_at(ImVec2(x, ty), ui.t("help.how"), FontRole::Title, 0, tw, bg).y + 0.5f * em;
    for (int i = 1; i <= 6; i++) {
      const std::string h = "help.topic" + std::to_string(i) + ".title";
      const std::string b = "help.topic" + std::to_string(i) + ".body";
      ui.read_main(ui.t(h));
      ui.read_main(ui.t(b));
      ty += ui.text_at(ImVec2(x, ty), ui.t(h), FontRole::Heading, 0, tw, bg).y + 0.3f * em;
      ty += ui.text_at(ImVec2(x, ty), ui.t(b), FontRole::Body, 0, tw, bg).y + 1.0f * em;
    }
    return ty;
  };
  if (!wide) {
    y += 1.6f * em;
    const float top = y;
    const float inner_h = topics(o.x + 1.0f * em, y + 0.8f * em, w - 2.0f * em, p.bg) - (y + 0.8f * em);
    ImDrawList* dl = ui.draw();  // an outline only, so the text stays on the page colour
    dl->AddRect(ImVec2(o.x, top), ImVec2(o.x + w, top + inner_h + 1.6f * em), p.border, 0.4f * em, 0,
                std::max(2.0f, em * 0.06f));
    y = top + inner_h + 1.6f * em;
  }
  ui.end_scroll(y - o.y + 0.4f * em);

  if (wide) {
    const ImVec2 tp(a.min.x + sw + 1.2f * em, a.min.y);
    const ImVec2 ts(a.max.x - tp.x, a.h());
    ui.panel(tp, ImVec2(tp.x + ts.x, tp.y + ts.y), p.surface, p.border);
    const ImVec2 inner(tp.x + 1.0f * em, tp.y + 0.8f * em);
    const ImVec2 inner_size(ts.x - 2.0f * em, ts.y - 1.6f * em);
    ImVec2 to = ui.begin_scroll("help.scroll", inner, inner_size);
    const float end_y = topics(to.x, to.y, inner_size.x, p.surface);
    ui.end_scroll(end_y - to.y);
  }
  return out;
}

}  // namespace waymark::screens
