// `waymarkctl doctor`: health checks as ok / warning / failed lines with what to do. Each check asks the
// module that owns the fact (the pack module for the installed pack, the outbox for what waits), never its tables.
#include <sys/statvfs.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/accounts/accounts.h"
#include "core/base/secrets.h"
#include "core/catalogue/pack.h"
#include "core/i18n/i18n.h"
#include "core/messaging/outbox.h"
#include "core/ops/provisioning.h"
#include "core/storage/meta_keys.h"
#include "core/storage/device_store.h"
#include "core/sync/device_key.h"
#include "core/sync/gateway_probe.h"
#include "core/sync/sync_state.h"

namespace fs = std::filesystem;

namespace waymark {

namespace {

std::string fmt_age(int64_t s) {
  if (s < 0) s = 0;
  if (s < 120) return std::to_string(s) + " seconds";
  if (s < 7200) return std::to_string(s / 60) + " minutes";
  if (s < 2 * 86400) return std::to_string(s / 3600) + " hours";
  return std::to_string(s / 86400) + " days";
}

std::string fmt_bytes(int64_t b) {
  if (b >= (1LL << 30)) return std::to_string(b / (1LL << 30)) + "." + std::to_string((b % (1LL << 30)) * 10 / (1LL << 30)) + " GiB";
  return std::to_string(b / (1LL << 20)) + " MiB";
}

}  // namespace

const char* health_name(Health h) {
  switch (h) {
    case Health::Ok: return "ok";
    case Health::Skipped: return "skipped";
    case Health::Warning: return "warning";
    case Health::Failed: return "failed";
  }
  return "";
}

namespace {

DoctorLine line(std::string check, Health h, std::string what, std::string todo = {}) {
  return DoctorLine{std::move(check), h, std::move(what), std::move(todo)};
}

void check_fonts(const DoctorOptions& opt, std::vector<DoctorLine>& out) {
  const fs::path list = fs::path(opt.assets_dir) / "fonts" / "fonts.json";
  std::ifstream in(list);
  if (!in) {
    out.push_back(line("fonts", Health::Failed, "the font list " + list.string() + " is missing",
                       "reinstall the waymark-kiosk package"));
    return;
  }
  nlohmann::json j;
  try {
    in >> j;
  } catch (const std::exception&) {
    out.push_back(line("fonts", Health::Failed, "the font list " + list.string() + " is not valid JSON",
                       "reinstall the waymark-kiosk package"));
    return;
  }
  for (const char* family : {"standard", "dyslexic"}) {
    std::string missing;
    for (const char* face : {"regular", "bold"}) {
      bool found = false;
      if (j.contains(family) && j[family].contains(face))
        for (const auto& p : j[family][face])
          if (p.is_string() && fs::exists(p.get<std::string>())) found = true;
      if (!found) missing += std::string(missing.empty() ? "" : " and ") + face;
    }
    const bool standard = std::string(family) == "standard";
    if (missing.empty())
      out.push_back(line(std::string("fonts (") + family + ")", Health::Ok, "found"));
    else
      out.push_back(line(std::string("fonts (") + family + ")", standard ? Health::Failed : Health::Warning,
                         "no " + missing + " font file from " + list.string() + " is installed",
                         standard ? "install fonts-noto-core or fonts-dejavu-core"
                                  : "install fonts-opendyslexic (children who chose the easy-read font get the standard one)"));
  }
}

void check_speech(const DoctorOptions& opt, std::vector<DoctorLine>& out) {
  for (const std::string& d : opt.speech_dirs) {
    if (!fs::exists(fs::path(d) / "phontab")) continue;
    const bool en = fs::exists(fs::path(d) / "en_dict"), cy = fs::exists(fs::path(d) / "cy_dict");
    if (en && cy) out.push_back(line("speech", Health::Ok, "English and Welsh voices in " + d));
    else
      out.push_back(line("speech", Health::Warning,
                         std::string("speech data in ") + d + " lacks the " + (en ? "Welsh" : cy ? "English" : "English and Welsh") + " dictionary",
                         "reinstall espeak-ng-data"));
    return;
  }
  out.push_back(line("speech", Health::Failed, "no speech data found (read aloud will not work)",
                     "install espeak-ng-data (apt-get install espeak-ng-data)"));
}

void check_disk(const DoctorOptions& opt, std::vector<DoctorLine>& out) {
  struct statvfs st {};
  if (statvfs(opt.data_dir.c_str(), &st) != 0) {
    out.push_back(line("free disk", Health::Failed, std::string("cannot read free space: ") + std::strerror(errno)));
    return;
  }
  const int64_t free_b = static_cast<int64_t>(st.f_bavail) * static_cast<int64_t>(st.f_frsize);
  if (free_b < opt.disk_fail_bytes)
    out.push_back(line("free disk", Health::Failed, fmt_bytes(free_b) + " free on the data partition",
                       "free space on the data partition now: a full disk stops children's work being saved"));
  else if (free_b < opt.disk_warn_bytes)
    out.push_back(line("free disk", Health::Warning, fmt_bytes(free_b) + " free on the data partition",
                       "free space or grow the data partition"));
  else out.push_back(line("free disk", Health::Ok, fmt_bytes(free_b) + " free"));
}

// The installed pack is the pack module's fact (the one `waymarkctl pack status` shows): asked, not looked for.
void check_packs(Db& db, const DoctorOptions& opt, int64_t now, std::vector<DoctorLine>& out) {
  const std::optional<InstalledPack> p = installed_pack(db);
  if (!p) {
    out.push_back(line("content pack", Health::Warning, "no content pack is installed",
                       "sync with the gateway or install a pack with waymarkctl"));
    return;
  }
  const std::string which = p->pack_id + " version " + std::to_string(p->version);
  const std::optional<int64_t> days = p->days_left(local_date(now));
  if (!days) {
    out.push_back(line("content pack", Health::Failed, "the installed pack's expiry cannot be read",
                       "install a fresh pack from the gateway"));
    return;
  }
  const auto n_days = [](int64_t n) { return std::to_string(n) + (n == 1 ? " day" : " days"); };
  if (*days < 0)
    out.push_back(line("content pack", Health::Failed,
                       "the content pack " + which + " expired on " + p->expires + ", " + n_days(-*days) +
                           " ago: children see no courses or jobs",
                       "sync with the gateway, or ask education staff to publish a new pack"));
  else if (*days < opt.pack_warn_days)
    out.push_back(line("content pack", Health::Warning,
                       "the content pack " + which + (*days == 0 ? " expires at the end of today" : " expires in " + n_days(*days)) +
                           " (" + p->expires + ")",
                       "ask education staff to publish a new pack before then"));
  else out.push_back(line("content pack", Health::Ok, which + ", valid until " + p->expires + " (" + n_days(*days) + ")"));
}

void check_outbox(Db& db, const DoctorOptions& opt, int64_t now, std::vector<DoctorLine>& out) {
  const OutboxBacklog b = outbox_backlog(db);
  if (b.waiting == 0 || !b.oldest_waiting_at) {
    out.push_back(line("outbox", Health::Ok, "nothing waiting to leave"));
    return;
  }
  const std::string n = std::to_string(b.waiting);
  const int64_t age = now - *b.oldest_waiting_at;
  if (age > opt.outbox_warn_age_s)
    out.push_back(line("outbox", Health::Warning, n + " record(s) waiting; the oldest for " + fmt_age(age),
                       "children's messages and forms are stuck: check the gateway lines above and the network cable"));
  else out.push_back(line("outbox", Health::Ok, n + " record(s) waiting, the oldest for " + fmt_age(age)));
}

void check_sync(Db& db, const DoctorOptions& opt, int64_t now, std::vector<DoctorLine>& out) {
  if (meta_get(db, kMetaGatewayUrl).empty()) {
    out.push_back(line("last sync", Health::Skipped, "not enrolled, so never synced"));
    return;
  }
  const int64_t last_ms = last_sync_ms(db);
  if (last_ms == 0) {
    out.push_back(line("last sync", Health::Warning, "enrolled but never synced",
                       "check the gateway is running and this device can reach it"));
    return;
  }
  const int64_t age = now - last_ms / 1000;
  if (age > opt.sync_fail_age_s)
    out.push_back(line("last sync", Health::Failed, "last successful sync " + fmt_age(age) + " ago",
                       "check the gateway and the network; children's messages are not leaving"));
  else if (age > opt.sync_warn_age_s)
    out.push_back(line("last sync", Health::Warning, "last successful sync " + fmt_age(age) + " ago",
                       "check the gateway and the network"));
  else out.push_back(line("last sync", Health::Ok, fmt_age(age) + " ago"));
}

// A dead clock battery puts the device in 1970: expiry dates and the outbox age stop meaning anything.
void check_clock(int64_t now, std::vector<DoctorLine>& out) {
  constexpr int64_t kSoftwareEpoch = 1767225600;  // 2026-01-01: no real clock is earlier than this build
  if (now < kSoftwareEpoch)
    out.push_back(line("clock", Health::Failed, "the clock says unix time " + std::to_string(now) + ", before this software was made",
                       "set the clock (timedatectl set-time, or let it sync from the gateway) and replace the clock battery"));
  else out.push_back(line("clock", Health::Ok, "plausible"));
}

// The kiosk's fatal-signal handler appends "... at unix time N; ..." to DIR/waymark-crash.log.
void check_crashes(const DoctorOptions& opt, int64_t now, std::vector<DoctorLine>& out) {
  std::ifstream in(fs::path(opt.data_dir) / "waymark-crash.log");
  int recent = 0, total = 0;
  std::string l;
  const std::string marker = "at unix time ";
  while (std::getline(in, l)) {
    total++;
    const size_t p = l.find(marker);
    if (p != std::string::npos && now - std::atoll(l.c_str() + p + marker.size()) < 7 * 86400) recent++;
  }
  if (recent == 0)
    out.push_back(line("crashes", Health::Ok, total ? "none in the last 7 days" : "none recorded"));
  else
    out.push_back(line("crashes", Health::Warning,
                       "the kiosk crashed " + std::to_string(recent) + " time(s) in the last 7 days (it restarted itself)",
                       "send " + (fs::path(opt.data_dir) / "waymark-crash.log").string() +
                           " and `journalctl -u waymark-kiosk` to Waymark support"));
}

// Which renderer the kiosk last started with, and why (issue 17): the kiosk writes meta kiosk_renderer.
// The PIN hashes: sealed with the pepper (docs/operating.md, "Children's PINs on a device"), none left for
// children who cannot sign in here. Doctor run outside the kiosk's unit may not have the pepper: then it
// reports what is stored, not whether it is the right pepper.
void check_pins(Db& db, const DoctorOptions& opt, std::vector<DoctorLine>& out) {
  const std::string todo_pepper = "give the device a PIN pepper (images/seal-pin-pepper.sh) and restart the kiosk";
  PinPepperLookup pep = find_pin_pepper(opt.pin_pepper, opt.data_dir);
  if (!pep.error.empty()) {
    out.push_back(line("pins", Health::Failed, pep.error, "move the pepper outside the data folder, mode 0600"));
    return;
  }
  const ManualClock at(0);
  Accounts acc(db, at, pep.seal.get());
  const PinHashCensus c = acc.pin_hash_census();
  if (pep.seal && c.other_pepper > 0) {
    out.push_back(line("pins", Health::Failed, std::to_string(c.other_pepper) + " PIN hashes were sealed with another pepper "
                       "than " + pep.source + ": those accounts cannot sign in",
                       "the pepper was replaced: see docs/operating.md, \"Children's PINs on a device\""));
  } else if (c.plain > 0) {
    out.push_back(line("pins", Health::Warning, std::to_string(c.plain) + " PIN hashes are stored unsealed: a copy of "
                       "the data folder could be guessed against", pep.seal ? "restart the kiosk (it seals them)" : todo_pepper));
  } else if (pep.seal) {
    out.push_back(line("pins", Health::Ok, std::to_string(c.sealed) + " PIN hashes sealed with the pepper from " +
                       pep.source + " (key " + pep.seal->key_id() + ")"));
  } else {
    out.push_back(line("pins", c.other_pepper > 0 ? Health::Ok : Health::Warning,
                       c.other_pepper > 0 ? std::to_string(c.other_pepper) + " PIN hashes sealed (doctor was not given "
                                            "the pepper, so it cannot tell whether the kiosk's is the right one)"
                                          : "no PIN pepper on this device",
                       c.other_pepper > 0 ? "" : todo_pepper));
  }
}

// The sync key (only on an enrolled device): sealed with the pepper like the PIN hashes (docs/operating.md, "The sync key on a device").
void check_sync_key(Db& db, const PinSeal* seal, const std::string& source, std::vector<DoctorLine>& out) {
  DeviceKeyRead k = read_device_key(db, seal);
  wipe(k.secret_key);  // only its state is wanted here
  const std::string fix = "see docs/operating.md, \"The sync key on a device\"";
  switch (k.state) {
    case DeviceKeyState::None:
      out.push_back(line("sync key", Health::Failed, "no sync key is stored, though a gateway is",
                         "enrol again: waymarkctl enrol --data DIR --force with a new code from the gateway"));
      break;
    case DeviceKeyState::Plain:
      out.push_back(line("sync key", Health::Warning, "stored unsealed: a copy of the data folder could sync as this device "
                         "until IT revokes it", seal ? "restart the kiosk (it seals it)"
                                                     : "give the device a PIN pepper (images/seal-pin-pepper.sh) and restart the kiosk"));
      break;
    case DeviceKeyState::Sealed:
      out.push_back(line("sync key", Health::Ok, "sealed with the pepper from " + source + " (key " + seal->key_id() + ")"));
      break;
    case DeviceKeyState::SealedNoPepper:
      out.push_back(line("sync key", Health::Warning, "sealed, and doctor found no pepper to open it: the kiosk cannot sync "
                         "unless its unit has the credential", "run doctor with the pepper (systemd-run, as for the kiosk); " + fix));
      break;
    case DeviceKeyState::OtherPepper:
    case DeviceKeyState::Damaged:
      out.push_back(line("sync key", Health::Failed, k.error, fix));
      break;
  }
}

void check_renderer(Db& db, std::vector<DoctorLine>& out) {
  const std::string r = meta_get(db, kMetaKioskRenderer);
  out.push_back(line("renderer", Health::Ok, r.empty() ? "not recorded (the kiosk has not started since it was updated)" : r));
}

}  // namespace

std::vector<DoctorLine> doctor_gateway_checks(Db& db, const DoctorOptions& opt, int64_t now) {
  std::vector<DoctorLine> out;
  const std::string url = meta_get(db, kMetaGatewayUrl);
  if (url.empty()) {
    out.push_back(line("gateway", Health::Warning, "not enrolled",
                       "enrol this device: waymarkctl enrol --data DIR with the one-time code from the gateway"));
    return out;
  }
  const PinPepperLookup pep = find_pin_pepper(opt.pin_pepper, opt.data_dir);
  check_sync_key(db, pep.seal.get(), pep.source, out);
  const GatewayProbe p = probe_gateway(db, probe_http_options(), pep.seal.get());
  const std::string dev = p.device_id.empty() ? "(no id)" : p.device_id;
  const std::string reach = "check the gateway is running (systemctl status waymark-gateway on the gateway machine), "
                            "the network cable, and that the firewall lets this device reach " + url;
  switch (p.link) {
    case GatewayLink::Ok:
      out.push_back(line("gateway", Health::Ok, "reachable at " + url + " with the pinned key; device " + dev +
                                                    " is active on wing " + p.wing + " (" + std::to_string(p.round_trip_ms) + " ms)"));
      break;
    case GatewayLink::NotEnrolled:
    case GatewayLink::BadSettings:
      out.push_back(line("gateway", Health::Failed, p.error,
                         "enrol again: waymarkctl enrol --data DIR --force with a new code from the gateway"));
      break;
    case GatewayLink::Unreachable:
      out.push_back(line("gateway", Health::Failed, "unreachable: " + url + " does not answer (" + p.error + ")", reach));
      break;
    case GatewayLink::Timeout:
      out.push_back(line("gateway", Health::Failed, "unreachable: " + url + " did not answer within a few seconds", reach));
      break;
    case GatewayLink::PinMismatch:
      out.push_back(line("gateway", Health::Failed,
                         "pin mismatch: the server at " + url + " does not have the gateway's pinned key, so nothing was sent. "
                         "Either someone is in the middle of the connection, or the gateway's key changed",
                         "do not ignore this: check the network path to " + url + ". If the gateway was given a new key on "
                         "purpose, get its pin (waymark-gateway pin) and enrol again with --force and a new code"));
      break;
    case GatewayLink::Tls:
      out.push_back(line("gateway", Health::Failed, "TLS error: " + p.error,
                         "check " + url + " is the gateway's HTTPS address and port, and that the gateway's certificate and key load "
                         "(journalctl -u waymark-gateway)"));
      break;
    case GatewayLink::KeySealed:
      out.push_back(line("gateway", Health::Skipped, "not checked: the sync key cannot be opened here (see \"sync key\")"));
      break;
    case GatewayLink::UnknownDevice:
      out.push_back(line("gateway", Health::Failed, "the gateway at " + url + " does not know device " + dev,
                         "enrol again: waymarkctl enrol --data DIR --force with a new code (the gateway may have been "
                         "restored from a backup older than this device's enrolment)"));
      break;
    case GatewayLink::Revoked:
      out.push_back(line("gateway", Health::Failed, "the gateway at " + url + " has revoked device " + dev + ": it cannot sync",
                         "if that was a mistake, enrol again with --force and a new code; otherwise decommission it"));
      break;
    case GatewayLink::Refused:
    case GatewayLink::BadAnswer:
      out.push_back(line("gateway", Health::Failed, "reached " + url + " but: " + p.error,
                         "update waymark-gateway and waymarkctl to the same release; call Waymark support if it repeats"));
      break;
  }

  if (p.gateway_time_ms > 0) {
    // The time came over the pinned connection, so it is the gateway's. Half the round trip is the error bar.
    const int64_t diff_s = (p.local_time_ms - p.gateway_time_ms) / 1000;
    const int64_t mag = diff_s < 0 ? -diff_s : diff_s;
    const std::string how = fmt_age(mag) + (diff_s < 0 ? " behind" : " ahead of");
    const std::string fix = "set the clock (timedatectl set-time, or NTP from the gateway machine) and check the clock battery";
    if (mag > opt.clock_skew_s)
      out.push_back(line("gateway clock", Health::Failed,
                         "this device's clock is " + how + " the gateway's: dates, deadlines and message times on this device are wrong",
                         fix));
    else if (mag > opt.clock_warn_s)
      out.push_back(line("gateway clock", Health::Warning, "this device's clock is " + how + " the gateway's", fix));
    else
      out.push_back(line("gateway clock", Health::Ok, "within " + fmt_age(mag) + " of the gateway's"));
    return out;
  }
  const int64_t gt = gateway_time_floor(db) / 1000;  // the newest time the gateway gave, 0 if none
  if (gt > 0 && now + opt.clock_skew_s < gt)
    out.push_back(line("clock", Health::Failed, "this device's clock is behind the time the gateway last gave",
                       "set the clock (timedatectl) and check the hardware clock battery"));
  return out;
}

std::vector<DoctorLine> run_doctor(const DoctorOptions& in) {
  DoctorOptions opt = in;
  if (opt.assets_dir.empty()) opt.assets_dir = assets_dir();
  if (opt.speech_dirs.empty())
    opt.speech_dirs = {"/usr/lib/x86_64-linux-gnu/espeak-ng-data", "/usr/lib/aarch64-linux-gnu/espeak-ng-data",
                       "/usr/lib/arm-linux-gnueabihf/espeak-ng-data", "/usr/share/espeak-ng-data",
                       "/usr/lib/espeak-ng-data"};
  const int64_t now = opt.now_s ? opt.now_s : SystemClock().now_s();
  std::vector<DoctorLine> out;

  DeviceOpenOptions o;
  o.create = false;
  DeviceOpenResult r = open_device(opt.data_dir, o);
  if (!r.db) {
    out.push_back(line("database", Health::Failed, r.error,
                       "do not delete the file; copy the data folder aside and call Waymark support"));
  } else {
    try {
      const std::string ic = r.db->integrity_check();
      if (ic == "ok")
        out.push_back(line("database", Health::Ok, "integrity ok, schema version " + std::to_string(r.db->user_version())));
      else
        out.push_back(line("database", Health::Failed, "integrity check: " + ic,
                           "do not delete the file; stop the kiosk, copy the data folder aside and call Waymark support"));
      if (meta_get(*r.db, kMetaEstablishment).empty())
        out.push_back(line("setup", Health::Warning, "no establishment name set",
                           "waymarkctl init --data DIR --establishment NAME --wing NAME"));
      for (DoctorLine& l : doctor_gateway_checks(*r.db, opt, now)) out.push_back(std::move(l));
      check_packs(*r.db, opt, now, out);
      check_outbox(*r.db, opt, now, out);
      check_sync(*r.db, opt, now, out);
      check_crashes(opt, now, out);
      check_renderer(*r.db, out);
      check_pins(*r.db, opt, out);
    } catch (const std::exception& e) {
      out.push_back(line("database", Health::Failed, std::string("a check could not run: ") + e.what(),
                         "stop the kiosk and run doctor again; call Waymark support if it repeats"));
    }
  }
  check_clock(now, out);
  check_fonts(opt, out);
  check_speech(opt, out);
  check_disk(opt, out);
  return out;
}

}  // namespace waymark
