// tests/core/catalogue_fixture.h: a fresh in-memory device database with a few real local authorities
// (centroids from the ONS May 2024 table) and helpers to make listings.
#pragma once

#include <gtest/gtest.h>

#include "core/accounts/accounts.h"
#include "core/catalogue/catalogue.h"
#include "core/storage/db.h"
#include "core/storage/migrations.h"

namespace waymark::test {

inline constexpr const char* kLeeds = "E08000035";
inline constexpr const char* kBradford = "E08000032";
inline constexpr const char* kWakefield = "E08000036";
inline constexpr const char* kCardiff = "W06000015";
inline constexpr const char* kNewport = "W06000022";
inline constexpr const char* kPlymouth = "E06000026";

inline std::vector<LocalAuthority> test_las() {
  return {
      {kLeeds, "Leeds", "", "Yorkshire and The Humber", 53.822731, -1.507360},
      {kBradford, "Bradford", "", "Yorkshire and The Humber", 53.852360, -1.838120},
      {kWakefield, "Wakefield", "", "Yorkshire and The Humber", 53.652100, -1.411680},
      {kCardiff, "Cardiff", "Caerdydd", "Wales", 51.502541, -3.222090},
      {kNewport, "Newport", "Casnewydd", "Wales", 51.581390, -2.948390},
      {kPlymouth, "Plymouth", "", "South West", 50.404930, -4.112370},
  };
}

class CatalogueDb : public ::testing::Test {
protected:
  void SetUp() override {
    db = std::make_unique<Db>(":memory:");
    migrate(*db, device_migrations());
    Txn t(*db);
    replace_local_authorities(*db, test_las());
    t.commit();
  }

  static Listing make(const std::string& id, const std::string& la, const std::string& start,
                      const std::string& kind = "course", const std::string& title = "Bricklaying for beginners") {
    Listing l;
    l.id = id;
    l.kind = kind;
    l.title = title;
    l.provider = "Leeds City College";
    l.la_code = la;
    l.place = "Somewhere";
    l.start_date = start;
    l.duration = "1 year";
    l.requirements = "No exams needed.";
    l.summary = "Learn to lay bricks and blocks in the college workshop.";
    l.level = 1;
    l.interest = "building";
    l.expires = "2026-12-31";
    l.status = "approved";
    l.origin = "pack";
    return l;
  }

  void put(const Listing& l) {
    Txn t(*db);
    listing_put(*db, l);
    t.commit();
  }

  std::unique_ptr<Db> db;
};

}  // namespace waymark::test
