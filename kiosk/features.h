// kiosk/features.h: the parts of the kiosk behind the home tiles. Each feature registers its route here,
// in kiosk/features.cpp (one line each), so parts can be built side by side without touching the app.
#pragma once

namespace waymark::kiosk {
class App;
void register_features(App& app);
}  // namespace waymark::kiosk
