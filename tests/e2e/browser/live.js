// Drives headless Chromium (Debian's) against `grade --serve`'s page for
// tests/e2e/serve.py. Protocol on stdin/stdout, one JSON object a line:
// it prints {"ready":...} once the page shows STUDENT's CHECK failing, waits
// (without reloading) for it to turn to pass after the test fixes it, then
// clicks the student, checks the report, and takes screenshots into OUTDIR.
//
// Usage: node live.js URL STUDENT CHECK OUTDIR
const { chromium } = require("playwright-core");
const fs = require("fs");
const path = require("path");
const os = require("os");

const [url, student, check, outdir] = process.argv.slice(2);
const say = (o) => process.stdout.write(JSON.stringify(o) + "\n");

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "labcheck-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1280, height: 800 },
  });
  const out = { errors: [] };
  try {
    const page = browser.pages()[0] || (await browser.newPage());
    page.on("pageerror", (e) => out.errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") out.errors.push(m.text()); });
    let navigations = 0;
    page.on("framenavigated", (f) => { if (f === page.mainFrame()) navigations += 1; });
    await page.goto(url);
    const cell = `tr[data-student="${student}"] [data-check="${check}"]`;
    await page.waitForSelector(`${cell}[data-status="fail"]`, { timeout: 60000 });
    out.title = await page.textContent("#title");
    out.rows = await page.locator("tbody tr").count();
    out.worst = await page.locator(".rate.worst").count();
    // Scrolled a little: an update must leave the scroll where it is.
    await page.evaluate(() => { window.scrollTo(0, 120); window.__marker = "same page"; });
    const scrollBefore = await page.evaluate(() => window.scrollY);
    const navBefore = navigations;
    say({ ready: true });
    // The test fixes the mistake now; wait for the cell to turn, no reload.
    await page.waitForSelector(`${cell}[data-status="pass"]`, { timeout: 90000 });
    out.turned = true;
    out.same_page = (await page.evaluate(() => window.__marker)) === "same page" && navigations === navBefore;
    out.scroll_kept = (await page.evaluate(() => window.scrollY)) === scrollBefore;
    // Lags of the next two round ends (the page's update after each).
    out.lags = [];
    let last = await page.evaluate(() => document.body.dataset.round);
    const until = Date.now() + 30000;
    while (out.lags.length < 3 && Date.now() < until) {
      await page.waitForTimeout(20);
      const now = await page.evaluate(() => [document.body.dataset.round, document.body.dataset.lag]);
      if (now[0] !== last) {
        last = now[0];
        if (!now[0].endsWith("g")) out.lags.push(Number(now[1]));
      }
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(outdir, "live-1280x800.png") });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(outdir, "live-1920x1080.png") });
    // The fixed student's report: every check, the passed steps folded.
    await page.click(`tr[data-student="${student}"]`);
    await page.waitForSelector("#report.open .step", { timeout: 10000 });
    out.report_checks = await page.locator("#report .check").count();
    const other = await page.$$eval("tbody tr", (rows) => rows.map((r) => r.dataset.student));
    const broken = other.find((id) => id !== student) || student;
    await page.click(`tr[data-student="${broken}"]`);
    await page.waitForFunction((id) => document.querySelector("#reporttitle").textContent.includes(id), broken);
    await page.waitForTimeout(300);
    out.report_text = await page.textContent("#reportbody");
    await page.screenshot({ path: path.join(outdir, "live-report-1920x1080.png") });
  } catch (e) {
    out.failure = String(e);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  say(out);
})();
