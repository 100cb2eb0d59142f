// tests/web/e2e_server.cpp: the gateway the browser test drives. Seeds DIR (see web_fixture.h: child 1001's
// message to Sam Taylor arrives through the device API, My Views and an enquiry too), serves HTTPS on
// 127.0.0.1 at a free port, prints "PORT N", "PASSWORD P", "SECURITY", "BOARD EMAIL PASSWORD" (the demo's board
// history is seeded too), "IT EMAIL PASSWORD" (Brookfield's establishment IT), "CHILDREN [[number, name]...]" (what the board pages must never show), "TODAY
// YYYY-MM-DD" (its own idea of the day), and runs until standard input closes (Alex has also answered his plan
// from a kiosk). Then it prints one JSON line: what the kiosk's wing feed now holds for child 1001 (replies,
// meetings, receipts, plan versions, application states),
// so the test can check that the worker's actions reach the kiosk.
//   usage: web_e2e_server DIR
#include <cstdio>
#include <iostream>
#include <string>

#include "core/base/dates.h"
#include "gateway/store/board_demo.h"
#include "tests/web/web_fixture.h"

using namespace waymark;
using namespace waymark::webtest;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: web_e2e_server DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  fs::remove_all(dir);
  fs::create_directories(dir);
  try {
    const Seeded s = seed_web_demo(dir, wall_ms());
    {
      auto db = gateway::open_gateway(dir);
      gateway::add_security_staff(*db, "Pat Jones", "pat.jones@brookfield.example", "e2e", wall_ms());
      const std::string code = gateway::issue_password_code(*db, "pat.jones@brookfield.example", "e2e", wall_ms());
      const std::string err = gateway::set_password_with_code(*db, "pat.jones@brookfield.example", code, "pat-security-password", "127.0.0.1", wall_ms());
      if (!err.empty()) throw std::runtime_error(err);
      gateway::seed_board_demo(*db, wall_ms());  // a year of fictional history and the board member Morgan Price
      gateway::add_it_account(*db, "Ivy Clarke", "ivy.it@brookfield.example", "BRK", "e2e", wall_ms());  // Brookfield's IT
      const std::string it_code = gateway::issue_password_code(*db, "ivy.it@brookfield.example", "e2e", wall_ms());
      const std::string it_err =
          gateway::set_password_with_code(*db, "ivy.it@brookfield.example", it_code, "it-staff-password-2468", "127.0.0.1", wall_ms());
      if (!it_err.empty()) throw std::runtime_error(it_err);
    }
    json children = json::array();
    {
      auto db = gateway::open_gateway(dir);
      Stmt q(*db, "SELECT number, first_name FROM children ORDER BY number");
      while (q.step()) children.push_back(json::array({q.text(0), q.text(1)}));
    }
    {  // Alex answered his plan on the kiosk: he wants to talk about where he will live
      auto db = gateway::open_gateway(dir);
      FakeKiosk k(*db);
      k.up(*db, "plan_answer", "1001",
           json{{"v", 1}, {"pathway", "accommodation"}, {"answer", "talk"}, {"text", ""}, {"plan_version", 2},
                {"answered_at", wall_ms() / 1000}, {"lang", "en"}},
           wall_ms());
    }
    gateway::ServerOptions o;
    o.data_dir = dir;
    o.threads = 4;
    gateway::GatewayServer srv(o);
    srv.start();
    std::printf("PORT %d\nPASSWORD %s\nSECURITY pat.jones@brookfield.example pat-security-password\n"
                "BOARD morgan.price@board.example demo-board-2468\nIT ivy.it@brookfield.example it-staff-password-2468\nCHILDREN %s\nTODAY %s\nMESSAGE %s\n",
                srv.port(), kSamPassword, children.dump().c_str(), format_date(local_date(wall_ms() / 1000)).c_str(), s.msg_1001.c_str());
    std::fflush(stdout);
    std::string line;
    while (std::getline(std::cin, line)) {
    }
    srv.stop();
    auto db = gateway::open_gateway(dir);
    json out{{"replies", json::array()}, {"meetings", json::array()}, {"read_receipts", 0}};
    {
      Stmt q(*db, "SELECT payload FROM changes WHERE kind = 'message' AND wing = 'Oak' ORDER BY server_seq");
      while (q.step()) {
        const json p = json::parse(q.text(0));
        if (p.value("child", "") == "1001") out["replies"].push_back(p["text"]);
      }
    }
    {
      Stmt q(*db, "SELECT id, kind, date, time, place, with_whom, cancelled FROM meetings WHERE child = '1001' ORDER BY date");
      while (q.step())
        out["meetings"].push_back(json{{"kind", q.text(1)}, {"date", q.text(2)}, {"time", q.text(3)}, {"place", q.text(4)},
                                       {"with", q.text(5)}, {"cancelled", q.i64(6) != 0}});
    }
    out["plan_versions"] = json::array();
    out["applications"] = json::array();
    {  // what the wing's kiosks get of Alex's plan and applications
      Stmt q(*db, "SELECT kind, payload FROM changes WHERE kind IN ('plan', 'application') AND wing = 'Oak' ORDER BY server_seq");
      while (q.step()) {
        const json p = json::parse(q.text(1));
        if (p.value("child", "") != "1001") continue;
        if (q.text(0) == "plan") out["plan_versions"].push_back(p["plan"]["version"]);
        else out["applications"].push_back(p.value("state", "") + " " + p.value("interview_on", ""));
      }
    }
    {
      Stmt q(*db, "SELECT count(*) FROM changes WHERE kind = 'receipt' AND device_id = :d AND payload LIKE :p");
      q.bind(":d", s.kiosk_id).bind(":p", "%" + s.msg_1001 + "%\"read\"%");
      q.step();
      out["read_receipts"] = q.i64(0);
    }
    std::printf("%s\n", out.dump().c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "web_e2e_server: %s\n", e.what());
    return 1;
  }
}
