// tests/core/builtin_la_and_safety_test.cpp: what the gateway borrows from core/catalogue for "My plan": the
// local-authority table compiled in (areas by name, never by ONS code) and the curation safety check on any text.
#include <gtest/gtest.h>

#include "core/catalogue/catalogue.h"
#include "core/catalogue/curation.h"

using namespace waymark;

TEST(BuiltinLocalAuthorities, NamesAnAreaFromTheTableTheKiosksUse) {
  EXPECT_GT(builtin_local_authorities().size(), 300u);
  EXPECT_EQ(builtin_la_name("E08000035"), "Leeds");
  EXPECT_EQ(builtin_la_name("W06000015"), "Cardiff");
  EXPECT_EQ(builtin_la_name("W06000015", "cy"), "Caerdydd");
  EXPECT_EQ(builtin_la_name("E08000035", "cy"), "Leeds");  // no Welsh name: the English one
  EXPECT_EQ(builtin_la_name("E99999999"), "");
  EXPECT_EQ(builtin_la_name(""), "");
}

TEST(SafetyCheckText, FlagsAddressesNumbersAndEmailsInAnyText) {
  const auto what = [](const std::string& text) {
    std::string out;
    for (const SafetyFlag& f : safety_check_text("goal", text)) out += f.what + ";";
    return out;
  };
  EXPECT_EQ(what("I will live with my aunt in Leeds."), "");
  EXPECT_NE(what("I will live at 12 Acacia Avenue.").find("a street address"), std::string::npos);
  EXPECT_NE(what("Ring 0113 496 0000 on Monday").find("a phone number"), std::string::npos);
  EXPECT_NE(what("Email sam@leeds-yot.example").find("an email address"), std::string::npos);
  EXPECT_NE(what("Bydda i'n byw yn 12 Heol y Frenhines").find("a street address"), std::string::npos);
  const auto flags = safety_check_text("now", "Call 0113 496 0000");
  ASSERT_FALSE(flags.empty());
  EXPECT_EQ(flags[0].field, "now");
}
