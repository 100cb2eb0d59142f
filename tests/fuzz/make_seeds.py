#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpus into OUT/<target>/ from the demo assets, the UI test scripts and
small hand-made examples of each protocol body (docs/sync-protocol.md). scripts/fuzz.sh runs it into a
temporary folder; tests/fuzz/corpus/<target>/ (committed) adds the inputs worth keeping, such as past crashes.
    tests/fuzz/make_seeds.py OUT"""
import glob
import hashlib
import json
import os
import struct
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def head_lines(data, n):
    return b"".join(data.splitlines(keepends=True)[:n])


def pack(manifest_bytes, files):
    out = b"WMPACK01" + struct.pack(">I", len(manifest_bytes)) + manifest_bytes
    out += struct.pack(">I", 64) + b"\0" * 64 + struct.pack(">I", len(files))
    for path, data in files:
        p = path.encode()
        out += struct.pack(">H", len(p)) + p + struct.pack(">Q", len(data)) + data
    return out


def manifest(files, version=2):
    m = {"format": 1, "pack_id": "demo", "version": version, "created": "2026-11-23T14:21:04Z",
         "expires": "2031-11-02", "as_of": "2026-11-02", "key_id": "unsigned",
         "files": [{"path": p, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for p, d in files]}
    return json.dumps(m, indent=1, sort_keys=True).encode()


def main():
    out = sys.argv[1]
    seeds = {}

    def add(target, name, data):
        seeds.setdefault(target, {})[name] = data if isinstance(data, bytes) else data.encode()

    listings = head_lines(read("assets/catalogue/listings.csv"), 6)
    las = head_lines(read("assets/la/local_authorities.csv"), 8)
    form = read("assets/forms/myviews-default.v1.json")
    small = [("listings.csv", listings), ("local_authorities.csv", las)]
    with_form = small + [("forms/myviews-default.v1.json", form)]

    add("fuzz_pack", "small.pack", pack(manifest(small), small))
    add("fuzz_pack", "with_form.pack", pack(manifest(with_form), with_form))
    add("fuzz_pack", "empty.pack", pack(manifest([]), []))
    add("fuzz_pack_manifest", "small.json", manifest(small))
    add("fuzz_pack_manifest", "big_version.json", manifest(small, 9223372036854775807))
    add("fuzz_pack_manifest", "public.key", json.dumps({"type": "waymark-ed25519-public", "name": "demo",
                                                        "key": "ab" * 32}))
    add("fuzz_pack_manifest", "secret.key", json.dumps({"type": "waymark-ed25519-secret", "name": "demo",
                                                        "key": "cd" * 64}))
    add("fuzz_pack_content", "listings_las_form", listings + b"\n====\n" + las + b"\n====\n" + form)
    add("fuzz_pack_content", "listings_only", listings)
    add("fuzz_form", "myviews-default.v1.json", form)
    # the plan's JSON format as docs/plan-format.md documents it, and the wire bodies that go with it
    doc = read("docs/plan-format.md").decode()
    plan_json = doc.split("```json\n", 1)[1].split("```", 1)[0]
    add("fuzz_plan", "plan-format.json", plan_json.encode())
    add("fuzz_plan", "plan-change.json", json.dumps({"v": 1, "child": "1001", "plan": json.loads(plan_json)}).encode())
    add("fuzz_plan", "application.json", json.dumps({"v": 1, "child": "1001", "listing_id": "L-7", "state": "interview",
                                                     "interview_on": "2027-03-10", "updated_at": 1}).encode())
    add("fuzz_plan", "plan-answer.json", json.dumps({"v": 1, "pathway": "ete", "answer": "own_goal", "text": "I will",
                                                     "plan_version": 2, "answered_at": 1, "lang": "cy"}).encode())
    add("fuzz_csv", "local_authorities.csv", las)
    add("fuzz_csv", "listings.csv", listings)
    add("fuzz_csv", "quoted.csv", b'a,"b ""quoted""","multi\nline"\r\n1,2,3\r\n')
    add("fuzz_listings_import", "listings.csv", listings)
    add("fuzz_listings_import", "minimal.csv",
        b"kind,title,provider,la_code,place,start_date,duration,requirements,summary,level,interest\n"
        b"course,Plumbing starter course,Cardiff and Vale College,W06000015,Cardiff,2026-04-13,1 year,"
        b"No exams needed.,Fit pipes and taps and learn how heating works.,1,building\n")
    for p in sorted(glob.glob(os.path.join(ROOT, "tests/ui/scripts/*.wms")))[:12]:
        add("fuzz_script", os.path.basename(p), read(p))

    # the gateway's device and worker bodies: the first byte picks the handler (fuzz_gateway_device.cpp)
    rec = {"id": "0123456789abcdef0123456789abcdef", "seq": 1, "kind": "message", "child": "1001",
           "created_at": 1796212800, "body": json.dumps({"to": 1, "text": "hello"})}
    mv = dict(rec, id="1123456789abcdef0123456789abcdef", seq=2, kind="myviews",
              body=json.dumps({"form": "myviews-default", "version": 1, "answers": {"feeling": 3}}))
    bodies = [
        (0, {"code": "ABCD-EFGH", "public_key": "A" * 43 + "=", "label": "wing tablet"}),
        (1, {"records": [rec, mv]}),
        (2, {"cursor": 0, "epoch": "e1", "limit": 100}),
        (3, {}),
        (4, {"id": "0123456789abcdef0123456789abcdef"}),
        (5, {"child": "1001", "text": "See you on Tuesday"}),
    ]
    for which, body in bodies:
        add("fuzz_gateway_device", f"handler{which}.json", bytes([which]) + json.dumps(body).encode())

    # raw HTTP requests for the route tables (fuzz_web.cpp): @SESSION@ and @CSRF@ are Sam's session and form token
    # as they are (the harness makes them so); @DEVICE@ is filled in
    def http(method, path, body=b"", headers=()):
        h = [f"{method} {path} HTTP/1.1", "Host: gateway.local"] + list(headers)
        if body:
            h += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        return ("\r\n".join(h) + "\r\n\r\n").encode() + body

    cookie = "Cookie: __Host-wm_session=@SESSION@"
    add("fuzz_web", "root", http("GET", "/"))
    add("fuzz_web", "sign_in_page", http("GET", "/sign-in"))
    add("fuzz_web", "sign_in_post", http("POST", "/sign-in", b"email=sam.taylor%40leeds-yot.example&password=x&csrf=x"))
    add("fuzz_web", "children", http("GET", "/children", headers=[cookie]))
    add("fuzz_web", "child", http("GET", "/children/1001", headers=[cookie]))
    add("fuzz_web", "child_my_views", http("GET", "/children/1001/views", headers=[cookie]))
    add("fuzz_web", "send", http("POST", "/children/1001/reply", b"csrf=@CSRF@&text=Hello", headers=[cookie]))
    add("fuzz_web", "sign_out", http("POST", "/sign-out", b"csrf=@CSRF@", headers=[cookie]))
    add("fuzz_web", "v1_enrol", http("POST", "/v1/enrol", json.dumps(bodies[0][1]).encode(),
                                     headers=["X-Ignore: 1"]).replace(b"x-www-form-urlencoded", b"json"))
    add("fuzz_web", "v1_up", http("POST", "/v1/up", json.dumps(bodies[1][1]).encode(),
                                  headers=["X-Waymark-Device: 0123456789abcdef0123456789abcdef",
                                           "X-Waymark-Time: 1796212800000", "X-Waymark-Signature: AAAA"]))
    add("fuzz_web", "v1_worker_session", http("POST", "/v1/worker/session",
                                              b'{"email":"sam.taylor@leeds-yot.example","password":"x"}'))
    add("fuzz_web", "v1_worker_inbox", http("GET", "/v1/worker/inbox", headers=["Authorization: Bearer abc"]))
    add("fuzz_web", "pipelined", http("GET", "/web.css") + http("GET", "/nope"))
    # establishment IT's pages and forms (gateway/web/pages_it*.cpp), as Brookfield's IT (@IT_SESSION@, @IT_CSRF@;
    # @DEVICE@ is the device enrolled on Oak). 1003 is Hollins' child: refused.
    it = "Cookie: __Host-wm_session=@IT_SESSION@"

    def it_post(path, body):
        return http("POST", path, b"csrf=@IT_CSRF@&" + body, headers=[it])

    for name, path in [("it_home", "/it"), ("it_devices", "/it/devices"), ("it_revoke_page", "/it/devices/@DEVICE@/revoke"),
                       ("it_enrol_codes", "/it/enrol-codes?wing=Oak"), ("it_roster", "/it/roster?transferred=1"),
                       ("it_child", "/it/children/1001?done=allow"), ("it_child_other", "/it/children/1003"),
                       ("it_transfer_page", "/it/transfer?child=1002")]:
        add("fuzz_web", name, http("GET", path, headers=[it]))
    add("fuzz_web", "it_revoke", it_post("/it/devices/@DEVICE@/revoke", b"confirm=yes"))
    add("fuzz_web", "it_revoke_unconfirmed", it_post("/it/devices/@DEVICE@/revoke", b"confirm=no"))
    add("fuzz_web", "it_enrol_code", it_post("/it/enrol-codes", b"wing=Oak&hours=24"))
    add("fuzz_web", "it_enrol_code_bad", it_post("/it/enrol-codes", b"wing=Ash&hours=9999"))
    add("fuzz_web", "it_contact_allow", it_post("/it/children/1001/contacts",
                                                b"action=allow&email=rhian.evans%40cardiff-yos.example"))
    add("fuzz_web", "it_contact_revoke", it_post("/it/children/1001/contacts", b"action=revoke&worker=1"))
    add("fuzz_web", "it_contact_other", it_post("/it/children/1003/contacts", b"action=allow&email=x%40y.example"))
    add("fuzz_web", "it_transfer_check", it_post("/it/transfer", b"child=1002&to=HOL%2FAsh&step=check"))
    add("fuzz_web", "it_transfer_confirm", it_post("/it/transfer", b"child=1002&to=HOL%2FAsh&step=confirm"))
    add("fuzz_web", "it_transfer_then_roster", it_post("/it/transfer", b"child=1001&to=HOL%2FAsh&step=confirm")
        + http("GET", "/it/roster?transferred=1", headers=[it]))
    add("fuzz_web", "it_no_csrf", http("POST", "/it/enrol-codes", b"wing=Oak&hours=24", headers=[it]))
    add("fuzz_web", "it_worker_session", http("GET", "/it/devices", headers=[cookie]))
    # the board's report and its CSV: a period, a grouping, an establishment and a YOT (pages_board.cpp)
    board = "Cookie: __Host-wm_session=@BOARD_SESSION@"
    add("fuzz_web", "board", http("GET", "/board?from=2026-07-01&to=2026-09-30&by=yot&establishment=HOL&yot=Leeds%20YOT",
                                  headers=[board]))
    add("fuzz_web", "board_csv", http("GET", "/board.csv?establishment=BRK&by=establishment", headers=[board]))

    # a gateway's answers to the kiosk (fuzz_kiosk_sync.cpp): up, down, down, packs, hello, split at ----
    up = {"receipts": [{"id": "@ID@", "status": "accepted", "seq": 1}], "time_ms": 1796212800000}
    changes = [
        {"seq": 1, "kind": "child", "data": {"number": "1001", "first_name": "Alex", "dob": "2010-03-01",
                                              "wing": "Oak", "lang": "en", "active": True, "pin_hash": "",
                                              "release_date": "2027-02-10", "release_la": "E08000035"}},
        {"seq": 2, "kind": "contact", "data": {"child": "1001", "worker_id": 1, "name": "Sam Taylor",
                                                "org": "Leeds YOT", "allowed": True}},
        {"seq": 3, "kind": "meeting", "data": {"id": "m1", "child": "1001", "kind": "review", "date": "2026-12-11",
                                                "time": "10:30", "place": "Visits room 2", "with_whom": "Sam",
                                                "cancelled": False}},
        {"seq": 4, "kind": "message", "data": {"id": "0223456789abcdef0123456789abcdef", "child": "1001",
                                                "worker_id": 1, "text": "Hi Alex", "sent_at": 1796212800000}},
        {"seq": 5, "kind": "receipt", "data": {"id": "@ID@", "state": "read", "at": 1796212800000}},
        {"seq": 6, "kind": "pack", "data": {"sha256": "00" * 32, "pack_id": "demo", "version": 3, "size": 100}},
    ]
    down = {"changes": changes, "cursor": 6, "more": False, "epoch": "e1", "time_ms": 1796212800000}
    hello = {"ok": True, "device_id": "0123456789abcdef0123456789abcdef", "wing": "Oak", "epoch": "e1",
             "time_ms": 1796212800000, "active": True}
    sep = b"\n----\n"
    add("fuzz_kiosk_sync", "round", sep.join([json.dumps(up).encode(), json.dumps(down).encode(),
                                              json.dumps({"changes": [], "cursor": 6, "epoch": "e1"}).encode(),
                                              b"!404 " + b'{"error":"not_found","message":"gone"}',
                                              json.dumps(hello).encode()]))
    add("fuzz_kiosk_sync", "refused", sep.join([b'!401 {"error":"clock","message":"clock","time_ms":1796212800000}',
                                                b'!403 {"error":"revoked_device","message":"revoked"}']))
    add("fuzz_kiosk_sync", "reset", sep.join([json.dumps(up).encode(),
                                              json.dumps({"changes": [], "cursor": 0, "epoch": "e2",
                                                          "reset": True}).encode()]))

    # one wire body each way (fuzz_wire.cpp): the first byte picks the type, as numbered there
    answer = {"q": "goal", "title": "What do you want to do?", "value": {"picked": ["mum"], "typing": "Gran"},
              "skipped": False, "text": "Mum, Gran"}
    views = {"v": 1, "kind": "myviews", "form": "myviews-v1", "form_version": 1, "child": "1001", "lang": "cy",
             "meeting": {"id": 7, "type": "review", "starts_at": 1796212800}, "started_at": 1796000000,
             "finalized_at": 1796100000, "supersedes": "0123456789abcdef0123456789abcdef", "answers": [answer]}
    listing = {"v": 1, "listing_id": "L-brick", "kind": "course", "title": "Bricklaying", "provider": "Leeds College",
               "place": "Quarry Hill", "la_code": "E08000035", "start_date": "2027-09-06", "duration": "1 year",
               "asked_at": 1796212800, "la_name": "Leeds", "title_cy": "Gosod brics", "read_in": "Welsh"}
    wire_bodies = [
        {"v": 1, "to": 1, "text": "Hi Sam"}, listing,
        {"v": 1, "topic": "release_area", "question": "Where will I live?", "asked_at": 1796212800}, views,
        {"topic": 5}, answer,
        {"id": "0123456789abcdef0123456789abcdef", "status": "refused", "reason": "bad_body",
         "detail": "answers 1, text: must be text", "server_seq": 3, "received_at": 1796212800000},
        changes[0]["data"] | {"pin_hash": "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA"}, changes[1]["data"],
        changes[2]["data"], changes[3]["data"], changes[4]["data"],
        {"v": 1, "pack_id": "demo", "version": 3, "sha256": "ab" * 32, "size": 100, "expires": "2031-11-02"},
        views,
        {"v": 1, "id": "2123456789abcdef0123456789abcdef", "kind": "myviews", "child": "1001", "body": json.dumps(views),
         "created_at": 1796100000, "state": "read", "state_at": 1796200000},
        {"v": 1, "kind": "draft", "child": "1001", "what": "myviews", "updated_at": 1796100000,
         "meeting": "de300000000000000000000000100101", "meeting_type": "review", "meeting_starts_at": 1796212800,
         "form": "myviews-default", "form_version": 1, "current_q": "going_well", "supersedes": None,
         "answers": [{"q": "feeling", "value": 4, "skipped": False}, {"q": "proud_of", "value": None, "skipped": True}]},
    ]
    for which, body in enumerate(wire_bodies):
        add("fuzz_wire", f"type{which}.json", bytes([which]) + json.dumps(body).encode())
    add("fuzz_wire", "type15-goal.json", bytes([15]) + json.dumps(
        {"v": 1, "kind": "draft", "child": "1001", "what": "plan_goal", "updated_at": 1796100000,
         "pathway": "ete", "text": "Get my CSCS card"}).encode())

    for target, files in seeds.items():
        os.makedirs(os.path.join(out, target), exist_ok=True)
        for name, data in files.items():
            with open(os.path.join(out, target, name), "wb") as f:
                f.write(data)


if __name__ == "__main__":
    main()
