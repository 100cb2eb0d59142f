#include "kiosk/platform/render_backend.h"

#include <SDL.h>
#include <imgui.h>

#include <cstddef>

#include "kiosk/platform/platform.h"

namespace waymark::platform {

RenderBackend::~RenderBackend() {
  if (font_texture_) SDL_DestroyTexture(font_texture_);
}

bool RenderBackend::upload_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  if (CpuRenderer* cpu = platform_.cpu()) {
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);  // white glyphs: coverage is all the atlas holds
    cpu->set_font_atlas(pixels, w, h);
    io.Fonts->SetTexID(cpu->font_texture_id());
    io.Fonts->ClearTexData();
    return true;
  }
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  if (font_texture_) SDL_DestroyTexture(font_texture_);
  font_texture_ = SDL_CreateTexture(platform_.renderer(), SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, w, h);
  if (!font_texture_) return false;
  SDL_UpdateTexture(font_texture_, nullptr, pixels, 4 * w);
  SDL_SetTextureBlendMode(font_texture_, SDL_BLENDMODE_BLEND);
  SDL_SetTextureScaleMode(font_texture_, SDL_ScaleModeLinear);
  io.Fonts->SetTexID(static_cast<ImTextureID>(font_texture_));
  io.Fonts->ClearTexData();  // the texture has it now; keep RAM small
  return true;
}

void RenderBackend::draw(ImDrawData* dd, uint32_t bg) {
  if (CpuRenderer* cpu = platform_.cpu()) {
    cpu->render(dd, bg);
    return;
  }
  SDL_Renderer* r = platform_.renderer();
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(bg);
  SDL_SetRenderDrawColor(r, static_cast<Uint8>(c.x * 255), static_cast<Uint8>(c.y * 255), static_cast<Uint8>(c.z * 255), 255);
  SDL_RenderClear(r);
  render_sdl(dd);
}

void RenderBackend::present() {
  if (platform_.cpu()) platform_.present_cpu();
  else SDL_RenderPresent(platform_.renderer());
}

void RenderBackend::render_sdl(ImDrawData* dd) {
  SDL_Renderer* r = platform_.renderer();
  if (!dd || dd->DisplaySize.x <= 0 || dd->DisplaySize.y <= 0) return;
  const ImVec2 off = dd->DisplayPos;
  const ImVec2 scale = dd->FramebufferScale;
  for (int n = 0; n < dd->CmdListsCount; n++) {
    const ImDrawList* list = dd->CmdLists[n];
    const ImDrawVert* vtx = list->VtxBuffer.Data;
    const ImDrawIdx* idx = list->IdxBuffer.Data;
    for (int c = 0; c < list->CmdBuffer.Size; c++) {
      const ImDrawCmd& cmd = list->CmdBuffer[c];
      if (cmd.UserCallback) {
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
        continue;
      }
      const ImVec2 cmin((cmd.ClipRect.x - off.x) * scale.x, (cmd.ClipRect.y - off.y) * scale.y);
      const ImVec2 cmax((cmd.ClipRect.z - off.x) * scale.x, (cmd.ClipRect.w - off.y) * scale.y);
      if (cmax.x <= cmin.x || cmax.y <= cmin.y) continue;
      const SDL_Rect clip{static_cast<int>(cmin.x), static_cast<int>(cmin.y), static_cast<int>(cmax.x - cmin.x),
                          static_cast<int>(cmax.y - cmin.y)};
      SDL_RenderSetClipRect(r, &clip);
      const ImDrawVert* base = vtx + cmd.VtxOffset;
      const char* bytes = reinterpret_cast<const char*>(base);
      const auto* xy = reinterpret_cast<const float*>(bytes + offsetof(ImDrawVert, pos));
      const auto* uv = reinterpret_cast<const float*>(bytes + offsetof(ImDrawVert, uv));
      // ImU32 colours are stored R,G,B,A in memory on little-endian machines, like SDL_Color.
      const auto* col = reinterpret_cast<const SDL_Color*>(bytes + offsetof(ImDrawVert, col));
      auto* tex = static_cast<SDL_Texture*>(cmd.GetTexID());
      SDL_RenderGeometryRaw(r, tex, xy, sizeof(ImDrawVert), col, sizeof(ImDrawVert), uv, sizeof(ImDrawVert),
                            list->VtxBuffer.Size - static_cast<int>(cmd.VtxOffset), idx + cmd.IdxOffset,
                            static_cast<int>(cmd.ElemCount), sizeof(ImDrawIdx));
    }
  }
  SDL_RenderSetClipRect(r, nullptr);
}

}  // namespace waymark::platform
