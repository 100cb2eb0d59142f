#include "kiosk/ui/icons.h"

#include <cmath>

namespace waymark::ui {

namespace {
constexpr float kPi = 3.14159265f;
ImVec2 P(ImVec2 c, float s, float x, float y) { return ImVec2(c.x + x * s, c.y + y * s); }

void face(ImDrawList* dl, ImVec2 c, float s, ImU32 col, float th, float mouth) {
  dl->AddCircle(c, 0.45f * s, col, 32, th);
  dl->AddCircleFilled(P(c, s, -0.15f, -0.12f), 0.05f * s, col);
  dl->AddCircleFilled(P(c, s, 0.15f, -0.12f), 0.05f * s, col);
  // mouth: a curve from sad (-1) to happy (+1)
  const int n = 12;
  ImVec2 pts[n];
  for (int i = 0; i < n; i++) {
    float t = static_cast<float>(i) / (n - 1) * 2.0f - 1.0f;  // -1..1
    pts[i] = P(c, s, 0.2f * t, 0.17f + mouth * 0.1f * (1.0f - t * t));
  }
  dl->AddPolyline(pts, n, col, 0, th);
}
}  // namespace

// Over 120 lines on purpose: one short case per icon (a few strokes each), read as a catalogue of drawings;
// splitting it would only scatter them.
void draw_icon(ImDrawList* dl, Icon icon, ImVec2 c, float s, ImU32 col) {
  const float th = std::fmax(2.0f, s * 0.08f);
  switch (icon) {
    case Icon::None: break;
    case Icon::Course: {  // open book
      dl->AddQuad(P(c, s, -0.45f, -0.3f), P(c, s, 0.0f, -0.22f), P(c, s, 0.0f, 0.35f), P(c, s, -0.45f, 0.27f), col, th);
      dl->AddQuad(P(c, s, 0.45f, -0.3f), P(c, s, 0.0f, -0.22f), P(c, s, 0.0f, 0.35f), P(c, s, 0.45f, 0.27f), col, th);
      dl->AddLine(P(c, s, -0.33f, -0.1f), P(c, s, -0.1f, -0.06f), col, th * 0.7f);
      dl->AddLine(P(c, s, -0.33f, 0.05f), P(c, s, -0.1f, 0.09f), col, th * 0.7f);
      dl->AddLine(P(c, s, 0.33f, -0.1f), P(c, s, 0.1f, -0.06f), col, th * 0.7f);
      dl->AddLine(P(c, s, 0.33f, 0.05f), P(c, s, 0.1f, 0.09f), col, th * 0.7f);
      break;
    }
    case Icon::Apprenticeship: {  // spanner
      dl->AddLine(P(c, s, -0.3f, 0.3f), P(c, s, 0.12f, -0.12f), col, th * 1.8f);
      dl->PathArcTo(P(c, s, 0.2f, -0.2f), 0.2f * s, kPi * 0.95f, kPi * 2.55f, 16);
      dl->PathStroke(col, 0, th * 1.4f);
      break;
    }
    case Icon::Job: {  // briefcase
      dl->AddRect(P(c, s, -0.42f, -0.2f), P(c, s, 0.42f, 0.32f), col, 0.06f * s, 0, th);
      dl->AddRect(P(c, s, -0.14f, -0.34f), P(c, s, 0.14f, -0.2f), col, 0.04f * s, 0, th);
      dl->AddLine(P(c, s, -0.42f, 0.02f), P(c, s, 0.42f, 0.02f), col, th);
      break;
    }
    case Icon::Training: {  // graduation cap
      dl->AddQuad(P(c, s, -0.48f, -0.1f), P(c, s, 0.0f, -0.32f), P(c, s, 0.48f, -0.1f), P(c, s, 0.0f, 0.12f), col, th);
      dl->AddBezierCubic(P(c, s, -0.28f, 0.0f), P(c, s, -0.28f, 0.3f), P(c, s, 0.28f, 0.3f), P(c, s, 0.28f, 0.0f), col, th);
      dl->AddLine(P(c, s, 0.4f, -0.06f), P(c, s, 0.4f, 0.28f), col, th);
      break;
    }
    case Icon::Activity: {  // ball
      dl->AddCircle(c, 0.4f * s, col, 32, th);
      dl->AddBezierQuadratic(P(c, s, -0.38f, -0.1f), P(c, s, 0.0f, 0.05f), P(c, s, 0.38f, -0.1f), col, th);
      dl->AddBezierQuadratic(P(c, s, -0.1f, -0.38f), P(c, s, 0.05f, 0.0f), P(c, s, -0.1f, 0.38f), col, th);
      break;
    }
    case Icon::MyViews: {  // clipboard with a pen line
      dl->AddRect(P(c, s, -0.32f, -0.36f), P(c, s, 0.32f, 0.42f), col, 0.05f * s, 0, th);
      dl->AddRectFilled(P(c, s, -0.14f, -0.44f), P(c, s, 0.14f, -0.3f), col, 0.04f * s);
      dl->AddLine(P(c, s, -0.18f, -0.12f), P(c, s, 0.18f, -0.12f), col, th);
      dl->AddLine(P(c, s, -0.18f, 0.04f), P(c, s, 0.18f, 0.04f), col, th);
      dl->AddLine(P(c, s, -0.18f, 0.2f), P(c, s, 0.06f, 0.2f), col, th);
      break;
    }
    case Icon::Messages: {  // speech bubble
      dl->AddRect(P(c, s, -0.44f, -0.34f), P(c, s, 0.44f, 0.2f), col, 0.12f * s, 0, th);
      dl->AddTriangleFilled(P(c, s, -0.22f, 0.18f), P(c, s, 0.0f, 0.18f), P(c, s, -0.26f, 0.42f), col);
      dl->AddCircleFilled(P(c, s, -0.2f, -0.07f), 0.05f * s, col);
      dl->AddCircleFilled(P(c, s, 0.0f, -0.07f), 0.05f * s, col);
      dl->AddCircleFilled(P(c, s, 0.2f, -0.07f), 0.05f * s, col);
      break;
    }
    case Icon::Meetings: {  // calendar
      dl->AddRect(P(c, s, -0.4f, -0.3f), P(c, s, 0.4f, 0.4f), col, 0.06f * s, 0, th);
      dl->AddRectFilled(P(c, s, -0.4f, -0.3f), P(c, s, 0.4f, -0.12f), col, 0.06f * s);
      dl->AddLine(P(c, s, -0.2f, -0.42f), P(c, s, -0.2f, -0.22f), col, th);
      dl->AddLine(P(c, s, 0.2f, -0.42f), P(c, s, 0.2f, -0.22f), col, th);
      for (int i = 0; i < 3; i++)
        for (int j = 0; j < 2; j++)
          dl->AddRectFilled(P(c, s, -0.26f + 0.2f * static_cast<float>(i), 0.0f + 0.17f * static_cast<float>(j)),
                            P(c, s, -0.14f + 0.2f * static_cast<float>(i), 0.1f + 0.17f * static_cast<float>(j)), col);
      break;
    }
    case Icon::Help: {  // question mark in a circle
      dl->AddCircle(c, 0.44f * s, col, 32, th);
      dl->PathArcTo(P(c, s, 0.0f, -0.1f), 0.14f * s, kPi * 1.0f, kPi * 2.35f, 12);
      dl->PathLineTo(P(c, s, 0.0f, 0.1f));
      dl->PathStroke(col, 0, th);
      dl->AddCircleFilled(P(c, s, 0.0f, 0.25f), 0.05f * s, col);
      break;
    }
    case Icon::Speaker: {
      dl->AddQuadFilled(P(c, s, -0.4f, -0.12f), P(c, s, -0.2f, -0.12f), P(c, s, -0.2f, 0.12f), P(c, s, -0.4f, 0.12f), col);
      dl->AddTriangleFilled(P(c, s, -0.22f, -0.12f), P(c, s, 0.05f, -0.36f), P(c, s, 0.05f, 0.0f), col);
      dl->AddTriangleFilled(P(c, s, -0.22f, 0.12f), P(c, s, 0.05f, 0.0f), P(c, s, 0.05f, 0.36f), col);
      dl->PathArcTo(P(c, s, 0.05f, 0.0f), 0.2f * s, -kPi * 0.3f, kPi * 0.3f, 10);
      dl->PathStroke(col, 0, th);
      dl->PathArcTo(P(c, s, 0.05f, 0.0f), 0.36f * s, -kPi * 0.3f, kPi * 0.3f, 14);
      dl->PathStroke(col, 0, th);
      break;
    }
    case Icon::SignOut:
    case Icon::Exit: {  // door with arrow
      dl->AddRect(P(c, s, -0.4f, -0.4f), P(c, s, 0.05f, 0.4f), col, 0.0f, 0, th);
      dl->AddLine(P(c, s, -0.1f, 0.0f), P(c, s, 0.42f, 0.0f), col, th);
      dl->AddTriangleFilled(P(c, s, 0.46f, 0.0f), P(c, s, 0.28f, -0.15f), P(c, s, 0.28f, 0.15f), col);
      break;
    }
    case Icon::Back: {
      dl->AddLine(P(c, s, -0.3f, 0.0f), P(c, s, 0.38f, 0.0f), col, th * 1.2f);
      dl->AddTriangleFilled(P(c, s, -0.42f, 0.0f), P(c, s, -0.16f, -0.24f), P(c, s, -0.16f, 0.24f), col);
      break;
    }
    case Icon::Next: {
      dl->AddLine(P(c, s, -0.38f, 0.0f), P(c, s, 0.3f, 0.0f), col, th * 1.2f);
      dl->AddTriangleFilled(P(c, s, 0.42f, 0.0f), P(c, s, 0.16f, -0.24f), P(c, s, 0.16f, 0.24f), col);
      break;
    }
    case Icon::Staff: {  // person with a badge
      dl->AddCircle(P(c, s, 0.0f, -0.2f), 0.16f * s, col, 20, th);
      dl->PathArcTo(P(c, s, 0.0f, 0.42f), 0.34f * s, kPi, kPi * 2.0f, 16);
      dl->PathStroke(col, 0, th);
      dl->AddRectFilled(P(c, s, 0.12f, 0.18f), P(c, s, 0.24f, 0.3f), col);
      break;
    }
    case Icon::Lock: {
      dl->AddRectFilled(P(c, s, -0.3f, -0.04f), P(c, s, 0.3f, 0.4f), col, 0.05f * s);
      dl->PathArcTo(P(c, s, 0.0f, -0.06f), 0.2f * s, kPi, kPi * 2.0f, 12);
      dl->PathStroke(col, 0, th);
      break;
    }
    case Icon::Search: {
      dl->AddCircle(P(c, s, -0.08f, -0.08f), 0.26f * s, col, 24, th);
      dl->AddLine(P(c, s, 0.12f, 0.12f), P(c, s, 0.38f, 0.38f), col, th * 1.5f);
      break;
    }
    case Icon::Star: {
      ImVec2 pts[10];
      for (int i = 0; i < 10; i++) {
        float a = -kPi / 2 + static_cast<float>(i) * kPi / 5;
        float r = (i % 2 == 0) ? 0.45f : 0.19f;
        pts[i] = P(c, s, r * std::cos(a), r * std::sin(a) + 0.04f);
      }
      dl->AddPolyline(pts, 10, col, ImDrawFlags_Closed, th);
      break;
    }
    case Icon::Hand: {  // raised hand: palm and fingers
      dl->AddRect(P(c, s, -0.22f, -0.05f), P(c, s, 0.22f, 0.4f), col, 0.12f * s, 0, th);
      for (int i = 0; i < 4; i++) {
        float x = -0.16f + 0.105f * static_cast<float>(i);
        dl->AddLine(P(c, s, x, -0.05f), P(c, s, x, -0.38f + (i == 0 || i == 3 ? 0.08f : 0.0f)), col, th);
      }
      dl->AddLine(P(c, s, -0.22f, 0.15f), P(c, s, -0.4f, -0.02f), col, th);
      break;
    }
    case Icon::Home: {
      dl->AddTriangle(P(c, s, -0.45f, -0.02f), P(c, s, 0.0f, -0.42f), P(c, s, 0.45f, -0.02f), col, th);
      dl->AddRect(P(c, s, -0.3f, -0.02f), P(c, s, 0.3f, 0.4f), col, 0.0f, 0, th);
      dl->AddRectFilled(P(c, s, -0.08f, 0.14f), P(c, s, 0.08f, 0.4f), col);
      break;
    }
    case Icon::Check: {
      dl->AddLine(P(c, s, -0.35f, 0.02f), P(c, s, -0.1f, 0.28f), col, th * 1.5f);
      dl->AddLine(P(c, s, -0.1f, 0.28f), P(c, s, 0.38f, -0.28f), col, th * 1.5f);
      break;
    }
    case Icon::Cross: {
      dl->AddLine(P(c, s, -0.3f, -0.3f), P(c, s, 0.3f, 0.3f), col, th * 1.5f);
      dl->AddLine(P(c, s, -0.3f, 0.3f), P(c, s, 0.3f, -0.3f), col, th * 1.5f);
      break;
    }
    case Icon::Globe: {
      dl->AddCircle(c, 0.42f * s, col, 32, th);
      ImVec2 e[24];
      for (int i = 0; i < 24; i++) {
        float a = static_cast<float>(i) * 2.0f * kPi / 24.0f;
        e[i] = P(c, s, 0.18f * std::cos(a), 0.42f * std::sin(a));
      }
      dl->AddPolyline(e, 24, col, ImDrawFlags_Closed, th);
      dl->AddLine(P(c, s, -0.42f, 0.0f), P(c, s, 0.42f, 0.0f), col, th);
      break;
    }
    case Icon::Delete: {  // backspace key
      dl->AddQuad(P(c, s, -0.2f, -0.26f), P(c, s, 0.42f, -0.26f), P(c, s, 0.42f, 0.26f), P(c, s, -0.2f, 0.26f), col, th);
      dl->AddLine(P(c, s, -0.2f, -0.26f), P(c, s, -0.45f, 0.0f), col, th);
      dl->AddLine(P(c, s, -0.45f, 0.0f), P(c, s, -0.2f, 0.26f), col, th);
      dl->AddLine(P(c, s, 0.0f, -0.12f), P(c, s, 0.24f, 0.12f), col, th);
      dl->AddLine(P(c, s, 0.0f, 0.12f), P(c, s, 0.24f, -0.12f), col, th);
      break;
    }
    case Icon::Signpost: {  // the Waymark: a post with two arrows
      dl->AddLine(P(c, s, 0.0f, -0.45f), P(c, s, 0.0f, 0.48f), col, th * 1.4f);
      dl->AddQuadFilled(P(c, s, -0.05f, -0.36f), P(c, s, 0.34f, -0.36f), P(c, s, 0.34f, -0.14f), P(c, s, -0.05f, -0.14f), col);
      dl->AddTriangleFilled(P(c, s, 0.34f, -0.4f), P(c, s, 0.48f, -0.25f), P(c, s, 0.34f, -0.1f), col);
      dl->AddQuadFilled(P(c, s, 0.05f, -0.04f), P(c, s, -0.3f, -0.04f), P(c, s, -0.3f, 0.16f), P(c, s, 0.05f, 0.16f), col);
      dl->AddTriangleFilled(P(c, s, -0.3f, -0.08f), P(c, s, -0.44f, 0.06f), P(c, s, -0.3f, 0.2f), col);
      break;
    }
    case Icon::List: {
      for (int i = 0; i < 3; i++) {
        float y = -0.25f + 0.25f * static_cast<float>(i);
        dl->AddCircleFilled(P(c, s, -0.32f, y), 0.06f * s, col);
        dl->AddLine(P(c, s, -0.16f, y), P(c, s, 0.4f, y), col, th);
      }
      break;
    }
    case Icon::Filter: {
      dl->AddTriangle(P(c, s, -0.42f, -0.32f), P(c, s, 0.42f, -0.32f), P(c, s, 0.0f, 0.12f), col, th);
      dl->AddLine(P(c, s, 0.0f, 0.12f), P(c, s, 0.0f, 0.4f), col, th * 1.4f);
      break;
    }
    case Icon::Send: {  // paper plane
      dl->AddTriangle(P(c, s, -0.42f, -0.05f), P(c, s, 0.44f, -0.38f), P(c, s, 0.0f, 0.42f), col, th);
      dl->AddLine(P(c, s, -0.05f, 0.08f), P(c, s, 0.44f, -0.38f), col, th);
      break;
    }
    case Icon::Clock: {
      dl->AddCircle(c, 0.42f * s, col, 32, th);
      dl->AddLine(c, P(c, s, 0.0f, -0.26f), col, th);
      dl->AddLine(c, P(c, s, 0.18f, 0.1f), col, th);
      break;
    }
    case Icon::Face1: face(dl, c, s, col, th, -1.0f); break;
    case Icon::Face2: face(dl, c, s, col, th, -0.5f); break;
    case Icon::Face3: face(dl, c, s, col, th, 0.0f); break;
    case Icon::Face4: face(dl, c, s, col, th, 0.6f); break;
    case Icon::Face5: face(dl, c, s, col, th, 1.2f); break;
    case Icon::Heart: {  // health
      dl->PathArcTo(P(c, s, -0.18f, -0.12f), 0.2f * s, kPi * 0.8f, kPi * 2.0f, 12);
      dl->PathArcTo(P(c, s, 0.18f, -0.12f), 0.2f * s, kPi, kPi * 2.2f, 12);
      dl->PathLineTo(P(c, s, 0.0f, 0.4f));
      dl->PathStroke(col, ImDrawFlags_Closed, th);
      break;
    }
    case Icon::People: {  // family: a grown-up and a child
      dl->AddCircle(P(c, s, -0.16f, -0.22f), 0.13f * s, col, 16, th);
      dl->PathArcTo(P(c, s, -0.16f, 0.38f), 0.26f * s, kPi, kPi * 2.0f, 12);
      dl->PathStroke(col, 0, th);
      dl->AddCircle(P(c, s, 0.24f, -0.02f), 0.1f * s, col, 16, th);
      dl->PathArcTo(P(c, s, 0.24f, 0.38f), 0.18f * s, kPi, kPi * 2.0f, 12);
      dl->PathStroke(col, 0, th);
      break;
    }
    case Icon::Coin: {  // money: a coin with a pound sign
      dl->AddCircle(c, 0.42f * s, col, 32, th);
      dl->PathArcTo(P(c, s, 0.04f, -0.1f), 0.13f * s, kPi * 0.1f, -kPi, 10);
      dl->PathLineTo(P(c, s, -0.09f, 0.24f));
      dl->PathLineTo(P(c, s, 0.18f, 0.24f));
      dl->PathStroke(col, 0, th);
      dl->AddLine(P(c, s, -0.2f, 0.04f), P(c, s, 0.06f, 0.04f), col, th);
      break;
    }
  }
}

}  // namespace waymark::ui
