#include "kiosk/features.h"

#include "kiosk/app.h"
#include "kiosk/courses/courses_feature.h"
#include "kiosk/courses/staff_listings.h"

namespace waymark::kiosk {

void register_features(App& app) {
  // Routes without a feature show "Coming soon": "courses", "myviews", "messages", "meetings".
  // Add one line per feature: app.add_feature("courses", std::make_unique<CoursesFeature>());
  app.add_feature("courses", std::make_unique<CoursesFeature>());
  // Staff-mode parts: one line each; a button on the staff menu opens the route.
  app.add_staff_feature("staff-listings", "staff.listings.part", ui::Icon::Course, std::make_unique<StaffListingsFeature>());
}

}  // namespace waymark::kiosk
