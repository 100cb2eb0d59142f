#include "core/base/csv.h"

#include <cctype>

namespace waymark {

CsvResult parse_csv(std::string_view text, const CsvLimits& lim) {
  CsvResult r;
  size_t i = 0;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  size_t line = 1;
  const size_t n = text.size();
  while (i < n) {
    CsvRow row;
    row.line = line;
    std::string field;
    bool row_done = false;
    bool any = false;  // the row has content (a blank line is skipped)
    while (!row_done) {
      field.clear();
      if (i < n && text[i] == '"') {
        any = true;
        i++;
        const size_t start_line = line;
        bool closed = false;
        while (i < n) {
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c == '\n') line++;
          field += c;
          i++;
          if (field.size() > lim.max_field_bytes) {
            r.error = "line " + std::to_string(start_line) + ": a field is longer than " +
                      std::to_string(lim.max_field_bytes) + " bytes";
            return r;
          }
        }
        if (!closed) {
          r.error = "line " + std::to_string(start_line) + ": a quoted field is never closed";
          return r;
        }
        if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          r.error = "line " + std::to_string(line) + ": text after a closing quote (a quote inside a field must be doubled)";
          return r;
        }
      } else {
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"') {
            r.error = "line " + std::to_string(line) + ": a quote in the middle of an unquoted field";
            return r;
          }
          field += text[i++];
          if (field.size() > lim.max_field_bytes) {
            r.error = "line " + std::to_string(line) + ": a field is longer than " + std::to_string(lim.max_field_bytes) + " bytes";
            return r;
          }
        }
        if (!field.empty()) any = true;
      }
      row.fields.push_back(field);
      if (row.fields.size() > lim.max_fields) {
        r.error = "line " + std::to_string(row.line) + ": more than " + std::to_string(lim.max_fields) + " columns";
        return r;
      }
      if (i >= n) {
        row_done = true;
      } else if (text[i] == ',') {
        any = true;
        i++;
      } else {  // \r\n, \n or a lone \r
        if (text[i] == '\r') {
          i++;
          if (i < n && text[i] == '\n') i++;
        } else {
          i++;
        }
        line++;
        row_done = true;
      }
    }
    if (any) {
      if (r.rows.size() >= lim.max_rows) {
        r.error = "more than " + std::to_string(lim.max_rows) + " rows";
        return r;
      }
      r.rows.push_back(std::move(row));
    }
  }
  return r;
}

std::string csv_field(std::string_view v) {
  bool quote = v.empty() ? false : (v.front() == ' ' || v.back() == ' ');
  // A field starting with a byte-order mark, first in a file, would be taken for the file's own (fuzz_csv).
  if (v.substr(0, 3) == "\xEF\xBB\xBF") quote = true;
  for (char c : v)
    if (c == ',' || c == '"' || c == '\n' || c == '\r') quote = true;
  if (!quote) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_line(const std::vector<std::string>& fields) {
  // One empty field alone would be a blank line, which the reader skips: quote it (found by fuzz_csv).
  if (fields.size() == 1 && fields[0].empty()) return "\"\"\n";
  std::string out;
  for (size_t k = 0; k < fields.size(); k++) {
    if (k) out += ',';
    out += csv_field(fields[k]);
  }
  out += '\n';
  return out;
}

int csv_column(const std::vector<std::string>& header, std::string_view name) {
  for (size_t k = 0; k < header.size(); k++) {
    const std::string& h = header[k];
    if (h.size() != name.size()) continue;
    bool same = true;
    for (size_t j = 0; j < h.size() && same; j++)
      same = std::tolower(static_cast<unsigned char>(h[j])) == std::tolower(static_cast<unsigned char>(name[j]));
    if (same) return static_cast<int>(k);
  }
  return -1;
}

}  // namespace waymark
