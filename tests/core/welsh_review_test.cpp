// The Welsh a fluent reviewer corrected (../shared/domain/welsh-review-2026-12.md, December 2026): each fixed
// string stays fixed. The table holds the corrected Welsh and why, so a later edit that brings an error back
// fails here with the reason beside it.
#include <gtest/gtest.h>

#include "core/i18n/i18n.h"

namespace waymark {
namespace {

struct Fixed {
  const char* id;
  const char* welsh;
  const char* why;
};

constexpr Fixed kFixed[] = {
    // definite errors
    {"meetings.and_you", "A thi!", "aspirate mutation after a: a + ti = a thi"},
    {"messages.state.sent", "Wedi'i hanfon", "neges is feminine: ei + vowel = hanfon (as Wedi'i darllen)"},
    {"catalogue.search.placeholder", "Teipia i chwilio, er enghraifft: brics", "a Welsh example word, not English"},
    {"catalogue.weekday.0", "ddydd Llun", "soft mutation of an adverbial time phrase: Yn dechrau ddydd Llun"},
    {"catalogue.weekday.1", "ddydd Mawrth", "as above"},
    {"catalogue.weekday.2", "ddydd Mercher", "as above"},
    {"catalogue.weekday.3", "ddydd Iau", "as above"},
    {"catalogue.weekday.4", "ddydd Gwener", "as above"},
    {"catalogue.weekday.5", "ddydd Sadwrn", "as above"},
    {"catalogue.weekday.6", "ddydd Sul", "as above"},
    // unnatural or ambiguous
    {"myviews.review.skipped", "Rwyt ti wedi neidio dros hwn.", "Wnest ti ... reads as a question"},
    {"myviews.skipped_note", "Rwyt ti wedi neidio dros hwn. Gelli di ateb o hyd.", "Wnest ti ... reads as a question"},
    {"help.topic2.body",
     "Tapia Allgofnodi pan fyddi di'n gorffen. Os wyt ti'n cerdded i ffwrdd, bydd Waymark yn dy allgofnodi ar ei ben "
     "ei hun. Mae popeth wnest ti ei ysgrifennu wedi'i gadw'n saff.",
     "everyday forms, and the English's 'by itself'"},
    {"catalogue.in_english", "Yn Saesneg", "a bare Saesneg reads as the subject English"},
    {"listing.state.delivered", "Mae dy weithiwr YOT wedi'i gael", "natural word order, as the next state"},
    {"meetings.purpose.pre_release",
     "Byddi di'n cynllunio ble byddi di'n byw a beth fyddi di'n ei wneud pan fyddi di'n gadael.",
     "gadael for get out, as in every other string"},
    {"myviews.error.send", "Wnaeth e ddim mynd. Rho gynnig arall arni, neu dyweda wrth y staff.", "anfon needs an object"},
    {"catalogue.filters.level.1", "Dechreuwyr (hyd at lefel 1)", "Starter, not the verb Start"},
    {"fatal.title", "Mae angen ychydig o drwsio ar y sgrin hon", "keeps the reassuring 'quick'"},
    {"settings.lead",
     "Newid sut mae Waymark yn edrych ac yn swnio. Rydyn ni'n cadw dy ddewisiadau ar gyfer y tro nesaf.",
     "choices are plural; tan sounds as if they stop"},
    {"settings.calm", "Sgrin lonydd", "tawel first means quiet; the setting stops movement"},
    {"meetings.who", "Pwy sydd wedi cael gwahoddiad", "who is invited, not who is coming"},
    {"listing.state.waiting.help", "Bydd yn mynd at dy weithiwr YOT y tro nesaf y gall y sgrin hon anfon.",
     "nesaf, as in the other strings"},
    // staff
    {"staff.publish.no_key",
     "Does dim allwedd curadur ar y ddyfais hon, felly all hi ddim cyhoeddi. Mae cyhoeddi'n digwydd ar gyfrifiadur y "
     "swyddfa addysg (waymark-kiosk --windowed --curator-key FILE).",
     "the education office's PC needs the article"},
    {"staff.edit.safe",
     "Gwiriad diogelwch: heb ganfod cyfeiriadau gwe, cyfeiriadau e-bost, rhifau ffôn, enwau na chyfeiriadau stryd.",
     "a check's result, not a rule"},
    {"staff.listings.tab.counts", "Cadw a gofyn", "matches the row text"},
};

TEST(WelshReview, EveryCorrectedStringStaysCorrected) {
  Strings s;
  std::string err;
  ASSERT_TRUE(s.load(std::string(WAYMARK_SOURCE_ASSETS) + "/strings", &err)) << err;
  for (const Fixed& f : kFixed) {
    ASSERT_TRUE(s.has("cy", f.id)) << f.id;
    EXPECT_EQ(s.get("cy", f.id), f.welsh) << f.id << ": " << f.why;
  }
}

TEST(WelshReview, EachLanguageHasItsOwnSearchExample) {
  Strings s;
  std::string err;
  ASSERT_TRUE(s.load(std::string(WAYMARK_SOURCE_ASSETS) + "/strings", &err)) << err;
  const std::string en = s.get("en", "catalogue.search.placeholder");
  const std::string cy = s.get("cy", "catalogue.search.placeholder");
  const std::string en_word = en.substr(en.rfind(' ') + 1);
  const std::string cy_word = cy.substr(cy.rfind(' ') + 1);
  EXPECT_NE(en_word, cy_word) << "the Welsh search box's example word is the English one";
}

}  // namespace
}  // namespace waymark
