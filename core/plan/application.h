// core/plan/application.h: where a child's "I'm interested" enquiry has got to, as the YOT worker sets it on the
// web inbox and the kiosk shows it on the listing, in My list and (once a place is confirmed) in the plan's
// education, training and employment pathway. Carried by the `application` feed change (core/sync/wire.h).
#pragma once

#include <optional>
#include <string_view>

namespace waymark::plan {

enum class ApplicationState { FindingOut, ApplicationSent, Interview, PlaceOffered, PlaceConfirmed, NotThisTime };
// "finding_out", "application_sent", "interview", "place_offered", "place_confirmed", "not_this_time"
const char* application_state_code(ApplicationState s);
std::optional<ApplicationState> parse_application_state(std::string_view code);

inline constexpr size_t kMaxReasonChars = 300;  // a kind reason for "not this time", in code points

}  // namespace waymark::plan
