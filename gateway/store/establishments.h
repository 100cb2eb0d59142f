// gateway/store/establishments.h: the establishments one gateway serves (YOIs, STCs, secure children's homes),
// their wings, and which one an admin command or an account acts on. Children, devices, enrolment codes,
// security staff and wing-scoped feed changes each belong to one establishment (gateway migration 107).
//
// Index
//  - codes and rows : check a code, list, find by code or id, add an establishment or a wing
//  - resolve        : the establishment a command means (--establishment, or the only one, or the wing's)
//  - scope checks   : an establishment-scoped actor naming another establishment's child or device is refused
//                     and audited
// Refusals are std::invalid_argument with plain words; writers open their own transaction and audit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/storage/db.h"

namespace waymark::gateway {

struct Establishment {
  int64_t id = 0;
  std::string code;                // "BRK"
  std::string name;                // "Brookfield YOI"
  std::vector<std::string> wings;  // in name order
};

// ---------------------------------------------------------------- codes and rows
// 2 to 12 capital letters and digits, like BRK. Throws std::invalid_argument with plain words.
void check_establishment_code(const std::string& code);
std::vector<Establishment> list_establishments(Db& db);
std::optional<Establishment> establishment_by_code(Db& db, const std::string& code);
std::optional<Establishment> establishment_by_id(Db& db, int64_t id);
// Adds an establishment with its wings (at least one). Returns its id.
int64_t add_establishment(Db& db, const std::string& code, const std::string& name,
                          const std::vector<std::string>& wings, const std::string& actor, int64_t now_ms);
// Adds a wing to an existing establishment (a wing already there is not an error).
void add_wing(Db& db, const std::string& code, const std::string& wing, const std::string& actor, int64_t now_ms);
// The first establishment (id 1), made or renamed by `init`. Inside the caller's transaction.
void put_home_establishment(Db& db, const std::string& name, const std::string& code, int64_t now_ms);
// Inside the caller's transaction: the wing is known to the establishment from now on.
void note_wing(Db& db, int64_t establishment_id, const std::string& wing);

// ---------------------------------------------------------------- resolve
// The establishment a command acts on: `code` when given (refused when unknown); otherwise the only
// establishment, or the one establishment that has `wing`; otherwise a refusal asking for --establishment.
Establishment resolve_establishment(Db& db, const std::string& code, const std::string& wing = {});

// ---------------------------------------------------------------- scope checks
// The establishment a child belongs to (any child, active or not); std::nullopt for an unknown child.
std::optional<int64_t> child_establishment(Db& db, const std::string& child);
// For an actor scoped to `scope` (empty: the whole gateway, nothing is checked): refuses, and audits the
// refusal in its own transaction, a child of another establishment. The words are those of an unknown child,
// so a refusal says nothing about who is where.
void check_child_in_scope(Db& db, const std::string& scope, const std::string& child, const std::string& actor,
                          int64_t now_ms);
void check_device_in_scope(Db& db, const std::string& scope, const std::string& device_id, const std::string& actor,
                           int64_t now_ms);

}  // namespace waymark::gateway
