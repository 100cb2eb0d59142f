// gateway/cli/cmd_roster.cpp: waymark-gateway workers, children, contacts and meetings: who is who on the
// gateway, which worker a child may message, and the planning meetings the wing's devices show.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "gateway/cli/commands.h"
#include "gateway/store/establishments.h"
#include "gateway/store/store.h"
#include "gateway/store/transfers.h"

namespace waymark::gateway::cli {

namespace {

int cmd_workers(const Args& a) {
  const std::string& sub = a.pos[1];
  if (!a.has("--data")) return usage_error("workers", "--data is required");
  auto db = open_or_fail(a);
  if (sub == "list") {
    for (const WorkerRow& w : list_workers(*db))
      std::printf("%lld\t%s\t%s\t%s%s\n", static_cast<long long>(w.id), w.name.c_str(), w.email.c_str(), w.org.c_str(),
                  w.active ? "" : "\t(inactive)");
    return 0;
  }
  if (a.get("--name").empty() || a.get("--email").empty() || a.get("--yot").empty())
    return usage_error("workers add", "--name, --email and --yot are required");
  std::string pw;
  if (a.has("--password-file")) {
    std::ifstream f(a.get("--password-file"));
    if (!f) return failed("workers add", "cannot read " + a.get("--password-file"));
    std::getline(f, pw);
  } else {
    std::getline(std::cin, pw);
  }
  try {
    const int64_t id = add_worker(*db, a.get("--name"), a.get("--email"), a.get("--yot"), pw, actor(), now_ms());
    std::printf("added worker %lld\n", static_cast<long long>(id));
  } catch (const std::invalid_argument& e) {
    return failed("workers add", e.what());
  }
  return 0;
}

int children_import(Db& db, const Args& a) {
  std::ifstream f(a.get("--csv"));
  if (!f) return failed("children import", "cannot read " + a.get("--csv"));
  std::stringstream ss;
  ss << f.rdbuf();
  ImportResult r = import_children_csv(db, ss.str(), actor(), now_ms(), a.get("--establishment"));
  for (const std::string& e : r.errors) std::fprintf(stderr, "%s\n", e.c_str());
  if (!r.errors.empty()) return failed("children import", "nothing imported");
  for (const auto& [n, p] : r.new_pins) std::printf("%s\tPIN %s\n", n.c_str(), p.c_str());
  std::printf("added %d, updated %d\n", r.added, r.updated);
  return 0;
}

// children transfer: the sending establishment's IT names itself with --establishment (only its own children).
int children_transfer(Db& db, const Args& a) {
  if (a.get("--child").empty() || a.get("--to").empty()) return usage_error("children transfer", "--child and --to are required");
  const TransferDone d = transfer_child(db, {a.get("--child"), a.get("--to"), a.get("--wing"), a.get("--establishment")}, actor(), now_ms());
  std::printf("child %s transferred from %s (wing %s) to %s (wing %s); the old kiosks remove them at their next sync\n",
              d.child.c_str(), d.from_code.c_str(), d.from_wing.c_str(), d.to_code.c_str(), d.to_wing.c_str());
  return 0;
}

int children_list(Db& db, const Args& a) {
  const std::string est = a.get("--establishment");
  if (!est.empty()) resolve_establishment(db, est);
  Stmt s(db,
         "SELECT ch.number, ch.first_name, e.code, ch.wing, coalesce(ch.release_date,''), coalesce(ch.release_la,''), ch.lang, "
         "ch.active FROM children ch JOIN establishments e ON e.id = ch.establishment_id WHERE (:all = 1 OR e.code = :e) "
         "ORDER BY ch.number");
  s.bind(":all", est.empty() ? 1 : 0).bind(":e", est);
  while (s.step())
    std::printf("%s\t%s\t%s\t%s\t%s\t%s\t%s%s\n", s.text(0).c_str(), s.text(1).c_str(), s.text(2).c_str(), s.text(3).c_str(),
                s.text(4).c_str(), s.text(5).c_str(), s.text(6).c_str(), s.i64(7) ? "" : "\t(inactive)");
  return 0;
}

int cmd_children(const Args& a) {
  const std::string& sub = a.pos[1];
  if (!a.has("--data")) return usage_error("children", "--data is required");
  auto db = open_or_fail(a);
  try {
    if (sub == "add") {
      ChildRow c{a.get("--number"), a.get("--first-name"), a.get("--dob"), a.get("--wing"), a.get("--release-date"),
                 a.get("--release-la"), a.has("--lang") ? a.get("--lang") : "en", true, a.get("--establishment")};
      if (get_child(*db, c.number)) check_child_in_scope(*db, c.establishment, c.number, actor(), now_ms());
      std::optional<std::string> pin;
      if (a.has("--pin")) pin = a.get("--pin");
      put_child(*db, c, pin, actor(), now_ms());
      std::printf("saved child %s\n", c.number.c_str());
      return 0;
    }
    if (sub == "import") return children_import(*db, a);
    if (sub == "transfer") return children_transfer(*db, a);
    return children_list(*db, a);
  } catch (const std::invalid_argument& e) {
    return failed("children " + sub, e.what());
  }
}

// --worker takes a worker's id or email.
int64_t worker_ref(Db& db, const std::string& v) {
  if (v.find('@') != std::string::npos) {
    auto w = worker_by_email(db, v);
    if (!w) throw std::invalid_argument("there is no worker " + v);
    return w->id;
  }
  try {
    return std::stoll(v);
  } catch (const std::exception&) {
    throw std::invalid_argument("--worker wants a worker id or email");
  }
}

int cmd_contacts(const Args& a) {
  const std::string& sub = a.pos[1];
  if (!a.has("--data") || a.get("--child").empty()) return usage_error("contacts", "--data and --child are required");
  auto db = open_or_fail(a);
  try {
    check_child_in_scope(*db, a.get("--establishment"), a.get("--child"), actor(), now_ms());  // establishment IT
    if (sub == "list") {
      for (const ContactRow& c : list_contacts(*db, a.get("--child")))
        std::printf("%lld\t%s\t%s\t%s\n", static_cast<long long>(c.worker_id), c.name.c_str(), c.org.c_str(),
                    c.allowed ? "allowed" : "revoked");
      return 0;
    }
    if (a.get("--worker").empty()) return usage_error("contacts", "--worker is required");
    set_contact(*db, a.get("--child"), worker_ref(*db, a.get("--worker")), sub == "allow", actor(), now_ms());
    std::printf("%s\n", sub == "allow" ? "allowed" : "revoked");
    return 0;
  } catch (const std::invalid_argument& e) {
    return failed("contacts " + sub, e.what());
  }
}

int cmd_meetings(const Args& a) {
  if (!a.has("--data")) return usage_error("meetings", "--data is required");
  auto db = open_or_fail(a);
  try {
    MeetingRow m{a.get("--id"), a.get("--child"), a.get("--kind"), a.get("--date"), a.get("--time"), a.get("--place"),
                 a.get("--with"), a.has("--cancelled")};
    std::printf("%s\n", put_meeting(*db, m, actor(), now_ms()).c_str());
  } catch (const std::invalid_argument& e) {
    return failed("meetings set", e.what());
  }
  return 0;
}

}  // namespace

const Command kWorkersCommand{
    "workers", "workers add|list --data DIR ...                      YOT workers",
    "usage: waymark-gateway workers add --data DIR --name NAME --email EMAIL --yot NAME [--password-file FILE]\n"
    "       waymark-gateway workers list --data DIR\n"
    "The password is read from FILE or from standard input (first line); it is stored only as an Argon2id hash.",
    {{.sub = "add", .options = {"--data", "--name", "--email", "--yot", "--password-file"}},
     {.sub = "list", .options = {"--data"}}},
    cmd_workers};

const Command kChildrenCommand{
    "children", "children add|import|list|transfer --data DIR ...     children",
    "usage: waymark-gateway children add --data DIR --number N --first-name NAME --wing WING [--dob YYYY-MM-DD]\n"
    "                                     [--release-date YYYY-MM-DD] [--release-la ONSCODE] [--lang en|cy] [--pin PIN]\n"
    "                                     [--establishment CODE]\n"
    "       waymark-gateway children import --data DIR --csv FILE [--establishment CODE]\n"
    "       waymark-gateway children list --data DIR [--establishment CODE]\n"
    "       waymark-gateway children transfer --data DIR --child N --to CODE [--wing WING] [--establishment CODE]\n"
    "CSV columns: number,first_name,dob,wing,release_date,release_la,lang (a header line is allowed).\n"
    "Import is all or nothing. New children get a random 4-digit PIN, printed once.\n"
    "--establishment: the establishment a new child joins (needed only when the wing does not say which); for an\n"
    "establishment's IT, only that establishment's children (naming another's is refused and audited).\n"
    "transfer moves a child to another establishment (--wing: needed when it has more than one). Their messages,\n"
    "meetings, plan and enquiries follow them to the new kiosks at the next sync; the old kiosks remove them once\n"
    "what is waiting there has reached the gateway; contacts stay. Audited on both sides.",
    {{.sub = "add",
      .options = {"--data", "--number", "--first-name", "--wing", "--dob", "--release-date", "--release-la", "--lang", "--pin",
                  "--establishment"}},
     {.sub = "import", .options = {"--data", "--csv", "--establishment"}},
     {.sub = "list", .options = {"--data", "--establishment"}},
     {.sub = "transfer", .options = {"--data", "--child", "--to", "--wing", "--establishment"}}},
    cmd_children};

const Command kContactsCommand{
    "contacts", "contacts allow|revoke|list --data DIR --child N ...  who a child may message",
    "usage: waymark-gateway contacts allow  --data DIR --child N --worker ID|EMAIL [--establishment CODE]\n"
    "       waymark-gateway contacts revoke --data DIR --child N --worker ID|EMAIL [--establishment CODE]\n"
    "       waymark-gateway contacts list   --data DIR --child N [--establishment CODE]\n"
    "Which workers a child may message. Changes reach the wing's devices at their next sync and are audited.\n"
    "With --establishment (an establishment's IT), a child of another establishment is refused and audited.",
    {{.sub = "allow", .options = {"--data", "--child", "--worker", "--establishment"}},
     {.sub = "revoke", .options = {"--data", "--child", "--worker", "--establishment"}},
     {.sub = "list", .options = {"--data", "--child", "--establishment"}}},
    cmd_contacts};

const Command kMeetingsCommand{
    "meetings", "meetings set --data DIR --child N ...                planning meetings",
    "usage: waymark-gateway meetings set --data DIR --child N --kind KIND --date YYYY-MM-DD [--time HH:MM]\n"
    "                                      [--place TEXT] [--with TEXT] [--id ID] [--cancelled]\n"
    "Adds a meeting (or changes the one with --id). It reaches the wing's devices at their next sync.",
    {{.sub = "set", .options = {"--data", "--child", "--kind", "--date", "--time", "--place", "--with", "--id"}, .flags = {"--cancelled"}}},
    cmd_meetings};

}  // namespace waymark::gateway::cli
