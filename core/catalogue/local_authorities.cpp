// The England and Wales local-authority table: reading and writing its CSV, storing it, distances between areas.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>

#include "core/base/csv.h"
#include "core/catalogue/catalogue.h"

namespace waymark {

double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kR = 6371.0;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kRad;
  const double dlon = (lon2 - lon1) * kRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kR * std::asin(std::min(1.0, std::sqrt(a)));
}

namespace {
bool valid_la_code(std::string_view c) {
  if (c.size() != 9 || (c[0] != 'E' && c[0] != 'W')) return false;
  for (size_t i = 1; i < 9; i++)
    if (!std::isdigit(static_cast<unsigned char>(c[i]))) return false;
  return true;
}

bool parse_double(const std::string& s, double& v) {
  if (s.empty() || s.size() > 32) return false;
  char* end = nullptr;
  v = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(v);
}
}  // namespace

bool parse_la_csv(std::string_view text, std::vector<LocalAuthority>& out, std::string* error) {
  auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return false;
  };
  CsvResult csv = parse_csv(text);
  if (!csv.error.empty()) return fail(csv.error);
  if (csv.rows.empty()) return fail("the local-authority table is empty");
  const auto& h = csv.rows[0].fields;
  const int c_code = csv_column(h, "code"), c_en = csv_column(h, "name_en"), c_cy = csv_column(h, "name_cy"),
            c_reg = csv_column(h, "region"), c_lat = csv_column(h, "lat"), c_lon = csv_column(h, "lon");
  if (c_code < 0 || c_en < 0 || c_cy < 0 || c_reg < 0 || c_lat < 0 || c_lon < 0)
    return fail("line 1: the header must have code,name_en,name_cy,region,lat,lon");
  out.clear();
  std::map<std::string, size_t> seen;
  for (size_t r = 1; r < csv.rows.size(); r++) {
    const CsvRow& row = csv.rows[r];
    const std::string at = "line " + std::to_string(row.line) + ": ";
    if (row.fields.size() != h.size()) return fail(at + "has " + std::to_string(row.fields.size()) + " columns, the header has " + std::to_string(h.size()));
    LocalAuthority la;
    la.code = row.fields[static_cast<size_t>(c_code)];
    la.name_en = row.fields[static_cast<size_t>(c_en)];
    la.name_cy = row.fields[static_cast<size_t>(c_cy)];
    la.region = row.fields[static_cast<size_t>(c_reg)];
    if (!valid_la_code(la.code)) return fail(at + "\"" + la.code + "\" is not an England or Wales ONS code");
    if (seen.count(la.code)) return fail(at + la.code + " is listed twice");
    if (la.name_en.empty() || la.name_en.size() > 100) return fail(at + "the English name is missing or too long");
    if (!parse_double(row.fields[static_cast<size_t>(c_lat)], la.lat) || la.lat < 49 || la.lat > 61)
      return fail(at + "the latitude is not a number inside Great Britain");
    if (!parse_double(row.fields[static_cast<size_t>(c_lon)], la.lon) || la.lon < -9 || la.lon > 3)
      return fail(at + "the longitude is not a number inside Great Britain");
    seen[la.code] = r;
    out.push_back(std::move(la));
  }
  if (out.empty()) return fail("the local-authority table has no rows");
  return true;
}

std::string la_csv(const std::vector<LocalAuthority>& las) {
  std::string out = "code,name_en,name_cy,region,lat,lon\n";
  char buf[64];
  for (const auto& la : las) {
    std::snprintf(buf, sizeof buf, "%.6f", la.lat);
    std::string lat = buf;
    std::snprintf(buf, sizeof buf, "%.6f", la.lon);
    out += csv_line({la.code, la.name_en, la.name_cy, la.region, lat, buf});
  }
  return out;
}

void replace_local_authorities(Db& db, const std::vector<LocalAuthority>& las) {
  require_transaction(db, "replace_local_authorities");
  db.exec("DELETE FROM local_authorities");
  Stmt s(db, "INSERT INTO local_authorities(code, name_en, name_cy, region, lat, lon) VALUES(:c, :en, :cy, :r, :lat, :lon)");
  for (const auto& la : las) {
    s.reset();
    s.bind(":c", la.code).bind(":en", la.name_en).bind(":cy", la.name_cy).bind(":r", la.region);
    s.bind(":lat", la.lat).bind(":lon", la.lon).run();
  }
}

namespace {
LocalAuthority read_la(Stmt& s) {
  return LocalAuthority{s.text(0), s.text(1), s.text(2), s.text(3), s.f64(4), s.f64(5)};
}
}  // namespace

std::optional<LocalAuthority> la_get(Db& db, const std::string& code) {
  Stmt s(db, "SELECT code, name_en, name_cy, region, lat, lon FROM local_authorities WHERE code = :c");
  s.bind(":c", code);
  if (!s.step()) return std::nullopt;
  return read_la(s);
}

// ---------------------------------------------------------------- the table compiled in
extern const char* const kLocalAuthoritiesCsv;  // generated from assets/la (see CMakeLists.txt)

const std::vector<LocalAuthority>& builtin_local_authorities() {
  static const std::vector<LocalAuthority> table = [] {
    std::vector<LocalAuthority> out;
    std::string err;
    if (!parse_la_csv(kLocalAuthoritiesCsv, out, &err)) throw std::logic_error("assets/la/local_authorities.csv: " + err);
    return out;
  }();
  return table;
}

std::string builtin_la_name(std::string_view code, std::string_view lang) {
  for (const LocalAuthority& la : builtin_local_authorities())
    if (la.code == code) return la.name(lang);
  return {};
}

std::vector<LocalAuthority> la_all(Db& db) {
  std::vector<LocalAuthority> out;
  Stmt s(db, "SELECT code, name_en, name_cy, region, lat, lon FROM local_authorities ORDER BY code");
  while (s.step()) out.push_back(read_la(s));
  return out;
}

}  // namespace waymark
