#include "kiosk/platform/input.h"

#include <imgui.h>

#include <algorithm>

namespace waymark::platform {

InputFrame Input::feed(std::deque<SDL_Event>& q) {
  ImGuiIO& io = ImGui::GetIO();
  InputFrame f;
  bool button_changed = false;
  io.MouseWheel = 0;
  while (!q.empty()) {
    const SDL_Event& ev = q.front();
    if ((ev.type == SDL_MOUSEBUTTONDOWN || ev.type == SDL_MOUSEBUTTONUP) && button_changed) break;
    switch (ev.type) {
      case SDL_QUIT:
        f.quit_requested = true;
        break;
      case SDL_WINDOWEVENT:
        if (ev.window.event == SDL_WINDOWEVENT_CLOSE) f.quit_requested = true;
        if (ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) f.resized = true;
        if (ev.window.event == SDL_WINDOWEVENT_LEAVE) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        break;
      case SDL_MOUSEMOTION:
        io.MousePos = ImVec2(static_cast<float>(ev.motion.x), static_cast<float>(ev.motion.y));
        f.any_input = true;
        break;
      case SDL_MOUSEBUTTONDOWN:
      case SDL_MOUSEBUTTONUP:
        if (ev.button.button == SDL_BUTTON_LEFT) {
          io.MousePos = ImVec2(static_cast<float>(ev.button.x), static_cast<float>(ev.button.y));
          io.MouseDown[0] = ev.type == SDL_MOUSEBUTTONDOWN;
          button_changed = true;
        }
        f.any_input = true;
        break;
      case SDL_MOUSEWHEEL:
        io.MouseWheel += static_cast<float>(ev.wheel.y);
        f.any_input = true;
        break;
      case SDL_FINGERDOWN:
        if (std::find(fingers_.begin(), fingers_.end(), ev.tfinger.fingerId) == fingers_.end())
          fingers_.push_back(ev.tfinger.fingerId);
        if (fingers_.size() > 1) f.multi_touch = true;
        f.any_input = true;
        break;
      case SDL_FINGERUP:
        fingers_.erase(std::remove(fingers_.begin(), fingers_.end(), ev.tfinger.fingerId), fingers_.end());
        f.any_input = true;
        break;
      case SDL_TEXTINPUT:
        f.text += ev.text.text;
        f.any_input = true;
        break;
      case SDL_KEYDOWN:
        f.keys.push_back(KeyPress{ev.key.keysym.sym, ev.key.keysym.mod});
        f.any_input = true;
        break;
      case SDL_KEYUP:
        f.any_input = true;
        break;
      default:
        if (ev.type == signal_event_) f.signal = ev.user.code;
        break;
    }
    q.pop_front();
  }
  return f;
}

}  // namespace waymark::platform
