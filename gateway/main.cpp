// waymark-gateway: the establishment's sync gateway and its admin commands (docs/sync-protocol.md).
//   waymark-gateway COMMAND --data DIR [options]      every command takes --help; exit 0 ok, 1 failed, 2 usage
#include <signal.h>
#include "core/base/clock.h"
#include <unistd.h>

#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/storage/db.h"
#include "gateway/store/packs.h"
#include "gateway/net/server.h"
#include "gateway/store/store.h"
#include "gateway/net/tls.h"
#include "gateway/store/web_accounts.h"

using namespace waymark;
using namespace waymark::gateway;

namespace {

int64_t now_ms() { return wall_now_ms(); }

struct Args {
  std::vector<std::string> pos;
  std::vector<std::pair<std::string, std::string>> opts;
  bool help = false;
  std::string get(const std::string& k) const {
    for (const auto& [a, b] : opts)
      if (a == k) return b;
    return {};
  }
  bool has(const std::string& k) const {
    for (const auto& [a, b] : opts)
      if (a == k) return true;
    return false;
  }
};

std::string actor() {
  const char* u = std::getenv("SUDO_USER");
  if (!u) u = std::getenv("USER");
  return std::string("admin:") + (u ? u : "unknown");
}

int usage_error(const std::string& cmd, const std::string& msg) {
  std::fprintf(stderr, "waymark-gateway %s: %s (see --help)\n", cmd.c_str(), msg.c_str());
  return 2;
}

std::unique_ptr<Db> open_or_fail(const Args& a) { return open_gateway(a.get("--data")); }

// ---------------------------------------------------------------- commands
int cmd_init(const Args& a) {
  if (a.help) {
    std::puts("usage: waymark-gateway init --data DIR --establishment NAME [--host NAME]... [--cert FILE --key FILE]\n"
              "Creates the gateway's database, a new P-256 key and a self-signed certificate (for localhost,\n"
              "127.0.0.1 and each --host), or installs the establishment's own PEM certificate and key.\n"
              "Safe to run again: an existing key is kept unless --cert and --key are given. Prints the key pin last.");
    return 0;
  }
  if (!a.has("--data") || a.get("--establishment").empty()) return usage_error("init", "--data and --establishment are required");
  const std::string dir = a.get("--data");
  if (a.has("--cert") != a.has("--key")) return usage_error("init", "--cert and --key go together");
  auto db = open_gateway(dir, true);
  gateway_init(*db, a.get("--establishment"), now_ms());
  if (a.has("--cert")) {
    install_cert(a.get("--cert"), a.get("--key"), cert_path(dir), key_path(dir));
    std::printf("installed the establishment's certificate and key in %s\n", dir.c_str());
  } else if (!std::ifstream(key_path(dir)) || !std::ifstream(cert_path(dir))) {
    std::vector<std::string> hosts;
    for (const auto& [k, v] : a.opts)
      if (k == "--host") hosts.push_back(v);
    make_self_signed(key_path(dir), cert_path(dir), a.get("--establishment") + " Waymark gateway", hosts);
    std::printf("made a new key and certificate in %s\n", dir.c_str());
  }
  std::printf("gateway ready in %s for %s\n%s\n", dir.c_str(), a.get("--establishment").c_str(), cert_pin(cert_path(dir)).c_str());
  return 0;
}

int cmd_serve(const Args& a) {
  if (a.help) {
    std::puts("usage: waymark-gateway serve --data DIR --listen HOST:PORT [--threads N] [--log]\n"
              "Serves the device and worker API over HTTPS (TLS 1.2 or newer) until SIGTERM or SIGINT.");
    return 0;
  }
  if (!a.has("--data") || a.get("--listen").empty()) return usage_error("serve", "--data and --listen are required");
  const std::string listen = a.get("--listen");
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return usage_error("serve", "--listen wants HOST:PORT");
  ServerOptions o;
  o.data_dir = a.get("--data");
  o.host = listen.substr(0, colon);
  try {
    o.port = std::stoi(listen.substr(colon + 1));
  } catch (const std::exception&) {
    return usage_error("serve", "--listen wants HOST:PORT");
  }
  if (o.port < 0 || o.port > 65535) return usage_error("serve", "the port must be 0 to 65535");
  if (a.has("--threads")) o.threads = std::max(1, std::min(64, std::atoi(a.get("--threads").c_str())));
  o.log_requests = a.has("--log");
  // SIGTERM and SIGINT are blocked in every thread and taken here with sigwait: a clean stop, no handler.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  GatewayServer srv(o);
  srv.start();
  std::printf("listening on https://%s:%d\n", o.host.c_str(), srv.port());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  std::fprintf(stderr, "waymark-gateway: stopping (signal %d)\n", sig);
  srv.stop();
  return 0;
}

int cmd_demo_seed(const Args& a) {
  if (a.help) {
    std::puts("usage: waymark-gateway demo-seed --data DIR\n"
              "The demo establishment (wing Oak): children 1001 (PIN 1357) and 1002 (PIN 2468); YOT workers\n"
              "Sam Taylor (sam.taylor@leeds-yot.example, Leeds YOT, allowed for 1001) and Rhian Evans\n"
              "(rhian.evans@cardiff-yos.example, Cardiff YOS, allowed for 1002); meetings for both.\n"
              "Initialises DIR (key and certificate too) when needed. Prints the key pin last.");
    return 0;
  }
  if (!a.has("--data")) return usage_error("demo-seed", "--data is required");
  const std::string dir = a.get("--data");
  auto db = open_gateway(dir, true);
  if (!gateway_initialised(*db)) gateway_init(*db, "Brookfield YOI (demo)", now_ms());
  if (!std::ifstream(key_path(dir))) make_self_signed(key_path(dir), cert_path(dir), "Brookfield YOI (demo) Waymark gateway", {});
  if (seed_gateway_demo(*db, now_ms())) std::printf("seeded the demo establishment into %s\n", dir.c_str());
  else std::printf("the demo establishment is already in %s\n", dir.c_str());
  std::printf("%s\n", cert_pin(cert_path(dir)).c_str());
  return 0;
}

int cmd_enrol_code(const Args& a) {
  if (a.help) {
    std::puts("usage: waymark-gateway enrol-code --data DIR --wing NAME [--hours N]\n"
              "Issues a one-time enrolment code for a device on that wing, valid N hours (default 24).\n"
              "The code is printed once, as the last line; only its hash is kept.");
    return 0;
  }
  if (!a.has("--data") || a.get("--wing").empty()) return usage_error("enrol-code", "--data and --wing are required");
  const int hours = a.has("--hours") ? std::atoi(a.get("--hours").c_str()) : 24;
  auto db = open_or_fail(a);
  const std::string code = issue_enrol_code(*db, a.get("--wing"), hours, actor(), now_ms());
  std::printf("one-time code for wing %s, valid %d hours:\n%s\n", a.get("--wing").c_str(), hours, code.c_str());
  return 0;
}

int cmd_pin(const Args& a) {
  if (a.help) {
    std::puts("usage: waymark-gateway pin --data DIR\nPrints the gateway's key pin (sha256//BASE64) as the last line.");
    return 0;
  }
  if (!a.has("--data")) return usage_error("pin", "--data is required");
  std::printf("%s\n", cert_pin(cert_path(a.get("--data"))).c_str());
  return 0;
}

int cmd_restored(const Args& a) {
  if (a.help) {
    std::puts("usage: waymark-gateway restored --data DIR\n"
              "Run this after restoring the gateway's data from a backup, before serving again. It starts a new\n"
              "epoch: every device re-reads what it needs and sends again anything the backup may have missed.");
    return 0;
  }
  if (!a.has("--data")) return usage_error("restored", "--data is required");
  auto db = open_or_fail(a);
  std::printf("new epoch %s\n", gateway_new_epoch(*db, actor(), now_ms()).c_str());
  return 0;
}

int cmd_workers(const Args& a) {
  const std::string sub = a.pos.size() > 1 ? a.pos[1] : "";
  if (a.help || sub.empty()) {
    std::puts("usage: waymark-gateway workers add --data DIR --name NAME --email EMAIL --yot NAME [--password-file FILE]\n"
              "       waymark-gateway workers list --data DIR\n"
              "The password is read from FILE or from standard input (first line); it is stored only as an Argon2id hash.");
    return a.help ? 0 : 2;
  }
  if (!a.has("--data")) return usage_error("workers", "--data is required");
  auto db = open_or_fail(a);
  if (sub == "list") {
    for (const WorkerRow& w : list_workers(*db))
      std::printf("%lld\t%s\t%s\t%s%s\n", static_cast<long long>(w.id), w.name.c_str(), w.email.c_str(), w.org.c_str(),
                  w.active ? "" : "\t(inactive)");
    return 0;
  }
  if (sub == "add") {
    if (a.get("--name").empty() || a.get("--email").empty() || a.get("--yot").empty())
      return usage_error("workers add", "--name, --email and --yot are required");
    std::string pw;
    if (a.has("--password-file")) {
      std::ifstream f(a.get("--password-file"));
      if (!f) {
        std::fprintf(stderr, "waymark-gateway workers add: cannot read %s\n", a.get("--password-file").c_str());
        return 1;
      }
      std::getline(f, pw);
    } else {
      std::getline(std::cin, pw);
    }
    try {
      const int64_t id = add_worker(*db, a.get("--name"), a.get("--email"), a.get("--yot"), pw, actor(), now_ms());
      std::printf("added worker %lld\n", static_cast<long long>(id));
    } catch (const std::invalid_argument& e) {
      std::fprintf(stderr, "waymark-gateway workers add: %s\n", e.what());
      return 1;
    }
    return 0;
  }
  return usage_error("workers", "unknown subcommand " + sub);
}

int cmd_children(const Args& a) {
  const std::string sub = a.pos.size() > 1 ? a.pos[1] : "";
  if (a.help || sub.empty()) {
    std::puts("usage: waymark-gateway children add --data DIR --number N --first-name NAME --wing WING [--dob YYYY-MM-DD]\n"
              "                                     [--release-date YYYY-MM-DD] [--release-la ONSCODE] [--lang en|cy] [--pin PIN]\n"
              "       waymark-gateway children import --data DIR --csv FILE\n"
              "       waymark-gateway children list --data DIR\n"
              "CSV columns: number,first_name,dob,wing,release_date,release_la,lang (a header line is allowed).\n"
              "Import is all or nothing. New children get a random 4-digit PIN, printed once.");
    return a.help ? 0 : 2;
  }
  if (!a.has("--data")) return usage_error("children", "--data is required");
  auto db = open_or_fail(a);
  try {
    if (sub == "add") {
      ChildRow c{a.get("--number"), a.get("--first-name"), a.get("--dob"), a.get("--wing"), a.get("--release-date"),
                 a.get("--release-la"), a.has("--lang") ? a.get("--lang") : "en"};
      std::optional<std::string> pin;
      if (a.has("--pin")) pin = a.get("--pin");
      put_child(*db, c, pin, actor(), now_ms());
      std::printf("saved child %s\n", c.number.c_str());
      return 0;
    }
    if (sub == "import") {
      std::ifstream f(a.get("--csv"));
      if (!f) {
        std::fprintf(stderr, "waymark-gateway children import: cannot read %s\n", a.get("--csv").c_str());
        return 1;
      }
      std::stringstream ss;
      ss << f.rdbuf();
      ImportResult r = import_children_csv(*db, ss.str(), actor(), now_ms());
      for (const std::string& e : r.errors) std::fprintf(stderr, "%s\n", e.c_str());
      if (!r.errors.empty()) {
        std::fprintf(stderr, "waymark-gateway children import: nothing imported\n");
        return 1;
      }
      for (const auto& [n, p] : r.new_pins) std::printf("%s\tPIN %s\n", n.c_str(), p.c_str());
      std::printf("added %d, updated %d\n", r.added, r.updated);
      return 0;
    }
    if (sub == "list") {
      Stmt s(*db, "SELECT number, first_name, wing, coalesce(release_date,''), coalesce(release_la,''), lang, active FROM children ORDER BY number");
      while (s.step())
        std::printf("%s\t%s\t%s\t%s\t%s\t%s%s\n", s.text(0).c_str(), s.text(1).c_str(), s.text(2).c_str(), s.text(3).c_str(),
                    s.text(4).c_str(), s.text(5).c_str(), s.i64(6) ? "" : "\t(inactive)");
      return 0;
    }
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "waymark-gateway children %s: %s\n", sub.c_str(), e.what());
    return 1;
  }
  return usage_error("children", "unknown subcommand " + sub);
}

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
  const std::string sub = a.pos.size() > 1 ? a.pos[1] : "";
  if (a.help || sub.empty()) {
    std::puts("usage: waymark-gateway contacts allow  --data DIR --child N --worker ID|EMAIL\n"
              "       waymark-gateway contacts revoke --data DIR --child N --worker ID|EMAIL\n"
              "       waymark-gateway contacts list   --data DIR --child N\n"
              "Which workers a child may message. Changes reach the wing's devices at their next sync and are audited.");
    return a.help ? 0 : 2;
  }
  if (!a.has("--data") || a.get("--child").empty()) return usage_error("contacts", "--data and --child are required");
  auto db = open_or_fail(a);
  try {
    if (sub == "list") {
      for (const ContactRow& c : list_contacts(*db, a.get("--child")))
        std::printf("%lld\t%s\t%s\t%s\n", static_cast<long long>(c.worker_id), c.name.c_str(), c.org.c_str(),
                    c.allowed ? "allowed" : "revoked");
      return 0;
    }
    if (sub == "allow" || sub == "revoke") {
      if (a.get("--worker").empty()) return usage_error("contacts", "--worker is required");
      set_contact(*db, a.get("--child"), worker_ref(*db, a.get("--worker")), sub == "allow", actor(), now_ms());
      std::printf("%s\n", sub == "allow" ? "allowed" : "revoked");
      return 0;
    }
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "waymark-gateway contacts %s: %s\n", sub.c_str(), e.what());
    return 1;
  }
  return usage_error("contacts", "unknown subcommand " + sub);
}

int cmd_meetings(const Args& a) {
  const std::string sub = a.pos.size() > 1 ? a.pos[1] : "";
  if (a.help || sub != "set") {
    std::puts("usage: waymark-gateway meetings set --data DIR --child N --kind KIND --date YYYY-MM-DD [--time HH:MM]\n"
              "                                      [--place TEXT] [--with TEXT] [--id ID] [--cancelled]\n"
              "Adds a meeting (or changes the one with --id). It reaches the wing's devices at their next sync.");
    return a.help ? 0 : 2;
  }
  if (!a.has("--data")) return usage_error("meetings", "--data is required");
  auto db = open_or_fail(a);
  try {
    MeetingRow m{a.get("--id"), a.get("--child"), a.get("--kind"), a.get("--date"), a.get("--time"), a.get("--place"),
                 a.get("--with"), a.has("--cancelled")};
    std::printf("%s\n", put_meeting(*db, m, actor(), now_ms()).c_str());
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "waymark-gateway meetings set: %s\n", e.what());
    return 1;
  }
  return 0;
}

int cmd_devices(const Args& a) {
  const std::string sub = a.pos.size() > 1 ? a.pos[1] : "";
  if (a.help || sub.empty()) {
    std::puts("usage: waymark-gateway devices list --data DIR\n"
              "       waymark-gateway devices revoke --data DIR --device ID\n"
              "A revoked device is refused from its next request on.");
    return a.help ? 0 : 2;
  }
  if (!a.has("--data")) return usage_error("devices", "--data is required");
  auto db = open_or_fail(a);
  if (sub == "list") {
    for (const DeviceRow& d : list_devices(*db))
      std::printf("%s\t%s\t%s\tseq %lld\t%s\n", d.id.c_str(), d.wing.c_str(), d.label.c_str(),
                  static_cast<long long>(d.seq_high), d.revoked ? "revoked" : "active");
    return 0;
  }
  if (sub == "revoke") {
    try {
      revoke_device(*db, a.get("--device"), actor(), now_ms());
    } catch (const std::invalid_argument& e) {
      std::fprintf(stderr, "waymark-gateway devices revoke: %s\n", e.what());
      return 1;
    }
    std::puts("revoked");
    return 0;
  }
  return usage_error("devices", "unknown subcommand " + sub);
}

int cmd_messages(const Args& a) {
  if (a.help) {
    std::puts("usage: waymark-gateway messages --data DIR --child N\n"
              "The establishment's read-only review of a child's messages. Each review is recorded in the audit log.");
    return 0;
  }
  if (!a.has("--data") || a.get("--child").empty()) return usage_error("messages", "--data and --child are required");
  auto db = open_or_fail(a);
  try {
    for (const ReviewMessage& m : review_messages(*db, a.get("--child"), actor(), now_ms()))
      std::printf("%lld\t%s\t%s\t%s\t%s\n", static_cast<long long>(m.at), m.direction.c_str(), m.worker.c_str(),
                  m.state.c_str(), m.text.c_str());
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "waymark-gateway messages: %s\n", e.what());
    return 1;
  }
  return 0;
}

int cmd_packs(const Args& a) {
  const std::string sub = a.pos.size() > 1 ? a.pos[1] : "";
  if (a.help || sub.empty()) {
    std::puts("usage: waymark-gateway packs publish --data DIR --file PACK\n"
              "       waymark-gateway packs list --data DIR\n"
              "publish: checks that PACK is a whole, well-formed content pack (made with `waymarkctl pack build` and\n"
              "signed by a curator) and newer than any published version of the same pack id, stores it in DIR/packs,\n"
              "and offers it to every wing's devices at their next sync. Each device checks the curator's signature\n"
              "with its own trusted keys. Packs up to 64 MB. Publishing is recorded in the audit log.");
    return a.help ? 0 : 2;
  }
  if (!a.has("--data")) return usage_error("packs", "--data is required");
  auto db = open_or_fail(a);
  if (sub == "list") {
    for (const PublishedPack& p : list_packs(*db))
      std::printf("%s\tv%lld\t%lld bytes\texpires %s\tkey %s\tsha256 %s\n", p.pack_id.c_str(), static_cast<long long>(p.version),
                  static_cast<long long>(p.size), p.expires.c_str(), p.key_id.c_str(), p.sha256.c_str());
    return 0;
  }
  if (sub == "publish") {
    if (a.get("--file").empty()) return usage_error("packs publish", "--file is required");
    try {
      const PublishedPack p = publish_pack_file(*db, a.get("--data"), a.get("--file"), actor(), now_ms());
      std::printf("published %s v%lld (%lld bytes, expires %s) to every wing\nsha256 %s\n", p.pack_id.c_str(),
                  static_cast<long long>(p.version), static_cast<long long>(p.size), p.expires.c_str(), p.sha256.c_str());
    } catch (const std::invalid_argument& e) {
      std::fprintf(stderr, "waymark-gateway packs publish: refused: %s\n", e.what());
      return 1;
    }
    return 0;
  }
  return usage_error("packs", "unknown subcommand " + sub);
}

int cmd_audit(const Args& a) {
  if (a.help) {
    std::puts("usage: waymark-gateway audit --data DIR [--last N]\nShows the append-only audit log, newest last.");
    return 0;
  }
  if (!a.has("--data")) return usage_error("audit", "--data is required");
  auto db = open_or_fail(a);
  const int n = a.has("--last") ? std::atoi(a.get("--last").c_str()) : 50;
  Stmt s(*db, "SELECT seq, at, actor, action, detail FROM (SELECT * FROM audit ORDER BY seq DESC LIMIT :n) ORDER BY seq");
  s.bind(":n", n);
  while (s.step())
    std::printf("%lld\t%lld\t%s\t%s\t%s\n", static_cast<long long>(s.i64(0)), static_cast<long long>(s.i64(1)),
                s.text(2).c_str(), s.text(3).c_str(), s.text(4).c_str());
  return 0;
}

// ---------------------------------------------------------------- web inbox (issue 6: docs/web-inbox.md)
int cmd_worker_password_code(const Args& a) {
  if (a.help) {
    std::puts("usage: waymark-gateway worker-password-code --data DIR --email EMAIL\n"
              "Prints a one-time code (valid 72 hours, works once) as the last line. Give it to the worker in person or\n"
              "by phone, never by email; they set their password at https://GATEWAY/password. Earlier codes stop working.");
    return 0;
  }
  if (!a.has("--data") || a.get("--email").empty()) return usage_error("worker-password-code", "--data and --email are required");
  auto db = open_or_fail(a);
  try {
    const std::string code = issue_password_code(*db, a.get("--email"), actor(), now_ms());
    std::printf("one-time password code for %s, valid 72 hours, set at /password:\n%s\n", a.get("--email").c_str(), code.c_str());
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "waymark-gateway worker-password-code: %s\n", e.what());
    return 1;
  }
  return 0;
}

int cmd_security(const Args& a) {
  const std::string sub = a.pos.size() > 1 ? a.pos[1] : "";
  if (a.help || sub.empty()) {
    std::puts("usage: waymark-gateway security add --data DIR --name NAME --email EMAIL\n"
              "       waymark-gateway security password-code --data DIR --email EMAIL\n"
              "       waymark-gateway security list --data DIR\n"
              "Security staff accounts (role \"security\") for the read-only review at /security. add and password-code\n"
              "print a one-time password code as the last line.");
    return a.help ? 0 : 2;
  }
  if (!a.has("--data")) return usage_error("security", "--data is required");
  auto db = open_or_fail(a);
  try {
    if (sub == "list") {
      for (const Principal& p : list_security_staff(*db))
        std::printf("%lld\t%s\t%s\t%s\n", static_cast<long long>(p.id), p.name.c_str(), p.email.c_str(), p.org_or_role.c_str());
      return 0;
    }
    if (sub == "add") {
      if (a.get("--name").empty() || a.get("--email").empty()) return usage_error("security add", "--name and --email are required");
      const int64_t id = add_security_staff(*db, a.get("--name"), a.get("--email"), actor(), now_ms());
      const std::string code = issue_password_code(*db, a.get("--email"), actor(), now_ms());
      std::printf("added security staff %lld; one-time password code, valid 72 hours, set at /password:\n%s\n",
                  static_cast<long long>(id), code.c_str());
      return 0;
    }
    if (sub == "password-code") {
      if (a.get("--email").empty()) return usage_error("security password-code", "--email is required");
      const std::string code = issue_password_code(*db, a.get("--email"), actor(), now_ms());
      std::printf("one-time password code, valid 72 hours, set at /password:\n%s\n", code.c_str());
      return 0;
    }
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "waymark-gateway security %s: %s\n", sub.c_str(), e.what());
    return 1;
  }
  return usage_error("security", "unknown subcommand " + sub);
}

int cmd_web_domains(const Args& a) {
  if (a.help) {
    std::puts("usage: waymark-gateway web-domains --data DIR [--set DOMAIN,DOMAIN... | --any]\n"
              "Shows or sets the email domains allowed to sign in to the web inbox (for example the secure email\n"
              "domain YOTs use). --any allows every domain.");
    return 0;
  }
  if (!a.has("--data")) return usage_error("web-domains", "--data is required");
  auto db = open_or_fail(a);
  try {
    if (a.has("--set") || a.has("--any")) {
      std::vector<std::string> list;
      std::string cur;
      for (char c : a.get("--set") + ",") {
        if (c == ',') {
          list.push_back(cur);
          cur.clear();
        } else {
          cur.push_back(c);
        }
      }
      set_allowed_domains(*db, list, actor(), now_ms());
    }
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "waymark-gateway web-domains: %s\n", e.what());
    return 1;
  }
  const auto list = allowed_domains(*db);
  if (list.empty()) std::puts("any domain");
  for (const std::string& d : list) std::puts(d.c_str());
  return 0;
}

struct Command {
  const char* name;
  const char* summary;
  int (*fn)(const Args&);
};
const Command kCommands[] = {
    {"init", "init --data DIR --establishment NAME [--host NAME]   database, key and certificate", cmd_init},
    {"serve", "serve --data DIR --listen HOST:PORT                  serve the device and worker API (HTTPS)", cmd_serve},
    {"demo-seed", "demo-seed --data DIR                                 the demo establishment", cmd_demo_seed},
    {"enrol-code", "enrol-code --data DIR --wing NAME [--hours N]       a one-time device enrolment code", cmd_enrol_code},
    {"pin", "pin --data DIR                                       the key pin devices need", cmd_pin},
    {"workers", "workers add|list --data DIR ...                      YOT workers", cmd_workers},
    {"children", "children add|import|list --data DIR ...              children", cmd_children},
    {"contacts", "contacts allow|revoke|list --data DIR --child N ...  who a child may message", cmd_contacts},
    {"meetings", "meetings set --data DIR --child N ...                planning meetings", cmd_meetings},
    {"devices", "devices list|revoke --data DIR ...                   enrolled devices", cmd_devices},
    {"messages", "messages --data DIR --child N                        review a child's messages (audited)", cmd_messages},
    {"packs", "packs publish|list --data DIR [--file PACK]          content packs for every wing", cmd_packs},
    {"audit", "audit --data DIR [--last N]                          the audit log", cmd_audit},
    {"restored", "restored --data DIR                                  after restoring a backup: a new epoch", cmd_restored},
    {"worker-password-code", "worker-password-code --data DIR --email E      a one-time code to set a web password", cmd_worker_password_code},
    {"security", "security add|list|password-code --data DIR ...      security staff for the review page", cmd_security},
    {"web-domains", "web-domains --data DIR [--set D,D | --any]           email domains allowed to sign in", cmd_web_domains},
};
const char* const kFlags[] = {"--log", "--cancelled", "--any"};

int usage(FILE* to) {
  std::fprintf(to, "usage: waymark-gateway COMMAND [options]\ncommands:\n");
  for (const Command& c : kCommands) std::fprintf(to, "  %s\n", c.summary);
  std::fprintf(to, "Every command takes --help. Exit status: 0 ok, 1 failed, 2 usage error.\n");
  return to == stdout ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  if (argc < 2) return usage(stderr);
  const std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") return usage(stdout);
  Args a;
  a.pos.push_back(cmd);
  for (int i = 2; i < argc; i++) {
    std::string s = argv[i];
    if (s == "--help" || s == "-h") {
      a.help = true;
    } else if (std::find_if(std::begin(kFlags), std::end(kFlags), [&](const char* f) { return s == f; }) != std::end(kFlags)) {
      a.opts.emplace_back(s, "");
    } else if (s.rfind("--", 0) == 0) {
      if (i + 1 >= argc) return usage_error(cmd, s + " needs a value");
      a.opts.emplace_back(s, argv[++i]);
    } else {
      a.pos.push_back(s);
    }
  }
  for (const Command& c : kCommands) {
    if (cmd != c.name) continue;
    try {
      return c.fn(a);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "waymark-gateway %s: %s\n", cmd.c_str(), e.what());
      return 1;
    }
  }
  std::fprintf(stderr, "waymark-gateway: unknown command %s\n", cmd.c_str());
  return usage(stderr);
}
