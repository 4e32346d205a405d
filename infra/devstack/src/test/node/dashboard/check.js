// Opens the dashboard in headless Chromium and waits until every panel has received live frames.
// Usage: node check.js <dashboard url> <screenshot path> <timeout ms>
// Prints READY once the page is live (every channel's snapshot arrived), then RESULT <json> and exits 0 when each
// panel saw updates and the pairing panel turned green; exits 1 with the panels' counters otherwise.
'use strict';
const { chromium } = require('playwright-core');

const [url, screenshot, timeoutArg] = process.argv.slice(2);
const timeout = Number(timeoutArg || 120000);
const LIVE_PANELS = ['nodes', 'pools', 'leaderboard', 'sessions', 'rdp-servers', 'payouts'];

async function counters(page) {
  return page.evaluate((ids) => Object.fromEntries([...ids, 'pair', 'epoch'].map((id) => {
    const el = document.getElementById(id);
    return [id, { snapshots: Number(el.dataset.snapshots), updates: Number(el.dataset.updates),
      rows: el.querySelectorAll('tbody tr').length, paired: el.classList.contains('paired') }];
  })), LIVE_PANELS);
}

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1500, height: 1300 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text() + ' (' + (m.location() && m.location().url) + ')'); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(r.status() + ' ' + r.request().method() + ' ' + r.url()); });
  try {
    await page.goto(url);
    // The embedded stack prefills its token: the page connects by itself.
    await page.waitForSelector('#connection[data-state="live"]', { timeout });
    await page.waitForFunction((ids) => ids.every((id) => Number(document.getElementById(id).dataset.snapshots) > 0),
        ['nodes', 'pools', 'leaderboard', 'sessions', 'rdp-servers'], { timeout });
    console.log('READY');

    // Pair a device as a phone would: the page starts the pairing, the "device" completes it with the QR's token.
    const started = page.waitForResponse((r) => r.url().endsWith('/api/v1/pairings') && r.request().method() === 'POST');
    await page.click('#start-pairing');
    const pairing = await (await started).json();
    await page.waitForFunction(() => document.getElementById('pairing-qr').naturalWidth > 0, null, { timeout });
    await page.waitForFunction(() => Number(document.getElementById('pair').dataset.snapshots) > 0, null, { timeout });
    const qr = pairing.qr_payload;
    const config = await page.evaluate(() => fetch('/dashboard-config.json').then((r) => r.json()));
    const complete = await fetch(config.command_api_url + '/api/v1/pairings/' + qr.pairing_id + '/complete', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ temp_token: qr.temp_token, device_info: { name: 'browser check', platform: 'web' } }),
    });
    if (complete.status !== 201) throw new Error('completing the pairing answered ' + complete.status);
    await page.waitForSelector('#pair.paired', { timeout });

    await page.waitForFunction((ids) => ids.every((id) => Number(document.getElementById(id).dataset.updates) > 0
        && document.getElementById(id).querySelectorAll('tbody tr').length > 0), LIVE_PANELS, { timeout });
    await page.waitForTimeout(1500); // let the last frames render before the picture
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log('RESULT ' + JSON.stringify({ panels: await counters(page), problems }));
    await browser.close();
    process.exit(problems.length ? 1 : 0);
  } catch (e) {
    let state = {};
    try { state = await counters(page); await page.screenshot({ path: screenshot, fullPage: true }); } catch (ignored) { /* closing */ }
    console.log('RESULT ' + JSON.stringify({ error: e.message, panels: state, problems }));
    await browser.close();
    process.exit(1);
  }
})();
