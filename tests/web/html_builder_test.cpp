// tests/web/html_builder_test.cpp: the HTML builder every web page is written with (gateway/web/html_builder.h):
// literals are markup, every other string is escaped, and the JSON a child sent comes out escaped at any depth.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <type_traits>

#include "gateway/web/html.h"

using namespace waymark::gateway;
using namespace waymark::gateway::web;
using nlohmann::json;

namespace {

const std::string kAttack = R"a(<b onclick="x('y')">&</b>)a";
const std::string kEscaped = "&lt;b onclick=&quot;x(&#39;y&#39;)&quot;&gt;&amp;&lt;/b&gt;";

// Only a literal is markup: a string made at run time cannot become one (Markup's constructor is consteval
// and takes no std::string), and Html has no constructor from a string either.
static_assert(!std::is_constructible_v<Markup, std::string>);
static_assert(!std::is_constructible_v<Markup, std::string_view>);
static_assert(!std::is_convertible_v<std::string, Html>);
static_assert(!std::is_convertible_v<const char*, Html>);

TEST(HtmlBuilder, LiteralsAreMarkupAndEveryOtherStringIsEscaped) {
  const std::string s = kAttack;
  const std::string_view sv = kAttack;
  const char* p = kAttack.c_str();  // a char pointer known only at run time
  Html h;
  h << "<p class=\"x\">" << s << "|" << sv << "|" << p << "</p>";
  EXPECT_EQ(h.str(), "<p class=\"x\">" + kEscaped + "|" + kEscaped + "|" + kEscaped + "</p>");
}

TEST(HtmlBuilder, TernariesOfLiteralsAreTextNotMarkup) {
  const bool yes = std::string("a").size() == 1;  // known only at run time
  Html h;
  h << (yes ? "\"<i>" : "");
  EXPECT_EQ(h.str(), "&quot;&lt;i&gt;");  // a runtime choice between literals is a char pointer: escaped
  Html k;
  k << (yes ? Html("<i>") : Html());  // the way to choose markup
  EXPECT_EQ(k.str(), "<i>");
}

TEST(HtmlBuilder, HtmlAppendsAsItIsAndIsNotEscapedTwice) {
  Html inner;
  inner << "<em>" << kAttack << "</em>";
  Html outer;
  outer << "<p>" << inner << "</p>";
  EXPECT_EQ(outer.str(), "<p><em>" + kEscaped + "</em></p>");
  EXPECT_EQ(Html::text(kAttack).str(), kEscaped);
}

TEST(HtmlBuilder, NumbersAreWritten) {
  Html h;
  h << 42 << " " << int64_t{-7} << " " << size_t{3};
  EXPECT_EQ(h.str(), "42 -7 3");
}

TEST(HtmlBuilder, RawIsTheOnlyWayToTrustAString) {
  EXPECT_EQ(raw("<hr>").str(), "<hr>");
  EXPECT_TRUE(Html().empty());
}

TEST(HtmlBuilder, JsonFromAChildIsEscapedKeysAndValuesAtAnyDepth) {
  json deep = kAttack;
  for (int i = 0; i < 20; i++) deep = json::array({deep});
  const json body{{kAttack, kAttack}, {"list", json::array({kAttack, 3, true, nullptr})}, {"deep", deep}};
  const std::string out = render_value(body).str();
  EXPECT_EQ(out.find("<b"), std::string::npos) << out;
  EXPECT_NE(out.find(kEscaped), std::string::npos) << out;
  EXPECT_NE(out.find("<li>Yes</li>"), std::string::npos) << out;
  EXPECT_NE(out.find("<li>—</li>"), std::string::npos) << out;
  // Past the depth limit the rest is shown as escaped JSON text, not more markup.
  EXPECT_NE(out.find("[[&quot;&lt;b"), std::string::npos) << out;
}

TEST(HtmlBuilder, JsonWithBrokenUtf8DoesNotThrow) {
  json deep = std::string("\xff\xfe<");
  for (int i = 0; i < 10; i++) deep = json::array({deep});
  std::string out;
  EXPECT_NO_THROW(out = render_value(deep).str());
  EXPECT_EQ(out.find("<\""), std::string::npos);
}

TEST(HtmlBuilder, ThePageFrameEscapesTitleNameAndEstablishment) {
  WebSession s;
  s.who.name = kAttack;
  s.who.org_or_role = kAttack;
  s.csrf = kAttack;
  const std::string out = page(Frame{kAttack, s, kAttack}, Html("<h1>Hi</h1>")).str();
  EXPECT_EQ(out.find("<b "), std::string::npos);
  EXPECT_NE(out.find("<title>" + kEscaped + " – Waymark</title>"), std::string::npos);
  EXPECT_NE(out.find("Waymark · " + kEscaped + "</a>"), std::string::npos);
  EXPECT_NE(out.find("name=\"csrf\" value=\"" + kEscaped + "\""), std::string::npos);
  EXPECT_NE(out.find("<main id=\"main\"><h1>Hi</h1></main>"), std::string::npos);
  EXPECT_NE(problems_notice({kAttack}).str().find("<li>" + kEscaped + "</li>"), std::string::npos);
}

}  // namespace
