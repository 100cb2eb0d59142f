#!/usr/bin/env python3
"""tests/web/e2e.py SERVER OUTDIR [CHROMIUM]: a YOT worker's morning in Debian's headless chromium.

Sign in as Sam Taylor, read the message child 1001 sent from the kiosk, mark it read, reply, open the
My Views response, print it (print media screenshot and a PDF whose pages are counted), book a meeting
(day, month, year and a 24-hour time), read Alex's answer to his plan, write a pathway (refused once with
each problem beside its field), set an enquiry's state, sign out; then security staff's read-only review,
its tables keyboard-reachable at phone width and in words; the board's report; establishment IT revoking a device
(after a confirm page), making an enrolment code and transferring a child to Hollins. Screenshots go to OUTDIR. Then the gateway's wing feed
is checked: the reply, the meeting and the read receipt are there for the kiosk's next sync.

Needs only Debian packages: python3 (standard library) and chromium. The browser is driven over the
Chrome DevTools Protocol on --remote-debugging-pipe (chromium reads NUL-terminated JSON on fd 3 and
writes on fd 4), so nothing is downloaded. Every wait is for an event with a deadline, and a watchdog
kills chromium and the server if the whole run takes longer than TOTAL_SECONDS.

Exit codes: 0 passed, 1 a check failed (or anything went wrong), 77 chromium is not installed (CTest skip).
"""
import base64
import datetime
import fcntl
import json
import math
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

TOTAL_SECONDS = 180  # the whole run; CTest's own TIMEOUT (240 s) is the last resort
STEP_SECONDS = 30    # one CDP command or one page load
DESKTOP = {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": False}

started = time.monotonic()
deadline = started + TOTAL_SECONDS
failures = 0


def log(line):
    print(line, flush=True)


def check(ok, what):
    global failures
    log(f"{'ok  ' if ok else 'FAIL'} {what}")
    if not ok:
        failures += 1


def remaining(step=STEP_SECONDS):
    """(seconds, words): how long the next wait may take, and what runs out then (the step or the whole test)."""
    whole = deadline - time.monotonic()
    if whole <= 0:
        raise TimeoutError(f"the whole test took longer than {TOTAL_SECONDS} s")
    if whole < step:
        return whole, f"the whole test's {TOTAL_SECONDS} s ran out"
    return step, f"{step} s"


class CdpError(Exception):
    pass


class Browser:
    """Chromium over --remote-debugging-pipe: commands wait for their reply, events are queued."""

    def __init__(self, exe, profile_dir, log_path):
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()

        def child_fds():
            # Copy the two pipe ends out of the way first (close-on-exec), then onto fds 3 and 4 where chromium
            # expects them (dup2 makes those inheritable). Every other fd Python opened is close-on-exec.
            r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD_CLOEXEC, 100)
            w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD_CLOEXEC, 100)
            os.dup2(r, 3)
            os.dup2(w, 4)

        args = [exe, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
                f"--user-data-dir={profile_dir}", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
                "--password-store=basic", "--use-mock-keychain", "about:blank"]
        self.log_file = open(log_path, "wb")
        # start_new_session: chromium's helpers share its process group, so one killpg ends them all.
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.log_file, stderr=self.log_file,
                                     preexec_fn=child_fds, close_fds=False, start_new_session=True)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.out = to_chrome_w
        self.inp = from_chrome_r
        self.lock = threading.Lock()
        self.cond = threading.Condition()
        self.next_id = 0
        self.replies = {}
        self.events = []
        self.closed = False
        self.requests = []  # every URL any page asked for (Network.requestWillBeSent)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        buf = b""
        try:
            while True:
                chunk = os.read(self.inp, 1 << 16)
                if not chunk:
                    break
                buf += chunk
                while b"\0" in buf:
                    raw, buf = buf.split(b"\0", 1)
                    msg = json.loads(raw)
                    with self.cond:
                        if "id" in msg:
                            self.replies[msg["id"]] = msg
                        elif msg.get("method") == "Network.requestWillBeSent":
                            self.requests.append(msg["params"]["request"]["url"])
                        elif not msg.get("method", "").startswith("Network."):
                            self.events.append(msg)
                        self.cond.notify_all()
        except OSError:
            pass
        finally:
            with self.cond:
                self.closed = True
                self.cond.notify_all()

    def send(self, method, params=None, session=None, step=STEP_SECONDS):
        with self.lock:
            self.next_id += 1
            mid = self.next_id
            msg = {"id": mid, "method": method, "params": params or {}}
            if session:
                msg["sessionId"] = session
            data = json.dumps(msg).encode() + b"\0"
            while data:
                data = data[os.write(self.out, data):]
        limit, limit_words = remaining(step)
        end = time.monotonic() + limit
        with self.cond:
            while mid not in self.replies:
                if self.closed:
                    raise CdpError(f"chromium closed the pipe during {method}")
                left = end - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no reply to {method} ({limit_words})")
                self.cond.wait(left)
            reply = self.replies.pop(mid)
        if "error" in reply:
            raise CdpError(f"{method}: {reply['error'].get('message')} {reply['error'].get('data', '')}".strip())
        return reply.get("result", {})

    def drop_events(self, session):
        with self.cond:
            self.events = [e for e in self.events if e.get("sessionId") != session]

    def wait_event(self, session, method, pred=lambda p: True, what=None):
        limit, limit_words = remaining()
        end = time.monotonic() + limit
        with self.cond:
            while True:
                for i, e in enumerate(self.events):
                    if e.get("sessionId") == session and e.get("method") == method and pred(e.get("params", {})):
                        del self.events[i]
                        return e.get("params", {})
                if self.closed:
                    raise CdpError(f"chromium closed the pipe while waiting for {what or method}")
                left = end - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"waited for {what or method} ({limit_words})")
                self.cond.wait(left)

    def kill(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for fd in (self.out, self.inp):
            try:
                os.close(fd)
            except OSError:
                pass
        self.log_file.close()

    def close(self):
        """Browser.close, then kill whatever is left."""
        if self.proc.poll() is None:
            try:
                self.send("Browser.close", step=5)
            except Exception:
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        self.kill()


# Page-side helpers, like Playwright's locators: each lookup must find exactly one element, or it throws.
JS_HELPERS = r"""
const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
const one = (list, what) => {
  if (list.length !== 1) throw new Error(`${what}: expected exactly one on ${location.pathname}, found ${list.length}`);
  return list[0];
};
const matches = (text, name) => (name instanceof RegExp ? name.test(text) : text === name);
// A form control by its label: the label's own words (before any hint) start with `name`, or match a RegExp.
const byLabel = (name) => one([...document.querySelectorAll('label')]
    .filter((l) => { const t = norm(l.textContent); return name instanceof RegExp ? name.test(t) : t.startsWith(name); })
    .map((l) => l.control).filter(Boolean), `the field labelled ${name}`);
const button = (name) => one([...document.querySelectorAll('button, input[type=submit]')]
    .filter((b) => matches(norm(b.textContent || b.value), name)), `the button ${name}`);
const link = (name) => one([...document.querySelectorAll('a[href]')]
    .filter((a) => matches(norm(a.textContent), name)), `the link ${name}`);
const fill = (el, value) => {
  el.focus();
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
  if (el.value !== value) throw new Error(`${el.id || el.name} did not take the value ${value} (it holds ${el.value})`);
  return true;
};
const text = (sel) => one([...document.querySelectorAll(sel)], sel).textContent;
"""


class Page:
    """One tab (a CDP target attached with flatten=true)."""

    def __init__(self, browser, context_id, metrics):
        self.b = browser
        target = browser.send("Target.createTarget", {"url": "about:blank", "browserContextId": context_id})["targetId"]
        self.target = target
        self.s = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.cmd("Page.enable")
        self.cmd("Page.setLifecycleEventsEnabled", {"enabled": True})
        self.cmd("Runtime.enable")
        self.cmd("Network.enable")
        self.cmd("Emulation.setDeviceMetricsOverride", metrics)
        self.frame = self.cmd("Page.getFrameTree")["frameTree"]["frame"]["id"]

    def cmd(self, method, params=None):
        return self.b.send(method, params, session=self.s)

    def eval(self, expr):
        """Evaluates an expression (with the helpers above in scope) in the page and returns its value."""
        r = self.cmd("Runtime.evaluate", {"expression": f"(() => {{ {JS_HELPERS}\nreturn ({expr}); }})()",
                                          "returnByValue": True, "awaitPromise": True, "userGesture": True})
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise CdpError(d.get("exception", {}).get("description") or d.get("text"))
        return r["result"].get("value")

    def _wait_loaded(self, what):
        """The main frame commits a new document and its load event fires (redirects included)."""
        nav = self.b.wait_event(self.s, "Page.frameNavigated",
                                lambda p: p["frame"]["id"] == self.frame and p["frame"]["url"] != "about:blank",
                                what=f"{what}: a new page")
        loader = nav["frame"]["loaderId"]
        self.b.wait_event(self.s, "Page.lifecycleEvent",
                          lambda p: p["frameId"] == self.frame and p["loaderId"] == loader and p["name"] == "load",
                          what=f"{what}: the page to load")

    def goto(self, url):
        self.b.drop_events(self.s)
        r = self.cmd("Page.navigate", {"url": url})
        if r.get("errorText"):
            raise CdpError(f"navigating to {url}: {r['errorText']}")
        self._wait_loaded(url)

    def click_and_load(self, locator):
        """A real DOM click (the form posts its CSRF token as a browser does), then the next page loads."""
        self.b.drop_events(self.s)
        self.eval(f"({locator}).click(), true")
        self._wait_loaded(f"after clicking {locator}")

    def url(self):
        return self.eval("location.href")

    def main_text(self):
        return self.eval("text('main')")

    def screenshot(self, path):
        """The full page, like Playwright's fullPage: true."""
        m = self.cmd("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": math.ceil(m["width"]), "height": math.ceil(m["height"]), "scale": 1}
        r = self.cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip})
        png = base64.b64decode(r["data"])
        if not png.startswith(b"\x89PNG"):
            raise CdpError(f"{path}: captureScreenshot did not return a PNG")
        with open(path, "wb") as f:
            f.write(png)

    def close(self):
        self.b.send("Target.closeTarget", {"targetId": self.target})


class Gateway:
    """web_e2e_server: prints PORT/PASSWORD/SECURITY/BOARD/IT/CHILDREN/TODAY/MESSAGE, serves until stdin closes, then one JSON line."""

    def __init__(self, server, data_dir):
        # run_e2e.sh took a faked clock (libfaketime) off python and chromium: the gateway gets it back
        env = dict(os.environ)
        if env.get("WAYMARK_E2E_PRELOAD"):
            env["LD_PRELOAD"] = env["WAYMARK_E2E_PRELOAD"]
        self.proc = subprocess.Popen([server, data_dir], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     start_new_session=True, env=env)
        self.info = {}
        self.summary = None
        self.cond = threading.Condition()
        self.done = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            with self.cond:
                m = re.match(r"^(PORT|PASSWORD|SECURITY|BOARD|IT|CHILDREN|TODAY|MESSAGE) (.*)$", line)
                if m:
                    self.info[m.group(1)] = m.group(2)
                elif line.startswith("{"):
                    self.summary = json.loads(line)
                self.cond.notify_all()
        with self.cond:
            self.done = True
            self.cond.notify_all()

    def _wait(self, ready, what):
        limit, limit_words = remaining()
        end = time.monotonic() + limit
        with self.cond:
            while not ready():
                if self.done:
                    raise RuntimeError(f"web_e2e_server exited ({self.proc.wait()}) before {what}")
                left = end - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"web_e2e_server: no {what} ({limit_words})")
                self.cond.wait(left)

    def wait_ready(self):
        self._wait(lambda: "MESSAGE" in self.info, "start-up lines")

    def finish(self):
        """Closes stdin: the server stops and prints what the kiosk's wing feed holds."""
        if self.proc.stdin and not self.proc.stdin.closed:
            self.proc.stdin.close()
        self._wait(lambda: self.summary is not None, "JSON summary")
        return self.summary

    def kill(self):
        if self.proc.stdin and not self.proc.stdin.closed:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def pdf_page_count(pdf):
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def fill_date(page, day, month, year):
    """The page's one day/month/year date (the GOV.UK date-input pattern)."""
    for label, value in (("Day", day), ("Month", month), ("Year", year)):
        page.eval(f"fill(byLabel('{label}'), {json.dumps(str(value))})")


def plan_steps(page, base, shot):
    """My plan: read the child's answer, write a pathway (a problem first, then saved), set an enquiry's state."""
    page.goto(f"{base}/children")
    check("1 new answer to the plan" in page.main_text(), "My children: Alex has a new answer to the plan")
    page.click_and_load("link('1 new answer to the plan')")
    plan = page.main_text()
    check("Accommodation: I want to talk about this" in plan and "New" in plan, "the plan page shows Alex's answer as new")
    check("Late" in plan and "Leeds Housing team" in plan, "the demo plan's late action is shown")
    shot("12-plan.png")
    page.click_and_load("link('Edit Substance misuse')")
    page.eval("fill(byLabel('Where things stand'), 'You and Sam talk about cannabis every month.')")
    page.eval("fill(byLabel('The goal'), 'I will keep my head clear for my apprenticeship.')")
    page.eval("fill(byLabel('What will be done'), 'Book you in with the Leeds young people\u2019s drug service')")
    page.eval("fill(byLabel('Who'), 'Forward Leeds, call 0113 496 0000')")
    fill_date(page, 31, 2, 2099)
    page.click_and_load("button('Save Substance misuse')")
    problems = page.main_text()
    check("must be a real date" in problems and "This looks like a phone number" in problems,
          "a date that is not a date and a phone number are each said beside their field")
    check(page.eval("byLabel('What will be done').value").startswith("Book you in"), "nothing typed was lost")
    shot("13-plan-problems.png")
    page.eval("fill(byLabel('Who'), 'Forward Leeds')")
    page.eval("fill(byLabel('Day'), '28')")
    page.click_and_load("button('Save Substance misuse')")
    check("Saved as version 3" in page.main_text(), "the worker's plan is saved as version 3")
    check("I will keep my head clear" in page.main_text(), "the new goal is on the plan")
    page.click_and_load("link(/^Interested in/)")
    page.eval("(() => { const r = byLabel('Interview'); r.click(); return r.checked; })()")
    fill_date(page, 4, 3, 2099)
    page.click_and_load("button('Save what has happened')")
    interests = page.main_text()
    check("Saved. The kiosk gets it" in interests and "Interview on Wed 4 Mar 2099" in interests,
          "the enquiry's state is saved with its history")
    shot("14-interests-state.png")


def child_leaks(text, children):
    """Every child's name or number found in `text` (numbers as whole words)."""
    # The sign-out form's CSRF token is random: "1001" could turn up in it by chance, so it is not looked at.
    text = re.sub(r'name="csrf" value="[^"]*"', 'name="csrf"', text)
    found = [name for _, name in children if name in text]
    found += [number for number, _ in children if re.search(rf"(?<![0-9A-Za-z]){number}(?![0-9A-Za-z])", text)]
    return found


def one_establishment(page, phone, base, jar, ctx, children, out, shot):
    """The board member (scope all) narrows the report to Hollins with the form's plain select and its Show
    button: the page, its CSV link and the CSV are Hollins' only; at phone width nothing is wider than the screen."""
    page.goto(f"{base}/board")
    page.eval("fill(byLabel('Establishment'), 'HOL')")
    page.click_and_load("button('Show')")
    check("establishment=HOL" in page.url(), f"the choice is in the address, so it can be kept and shared ({page.url()})")
    tables = page.eval("[...document.querySelectorAll('main table')].map((t) => t.textContent).join(' ')")
    check("Hollins Secure Children's Home (demo), HOL" in tables and "Brookfield" not in tables,
          "narrowed to one establishment: Hollins' rows only")
    check(page.eval("byLabel('Establishment').value") == "HOL", "the select shows the establishment chosen")
    html = page.eval("document.documentElement.outerHTML")
    check(not child_leaks(html, children), f"no child's name or number in the narrowed report {child_leaks(html, children)}")
    shot("17a-board-one-establishment.png")
    href = page.eval("document.querySelector('a[href^=\"/board.csv\"]').getAttribute('href')")
    check("establishment=HOL" in href, f"the CSV link keeps the establishment ({href})")
    with urllib.request.urlopen(urllib.request.Request(base + href, headers={"Cookie": jar}), context=ctx, timeout=30) as r:
        csv_text = r.read().decode("utf-8")
    check("HOL" in csv_text and "Brookfield" not in csv_text, "the CSV is Hollins' only")
    phone.goto(f"{base}/board?establishment=HOL")
    wider = phone.eval("[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > "
                       "window.innerWidth + 1 && !e.closest('.table-wrap')).map((e) => e.tagName + '.' + e.className).join(' ')")
    check(not phone.eval("document.documentElement.scrollWidth > window.innerWidth + 1"),
          f"the narrowed board report at phone width: nothing wider than the screen ({wider})")
    phone.screenshot(os.path.join(out, "17b-board-one-establishment-phone.png"))
    phone.close()
    page.goto(f"{base}/board?establishment=NOPE")
    check("There is no establishment NOPE" in page.main_text(), "an unknown establishment code is said plainly")


def board_report(page, phone, base, info, out, shot):
    """A management-board member: figures only, on the page, in print, in the PDF and in the CSV."""
    email, password = info["BOARD"].split(" ")
    children = json.loads(info["CHILDREN"])
    page.goto(f"{base}/sign-in")
    page.eval(f"fill(byLabel('Email address'), {json.dumps(email)})")
    page.eval(f"fill(byLabel('Password'), {json.dumps(password)})")
    page.click_and_load("button('Sign in')")
    check(page.url() == f"{base}/board", "board member signed in: the board report")
    text = page.main_text()
    check("Small numbers are not shown" in text and "fewer than 5" in text, "the report writes the small-number rule")
    check(page.eval("document.querySelectorAll('main svg.chart text').length") >= 16, "charts have words and numbers")
    html = page.eval("document.documentElement.outerHTML")
    check(not child_leaks(html, children), f"no child's name or number in the report's HTML {child_leaks(html, children)}")
    shot("16-board-report.png")
    page.goto(f"{base}/board?by=yot")
    html = page.eval("document.documentElement.outerHTML")
    check("Leeds YOT" in html and not child_leaks(html, children), "by YOT: figures only")
    page.cmd("Emulation.setEmulatedMedia", {"media": "print"})
    shot("17-board-report-print-preview.png")
    pdf = base64.b64decode(page.cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.7,
                                                        "printBackground": False})["data"])
    page.cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf_path = os.path.join(out, "17-board-report.pdf")
    with open(pdf_path, "wb") as f:
        f.write(pdf)
    log(f"the board report prints on {pdf_page_count(pdf)} A4 page(s)")
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        words = subprocess.run([pdftotext, "-layout", pdf_path, "-"], capture_output=True, check=True).stdout.decode("utf-8", "replace")
        check("Board report" in words and "fewer than 5" in words, "the PDF's text was read (pdftotext)")
        check(not child_leaks(words, children), f"no child's name or number in the PDF {child_leaks(words, children)}")
    else:
        check(False, "pdftotext is not installed (apt-get install poppler-utils; scripts/setup-debian.sh)")
    # The CSV is a download: fetched here with the page's own session cookie.
    cookies = page.cmd("Network.getCookies", {"urls": [base + "/"]})["cookies"]
    jar = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # the gateway's own self-signed certificate, on loopback, in this test only
    req = urllib.request.Request(f"{base}/board.csv?by=yot", headers={"Cookie": jar})
    with urllib.request.urlopen(req, context=ctx, timeout=30) as r:
        csv_text = r.read().decode("utf-8")
    with open(os.path.join(out, "17-board-report.csv"), "w") as f:
        f.write(csv_text)
    check(csv_text.startswith("section,row,figure,value") and "fewer than 5" in csv_text, "the CSV has the figures")
    check(not child_leaks(csv_text, children), f"no child's name or number in the CSV {child_leaks(csv_text, children)}")
    one_establishment(page, phone, base, jar, ctx, children, out, shot)
    page.goto(f"{base}/children/1001")
    check("Not for this account" in page.main_text(), "a board member cannot open a child's page")
    page.goto(f"{base}/board")
    page.click_and_load("button('Sign out')")


def it_pages(page, phone, base, info, out, shot):
    """Brookfield's establishment IT: its devices (revoke after a confirm page), an enrolment code, the roster,
    and Cerys transferred to Hollins after a page that says what will happen."""
    email, password = info["IT"].split(" ")
    page.goto(f"{base}/sign-in")
    page.eval(f"fill(byLabel('Email address'), {json.dumps(email)})")
    page.eval(f"fill(byLabel('Password'), {json.dumps(password)})")
    page.click_and_load("button('Sign in')")
    check(page.url() == f"{base}/it", "establishment IT signed in: its start page")
    check("Brookfield YOI (demo)" in page.main_text() and "Hollins" not in page.main_text(), "IT sees its own establishment only")
    shot("18-it-home.png")
    page.goto(f"{base}/it/devices")
    check(page.eval("document.querySelectorAll('main tbody tr').length") >= 2, "the establishment's devices are listed")
    shot("19-it-devices.png")
    page.click_and_load("[...document.querySelectorAll('a[href$=\"/revoke\"]')].pop()")
    check("cannot be undone" in page.main_text(), "revoking a device asks first and says what it does")
    shot("20-it-revoke-confirm.png")
    page.click_and_load("button('Revoke this device')")
    check("The device is revoked" in page.main_text() and "Revoked" in page.main_text(), "the device is revoked")
    shot("21-it-revoked.png")
    page.goto(f"{base}/it/enrol-codes")
    page.eval("fill(byLabel('Wing'), 'Oak')")
    page.eval("fill(byLabel('Hours the code works'), 'a day')")
    page.click_and_load("button('Make a code')")
    check("Enter the hours as a whole number" in page.main_text(), "a bad number of hours is said beside its field")
    page.eval("fill(byLabel('Hours the code works'), '8')")
    page.click_and_load("button('Make a code')")
    code = page.eval("text('p.code')").strip()
    check(re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code) is not None, f"an enrolment code is shown once ({code})")
    shot("22-it-enrol-code.png")
    page.goto(f"{base}/it/roster")
    check("Alex" in page.main_text() and "Cerys" in page.main_text() and "Jay" not in page.main_text(),
          "the roster is Brookfield's children only")
    shot("23-it-roster.png")
    page.goto(f"{base}/it/transfer")
    page.eval("fill(byLabel('Child'), '1002')")
    page.eval("fill(byLabel('Where they are going'), 'HOL/Ash')")
    page.click_and_load("button('Check the transfer')")
    what = page.main_text()
    check("What will happen" in what and "Hollins" in what and "Rhian Evans" in what, "the confirm page says what will happen")
    shot("24-it-transfer-check.png")
    page.click_and_load("button('Transfer Cerys now')")
    check("The transfer is done" in page.main_text() and "Cerys" not in page.main_text(), "Cerys is transferred to Hollins")
    shot("25-it-transferred.png")
    phone.goto(f"{base}/it/devices")
    check(not phone.eval("document.documentElement.scrollWidth > window.innerWidth + 1"), "IT devices at phone width: nothing wider")
    phone.screenshot(os.path.join(out, "26-it-devices-phone.png"))
    phone.close()
    page.goto(f"{base}/children")
    check("Not for this account" in page.main_text(), "IT cannot open the worker pages")
    page.goto(f"{base}/it")
    page.click_and_load("button('Sign out')")


def run(server, out, exe, work):
    gw = Gateway(server, os.path.join(work, "gateway"))
    browser = None
    page = None
    owned = {"gw": gw}

    # The watchdog: whatever is blocked, at the deadline chromium and the server are killed and we exit.
    def watchdog():
        time.sleep(max(0.0, deadline - time.monotonic()) + 15)
        log(f"FAIL the whole test took longer than {TOTAL_SECONDS} s: killing chromium and the server")
        if owned.get("browser"):
            owned["browser"].kill()
        owned["gw"].proc.kill()
        os._exit(1)
    threading.Thread(target=watchdog, daemon=True).start()

    try:
        gw.wait_ready()
        info = gw.info
        base = f"https://127.0.0.1:{info['PORT']}"
        log(f"gateway at {base}")

        browser = Browser(exe, os.path.join(work, "profile"), os.path.join(out, "chromium.log"))
        owned["browser"] = browser
        log(f"chromium: {browser.send('Browser.getVersion')['product']}")
        # The gateway's certificate is self-signed for the loopback address: accepted in this test only.
        browser.send("Security.setIgnoreCertificateErrors", {"ignore": True})
        context = browser.send("Target.createBrowserContext", {"disposeOnDetach": True})["browserContextId"]
        page = Page(browser, context, DESKTOP)
        shot = lambda name: page.screenshot(os.path.join(out, name))  # noqa: E731

        page.goto(f"{base}/children")
        check(page.url() == f"{base}/sign-in", "no session: sent to the sign-in page")
        shot("01-sign-in.png")
        page.eval("fill(byLabel('Email address'), 'sam.taylor@leeds-yot.example')")
        page.eval(f"fill(byLabel('Password'), {json.dumps(info['PASSWORD'])})")
        page.click_and_load("button('Sign in')")
        check(page.url() == f"{base}/children", "signed in: My children")
        lst = page.main_text()
        check("Alex" in lst and "Cerys" not in lst, "My children lists Alex only")
        check("1 new message" in lst, "Alex has 1 new message")
        shot("02-my-children.png")

        page.click_and_load("link('Alex')")
        msg = page.eval("[...document.querySelectorAll('ol.conv li.child')].pop().textContent")
        check("can we talk about college" in msg, "Alex's message from the kiosk is shown")
        shot("03-conversation.png")
        page.click_and_load("button('Mark as read')")
        check("Marked as read" in page.main_text(), "marked as read")
        reply = "Hi Alex, yes. I will bring the college leaflet on Tuesday. Sam"
        page.eval(f"fill(byLabel('Your message to Alex'), {json.dumps(reply)})")
        page.click_and_load("button('Send reply')")
        check("Your reply is on its way" in page.main_text(), "reply sent")
        mine = page.eval("[...document.querySelectorAll('ol.conv li.me')].pop().textContent")
        check("college leaflet" in mine, "reply shown newest at the bottom")
        shot("04-replied.png")

        # The same page on a phone: a second tab in the same browser context shares the session cookie.
        phone = Page(browser, context, PHONE)
        phone.goto(f"{base}/children/1001")
        overflow = phone.eval("document.documentElement.scrollWidth > window.innerWidth + 1")
        check(not overflow, "phone: nothing wider than the screen")
        phone.screenshot(os.path.join(out, "05-phone-conversation.png"))
        phone.close()

        page.click_and_load("link(/^My Views/)")
        shot("06-myviews-list.png")
        page.click_and_load("document.querySelector('ul.cards a')")
        views = page.main_text()
        check("This replaces an earlier version" in views, "My Views says it replaces an earlier version")
        check("Bricklaying at college" in views, "My Views answers shown")
        shot("07-myviews.png")
        page.cmd("Emulation.setEmulatedMedia", {"media": "print"})
        shot("08-myviews-print-preview.png")
        # A4 like Playwright's page.pdf({format: 'A4'}): 8.27 x 11.7 inches, default margins.
        pdf = base64.b64decode(page.cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.7,
                                                            "printBackground": False})["data"])
        with open(os.path.join(out, "08-myviews.pdf"), "wb") as f:
            f.write(pdf)
        pages = pdf_page_count(pdf)
        log(f"My Views prints on {pages} A4 page(s)")
        check(1 <= pages <= 2, "My Views prints on one or two pages")
        page.cmd("Emulation.setEmulatedMedia", {"media": ""})

        page.goto(f"{base}/children/1001/meetings")
        # the gateway's today, not this machine's: the test programs fix the product's clock (WAYMARK_NOW)
        date = (datetime.date.fromisoformat(gw.info["TODAY"]) + datetime.timedelta(days=14)).isoformat()
        page.eval("fill(byLabel('Type of meeting'), 'pre_release')")
        check(page.eval("document.querySelectorAll('input[type=date], input[type=time]').length") == 0,
              "no date or time box left to the browser's language")
        y, mo, d = date.split("-")
        fill_date(page, int(d), int(mo), y)
        page.eval("fill(byLabel('Hour'), '11')")
        page.eval("fill(byLabel('Minutes'), '15')")
        check(page.eval("(() => { const r = byLabel('In person'); r.click(); return r.checked; })()"), "In person chosen")
        page.eval("fill(byLabel(/^Place or video details/), 'Visits room 3')")
        page.eval("fill(byLabel(/^Who is invited/), 'Sam Taylor (Leeds YOT), Mum, Ms Khan (education)')")
        page.click_and_load("button('Book meeting')")
        check("The meeting is booked" in page.main_text(), "meeting booked")
        shot("09-meeting-booked.png")

        plan_steps(page, base, shot)

        page.click_and_load("button('Sign out')")
        check(page.url() == f"{base}/sign-in?out=1", "signed out: back at the sign-in page")
        check("You have signed out" in page.main_text(), "signed out")
        shot("10-signed-out.png")
        page.goto(f"{base}/children/1001")
        check(page.url().startswith(f"{base}/sign-in"), "after sign-out the conversation needs a new sign-in")

        # Establishment security staff: the read-only review, with who looked at what.
        sec_email, sec_password = info["SECURITY"].split(" ")
        page.goto(f"{base}/sign-in")
        page.eval(f"fill(byLabel('Email address'), {json.dumps(sec_email)})")
        page.eval(f"fill(byLabel('Password'), {json.dumps(sec_password)})")
        page.click_and_load("button('Sign in')")
        check(page.url() == f"{base}/security", "security staff signed in: Security review")
        page.click_and_load("link('Alex')")
        review = page.main_text()
        check("college leaflet" in review and "can we talk about college" in review,
              "security review lists both messages")
        check(re.search(r"worker \d+ \(Sam Taylor\)", review) is not None and "My Views" in review,
              "security review shows who looked at what")
        check(page.eval("document.querySelectorAll('main form').length") == 0, "security review is read-only")
        shot("11-security-review.png")
        # At phone width the "who looked at what" table scrolls sideways: a keyboard must reach it (axe-core's
        # scrollable-region-focusable, checked in the DOM: there is no axe-core offline).
        sec_phone = Page(browser, context, PHONE)
        sec_phone.goto(f"{base}/security")
        regions = sec_phone.eval("""[...document.querySelectorAll('.table-wrap')].map((w) => ({
            scrolls: w.scrollWidth > w.clientWidth, tab: w.tabIndex, role: w.getAttribute('role'),
            label: w.getAttribute('aria-label') || ''}))""")
        check(len(regions) >= 2 and all(r["tab"] == 0 and r["role"] == "region" and r["label"] for r in regions),
              f"every table region is keyboard-focusable and named ({regions})")
        log(f"     at phone width {sum(r['scrolls'] for r in regions)} of {len(regions)} table regions scroll sideways")
        sec_phone.eval("document.querySelectorAll('.table-wrap')[1].focus(), true")
        check(sec_phone.eval("document.activeElement.getAttribute('aria-label')") == "Who looked at what",
              "the keyboard reaches who looked at what")
        looks = sec_phone.eval("text('main')")
        check(re.search(r"[0-9a-f]{32}", looks) is None and "My plan" in looks and "Meetings" in looks,
              "who looked at what is in words, never ids")
        sec_phone.screenshot(os.path.join(out, "15-security-phone.png"))
        sec_phone.close()
        page.goto(f"{base}/children")
        check("Not for this account" in page.main_text(), "security staff cannot open the worker pages")
        page.click_and_load("button('Sign out')")

        board_report(page, Page(browser, context, PHONE), base, info, out, shot)
        it_pages(page, Page(browser, context, PHONE), base, info, out, shot)

        external = [u for u in browser.requests if not u.startswith(base) and not u.startswith("data:")]
        check(len(browser.requests) > 0 and not external,
              f"no request left the gateway ({len(browser.requests)} requests; outside: {', '.join(external)})")

        s = gw.finish()
        check(reply in s["replies"], "the reply is in the wing's feed for the kiosk")
        check(any(m["date"] == date and m["time"] == "11:15" and m["kind"] == "pre_release" and not m["cancelled"]
                  for m in s["meetings"]), "the meeting is in the gateway for the kiosk's next sync")
        check(s["read_receipts"] == 1, 'one "read" receipt went to the kiosk that sent the message')
        check(s["plan_versions"] == [1, 2, 3], f"the plan the worker wrote is in the wing's feed as version 3 ({s['plan_versions']})")
        check(any(a.startswith("interview ") for a in s["applications"]),
              f"the enquiry's new state is in the wing's feed ({s['applications']})")
    except Exception as e:  # noqa: BLE001 - any failure is reported, then everything is stopped
        check(False, f"{type(e).__name__}: {e}")
        if page is not None and browser is not None and browser.proc.poll() is None:
            try:
                page.screenshot(os.path.join(out, "99-failure.png"))
                log(f"     at {page.url()} (screenshot 99-failure.png)")
            except Exception:  # noqa: BLE001
                pass
        if browser is not None and browser.proc.poll() is not None:
            log(f"     chromium exited with {browser.proc.returncode}; see {os.path.join(out, 'chromium.log')}")
    finally:
        if browser is not None:
            browser.close()
        gw.kill()


def main():
    if len(sys.argv) not in (3, 4):
        print("usage: e2e.py SERVER OUTDIR [CHROMIUM]", file=sys.stderr)
        return 2
    server, out = sys.argv[1], sys.argv[2]
    exe = sys.argv[3] if len(sys.argv) == 4 else os.environ.get("WAYMARK_CHROMIUM", "/usr/bin/chromium")
    if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
        log(f"SKIPPED: chromium is not installed ({exe}). Install it with: apt-get install chromium "
            "(scripts/setup-debian.sh)")
        return 77
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):  # no stale screenshots from an earlier run
        if name.endswith((".png", ".pdf")):
            os.remove(os.path.join(out, name))
    work = tempfile.mkdtemp(prefix="waymark-web-e2e-")
    try:
        run(server, out, exe, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log(f"web e2e: {'passed' if failures == 0 else f'{failures} failure(s)'} in {time.monotonic() - started:.1f} s; "
        f"screenshots in {out}")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
