// tests/web/e2e.mjs SERVER OUTDIR CHROMIUM: a YOT worker's morning in a real headless chromium.
// Sign in as Sam Taylor, read the message child 1001 sent from the kiosk, mark it read, reply, open the
// My Views response, print it (print media screenshot and a PDF whose pages are counted), book a meeting,
// sign out. Screenshots go to OUTDIR. Then the gateway's wing feed is checked: the reply, the meeting and
// the read receipt are there for the kiosk's next sync.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';

const [server, out, chromiumBin] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const started = Date.now();
let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

// ---- the gateway
const dataDir = join(tmpdir(), `waymark-web-e2e-${process.pid}`);
const gw = spawn(server, [dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: gw.stdout });
const info = {};
const summary = new Promise((resolve) => {
  lines.on('line', (l) => {
    const m = /^(PORT|PASSWORD|SECURITY|MESSAGE) (.*)$/.exec(l);
    if (m) info[m[1]] = m[2];
    else if (l.startsWith('{')) resolve(JSON.parse(l));
  });
});
await new Promise((resolve, reject) => {
  const t = setInterval(() => { if (info.MESSAGE) { clearInterval(t); resolve(); } }, 50);
  gw.on('exit', (code) => reject(new Error(`web_e2e_server exited early (${code})`)));
});
const base = `https://127.0.0.1:${info.PORT}`;
console.log(`gateway at ${base}`);

// ---- the browser
const browser = await chromium.launch({
  executablePath: chromiumBin,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'],
});
// The gateway's certificate is self-signed for the loopback address: accepted in this test only.
const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const shot = (name, opts = {}) => page.screenshot({ path: join(out, name), fullPage: true, ...opts });
const externalRequests = [];
page.on('request', (r) => { if (!r.url().startsWith(base)) externalRequests.push(r.url()); });

try {
  await page.goto(`${base}/children`);
  check(page.url() === `${base}/sign-in`, 'no session: sent to the sign-in page');
  await shot('01-sign-in.png');
  await page.getByLabel('Email address').fill('sam.taylor@leeds-yot.example');
  await page.getByLabel('Password').fill(info.PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/children`);
  const list = await page.textContent('main');
  check(list.includes('Alex') && !list.includes('Cerys'), 'My children lists Alex only');
  check(list.includes('1 new message'), 'Alex has 1 new message');
  await shot('02-my-children.png');

  await page.getByRole('link', { name: 'Alex' }).click();
  const msg = page.locator('ol.conv li.child').last();
  check((await msg.textContent()).includes('can we talk about college'), "Alex's message from the kiosk is shown");
  await shot('03-conversation.png');
  await page.getByRole('button', { name: 'Mark as read' }).click();
  check((await page.textContent('main')).includes('Marked as read'), 'marked as read');
  const reply = 'Hi Alex, yes. I will bring the college leaflet on Tuesday. Sam';
  await page.getByLabel('Your message to Alex').fill(reply);
  await page.getByRole('button', { name: 'Send reply' }).click();
  check((await page.textContent('main')).includes('Your reply is on its way'), 'reply sent');
  check((await page.locator('ol.conv li.me').last().textContent()).includes('college leaflet'), 'reply shown newest at the bottom');
  await shot('04-replied.png');

  // The same page on a phone.
  const phone = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
                                           storageState: await context.storageState() });
  const pp = await phone.newPage();
  await pp.goto(`${base}/children/1001`);
  const overflow = await pp.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  check(!overflow, 'phone: nothing wider than the screen');
  await pp.screenshot({ path: join(out, '05-phone-conversation.png'), fullPage: true });
  await phone.close();

  await page.getByRole('link', { name: /My Views/ }).click();
  await shot('06-myviews-list.png');
  await page.locator('ul.cards a').first().click();
  const views = await page.textContent('main');
  check(views.includes('This replaces an earlier version'), 'My Views says it replaces an earlier version');
  check(views.includes('Bricklaying at college'), 'My Views answers shown');
  await shot('07-myviews.png');
  await page.emulateMedia({ media: 'print' });
  await shot('08-myviews-print-preview.png');
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  writeFileSync(join(out, '08-myviews.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  console.log(`My Views prints on ${pages} A4 page(s)`);
  check(pages >= 1 && pages <= 2, 'My Views prints on one or two pages');
  await page.emulateMedia({ media: 'screen' });

  await page.goto(`${base}/children/1001/meetings`);
  const d = new Date(Date.now() + 14 * 86400e3);
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  await page.getByLabel('Type of meeting').selectOption('pre_release');
  await page.getByLabel('Date').fill(date);
  await page.getByLabel('Time').fill('11:15');
  await page.getByLabel('In person').check();
  await page.getByLabel(/Place or video details/).fill('Visits room 3');
  await page.getByLabel(/Who is invited/).fill('Sam Taylor (Leeds YOT), Mum, Ms Khan (education)');
  await page.getByRole('button', { name: 'Book meeting' }).click();
  check((await page.textContent('main')).includes('The meeting is booked'), 'meeting booked');
  await shot('09-meeting-booked.png');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${base}/sign-in?out=1`);
  check((await page.textContent('main')).includes('You have signed out'), 'signed out');
  await shot('10-signed-out.png');
  await page.goto(`${base}/children/1001`);
  check(page.url().startsWith(`${base}/sign-in`), 'after sign-out the conversation needs a new sign-in');
  // Establishment security staff: the read-only review, with who looked at what.
  const [secEmail, secPassword] = info.SECURITY.split(' ');
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email address').fill(secEmail);
  await page.getByLabel('Password').fill(secPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/security`);
  await page.getByRole('link', { name: 'Alex' }).click();
  const review = await page.textContent('main');
  check(review.includes('college leaflet') && review.includes('can we talk about college'), 'security review lists both messages');
  check(/worker \d+ \(Sam Taylor\)/.test(review) && review.includes('My Views'), 'security review shows who looked at what');
  check((await page.locator('main form').count()) === 0, 'security review is read-only');
  await shot('11-security-review.png');
  await page.goto(`${base}/children`);
  check((await page.textContent('main')).includes('Not for this account'), 'security staff cannot open the worker pages');
  await page.getByRole('button', { name: 'Sign out' }).click();

  check(externalRequests.length === 0, `no request left the gateway (${externalRequests.join(', ')})`);

  gw.stdin.end();
  const s = await summary;
  check(s.replies.includes(reply), "the reply is in the wing's feed for the kiosk");
  check(s.meetings.some((m) => m.date === date && m.time === '11:15' && m.kind === 'pre_release' && !m.cancelled),
        "the meeting is in the gateway for the kiosk's next sync");
  check(s.read_receipts === 1, 'one "read" receipt went to the kiosk that sent the message');
} catch (e) {
  console.log(`FAIL ${e.stack || e}`);
  failures++;
  await shot('99-failure.png').catch(() => {});
} finally {
  await browser.close();
  gw.stdin.end();
  gw.kill('SIGTERM');
}
console.log(`web e2e: ${failures === 0 ? 'passed' : failures + ' failure(s)'} in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${out}`);
process.exit(failures === 0 ? 0 : 1);
