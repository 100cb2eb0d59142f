// gateway/web/html_builder.h: the one way web pages are written, so escaping cannot be forgotten.
//
// `Html` is markup the gateway trusts. Appending to it with << takes three kinds of thing:
//  - a string literal written in the source ("<h1>"): markup, because the programmer wrote it. A literal is
//    checked at compile time (Markup's consteval constructor), so a string only known at run time cannot pass
//    for one: it does not compile;
//  - any other text (std::string, std::string_view, a char pointer): always escaped, wherever it came from;
//  - another Html, or a number.
// Markup built at run time from trusted pieces is another Html; `raw()` is the one named way to trust a string
// (for example markup that came out of another Html), and should be rare enough to review each use.
//
//   Html b;
//   b << "<h1>" << child.first_name << "</h1>";        // first_name is escaped
//   b << "<a href=\"/children/" << number << "\">";     // attribute values too (quotes are escaped)
#pragma once

#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>

namespace waymark::gateway {

// HTML-escapes text for element content and attribute values (& < > " ').
std::string html_escape(std::string_view s);

namespace web {

// A string literal: markup the programmer wrote. Only a constant expression can make one.
class Markup {
 public:
  consteval Markup(const char* s) : s_(s) {}  // NOLINT(google-explicit-constructor): literals convert on purpose
  const char* c_str() const { return s_; }

 private:
  const char* s_;
};

// Text that is escaped when appended: anything string-like that is not a literal.
template <class T>
concept Text = std::convertible_to<const T&, std::string_view> && !std::is_array_v<T>;

class Html {
 public:
  Html() = default;
  Html(Markup m) : s_(m.c_str()) {}  // NOLINT(google-explicit-constructor)

  // Trusts `markup` as it is. Every use is a place to review.
  static Html raw(std::string markup) {
    Html h;
    h.s_ = std::move(markup);
    return h;
  }
  // `text`, escaped, as markup.
  template <Text T>
  static Html text(const T& t) {
    Html h;
    h << t;
    return h;
  }

  Html& operator<<(Markup m) {
    s_ += m.c_str();
    return *this;
  }
  Html& operator<<(const Html& h) {
    s_ += h.s_;
    return *this;
  }
  template <Text T>
  Html& operator<<(const T& t) {
    s_ += html_escape(std::string_view(t));
    return *this;
  }
  template <std::integral I>
    requires(!std::same_as<I, bool> && !std::same_as<I, char>)
  Html& operator<<(I n) {
    s_ += std::to_string(n);
    return *this;
  }

  const std::string& str() const { return s_; }
  bool empty() const { return s_.empty(); }

 private:
  std::string s_;
};

// Markup for the one place a string is trusted as it is; see Html::raw.
inline Html raw(std::string markup) { return Html::raw(std::move(markup)); }

}  // namespace web
}  // namespace waymark::gateway
