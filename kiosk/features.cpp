#include "kiosk/features.h"

#include "kiosk/app.h"
#include "kiosk/messages/messages_feature.h"

namespace waymark::kiosk {

void register_features(App& app) {
  // Routes without a feature show "Coming soon": "courses", "myviews", "messages", "meetings".
  // Add one line per feature: app.add_feature("courses", std::make_unique<CoursesFeature>());
  app.add_feature("messages", std::make_unique<MessagesFeature>());
}

}  // namespace waymark::kiosk
