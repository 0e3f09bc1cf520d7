/**
 * Tryton 6.0 from Debian (trytond on SQLite, its web client sao served by trytond itself) on
 * 127.0.0.1:8000: a single-page ERP client whose form toolbar steps through records with
 * Next/Previous and sets the inputs from script after the address has changed.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { DriveResult, FormReading, RealApp, Truth } from '@/dev/realapps/app';
import { PLAN, totalCents } from '@/dev/realapps/plan';
import { ensurePackages, run, startDaemon, stopDaemon, waitForHttp } from '@/dev/realapps/processes';
import { ROOT } from '@/tests/e2e/harness';

const PORT = 8000;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DB = 'tieout';
const PASSWORD = 'admin';
const PACKAGES = [
  'tryton-server',
  'tryton-modules-purchase',
  'tryton-modules-account-invoice',
  'tryton-sao',
  'tryton-proteus',
];
const DIR = join(ROOT, '.tmp/realapps/tryton');
const CONF = join(DIR, 'trytond.conf');
const PID = join(DIR, 'trytond.pid');
const SEEDED = join(DIR, 'seeded.sqlite');
const SEEDED_INFO = join(DIR, 'seeded.json');
const SEED_SCRIPT = join(ROOT, 'dev/realapps/tryton/seed.py');
/** Debian's interpreter: its dist-packages hold trytond and proteus (a pyenv shim's python does not). */
const PYTHON = '/usr/bin/python3';

interface Seeded {
  plan: string;
  purchases: string[];
  invoices: string[];
}

const planHash = () =>
  createHash('sha256')
    .update(JSON.stringify(PLAN) + readFileSync(SEED_SCRIPT, 'utf8'))
    .digest('hex');

function writeConf(): void {
  mkdirSync(join(DIR, 'db'), { recursive: true });
  writeFileSync(
    CONF,
    [
      '[database]',
      'uri = sqlite://',
      `path = ${join(DIR, 'db')}`,
      '[web]',
      `listen = 127.0.0.1:${PORT}`,
      'root = /usr/share/tryton-sao/www',
      '[session]',
      'authentications = password',
      '',
    ].join('\n'),
  );
}

let seeded: Seeded | undefined;

export const tryton: RealApp = {
  name: 'Tryton 6.0 (sao)',

  async start(log) {
    ensurePackages(PACKAGES, log);
    writeConf();
    return { origin: ORIGIN };
  },

  async seed(log) {
    const db = join(DIR, 'db', `${DB}.sqlite`);
    const info: Seeded | undefined = existsSync(SEEDED_INFO)
      ? JSON.parse(readFileSync(SEEDED_INFO, 'utf8'))
      : undefined;
    if (!info || info.plan !== planHash() || !existsSync(SEEDED)) {
      log('creating the Tryton database and seeding it (a few minutes the first time; cached after)');
      rmSync(db, { force: true });
      writeFileSync(db, '');
      const pass = join(DIR, 'admin.pass');
      writeFileSync(pass, PASSWORD);
      run('trytond-admin', ['-c', CONF, '-d', DB, '--all', '--email', 'admin@example.com'], {
        env: { TRYTONPASSFILE: pass },
      });
      const out = run(PYTHON, [SEED_SCRIPT, CONF, DB], { input: JSON.stringify(PLAN) });
      const numbers = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Omit<Seeded, 'plan'>;
      copyFileSync(db, SEEDED);
      writeFileSync(SEEDED_INFO, JSON.stringify({ plan: planHash(), ...numbers }));
    }
    // Every run starts from the seeded copy: nothing a previous drive did is left.
    copyFileSync(SEEDED, db);
    seeded = JSON.parse(readFileSync(SEEDED_INFO, 'utf8')) as Seeded;
    await stopDaemon(PID);
    startDaemon('/usr/bin/trytond', ['-c', CONF], PID, join(DIR, 'trytond.log'));
    await waitForHttp(`${ORIGIN}/`, 30_000);
    log(`trytond on ${ORIGIN} (pid ${readFileSync(PID, 'utf8')})`);
  },

  async drive(_ext, page, log) {
    if (!seeded) throw new Error('Tryton was not seeded.');
    const forms: FormReading[] = [];
    await login(page);
    await openMenu(page, ['Purchases', 'Purchases']);
    await readList(page, log);
    forms.push(...(await stepThroughForms(page, 'Purchases', (n) => purchaseExpect(n), log)));
    await openMenu(page, ['Financial', 'Invoices', 'Supplier Invoices']);
    await readList(page, log);
    forms.push(...(await stepThroughForms(page, 'Supplier Invoices', (n) => invoiceExpect(n), log)));
    return { forms } satisfies DriveResult;
  },

  truth() {
    // A saved run is compared again from the numbers the cached seed recorded.
    seeded ??= existsSync(SEEDED_INFO) ? (JSON.parse(readFileSync(SEEDED_INFO, 'utf8')) as Seeded) : undefined;
    if (!seeded) throw new Error('Tryton was not seeded.');
    return truthOf(seeded);
  },

  async stop() {
    await stopDaemon(PID);
  },
};

/** Truth from the plan and the numbers Tryton gave its records. */
function truthOf(s: Seeded): Truth {
  const docs: Truth['docs'] = PLAN.purchases.map((p, i) => ({
    kind: 'po',
    number: s.purchases[i]!,
    vendor: PLAN.vendors[p.vendor]!,
    total: totalCents(p.lines),
    currency: PLAN.currency,
    records: 1,
  }));
  const exceptions: Truth['exceptions'] = [];
  for (const inv of PLAN.invoices) {
    if (inv.role === 'duplicate') exceptions.push({ type: 'duplicate_invoice', number: inv.reference, required: true });
    const known = docs.find((d) => d.kind === 'invoice' && d.number === inv.reference);
    if (known) {
      known.records++;
      continue;
    }
    docs.push({
      kind: 'invoice',
      number: inv.reference,
      vendor: PLAN.vendors[inv.vendor]!,
      total: totalCents(inv.lines),
      currency: PLAN.currency,
      ...(inv.purchase !== undefined ? { poKey: s.purchases[inv.purchase]! } : {}),
      records: 1,
    });
    if (inv.role === 'over_billed') {
      exceptions.push({ type: 'over_billed', number: inv.reference, required: true });
      exceptions.push({ type: 'price_variance', number: inv.reference, required: false });
    }
    if (inv.role === 'no_po') exceptions.push({ type: 'no_po_reference', number: inv.reference, required: true });
  }
  return { docs, exceptions };
}

function purchaseExpect(number: string): { expected: string[]; vendor: string } {
  const i = seeded!.purchases.indexOf(number);
  return { expected: [number], vendor: PLAN.vendors[PLAN.purchases[i]!.vendor]! };
}

function invoiceExpect(number: string): { expected: string[]; vendor: string } {
  const i = seeded!.invoices.indexOf(number);
  const inv = PLAN.invoices[i]!;
  // The vendor's number first (the record's own marker), then the PO it quotes and the ERP's own number.
  const expected = [inv.reference];
  if (inv.purchase !== undefined) expected.push(seeded!.purchases[inv.purchase]!);
  expected.push(number);
  return { expected, vendor: PLAN.vendors[inv.vendor]! };
}

/* ------------------------------------------------------------------ driving sao as a clerk */

// The open tab of the app (its notebook pages inside forms are .tab-pane too).
const active = '.tab-pane.active > .tab-form';

async function login(page: Page): Promise<void> {
  await page.goto(`${ORIGIN}/`);
  await page.locator('#login').fill('admin');
  await page.locator('button[type=submit]').click();
  await page.locator('input[type=password]').fill(PASSWORD);
  await page.locator('input[type=password]').press('Enter');
  await page.locator('.column-char[title="Purchases"]').first().waitFor({ timeout: 30_000 });
}

/** Opens a menu entry: every item but the last is expanded with a click, the last opened with a double click. */
async function openMenu(page: Page, path: string[]): Promise<void> {
  const seen: Record<string, number> = {};
  for (const [i, name] of path.entries()) {
    const nth = seen[name] ?? 0;
    seen[name] = nth + 1;
    const item = page.locator(`#menu .column-char[title="${name}"], .column-char[title="${name}"]`).nth(nth);
    await item.waitFor({ timeout: 15_000 });
    if (i < path.length - 1) await item.click();
    else await item.dblclick();
  }
  await page.locator(`${active} .title`).first().waitFor({ timeout: 15_000 });
  // The list opens on its first filter tab (Draft): the clerk picks "All". A click before the tab
  // bar has counted its records is lost, so it is repeated until the rows come.
  const all = page.locator(`${active} a[role="tab"]`, { hasText: /^\s*All\s*$/ });
  const rows = page.locator(`${active} tbody tr td[data-title^="Number"]`);
  await all.first().waitFor({ timeout: 15_000 });
  await waitUntil(async () => {
    if ((await rows.count()) > 0) return true;
    await all.first().click();
    await rows
      .first()
      .waitFor({ timeout: 2000 })
      .catch(() => undefined);
    return (await rows.count()) > 0;
  }, 20_000);
}

async function readList(page: Page, log: (line: string) => void): Promise<void> {
  const rows = page.locator(`${active} tbody tr td[data-title^="Number"]`);
  await waitUntil(async () => (await rows.count()) >= 10, 15_000);
  log(`list ${await page.locator(`${active} .title`).first().textContent()}: ${await rows.count()} rows`);
  await quiet(page);
}

/** Waits until Tieout's markers stop changing for a while (the overlay has read what is on screen). */
async function quiet(page: Page, stableMs = 1500, maxMs = 15_000): Promise<void> {
  const look = () =>
    page.evaluate(() => {
      const host = document.querySelector('tieout-overlay');
      const root = host?.shadowRoot;
      const marks = root
        ? [...root.querySelectorAll('button.marker')].map(
            (b) => `${b.getAttribute('data-number')}:${b.getAttribute('data-status')}`,
          )
        : [];
      let ranges = 0;
      for (const [, h] of CSS.highlights) ranges += h.size;
      return `${marks.join(',')}|${ranges}`;
    });
  let last = await look();
  let since = Date.now();
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    await page.waitForTimeout(200);
    const now = await look();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= stableMs) return;
  }
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error('Timed out waiting for the app.');
}

/** The form's own record number (its Number input) and the record counter ("3 / 12"). */
async function formState(page: Page): Promise<{ number: string; position: number; count: number }> {
  return page.evaluate((sel) => {
    const pane = document.querySelector(sel);
    const number = (pane?.querySelector('input[name="number"]') as HTMLInputElement | null)?.value ?? '';
    const badge = pane?.querySelector('.navbar-text .badge')?.textContent ?? '';
    const m = /(\d+)\s*\/\s*(\d+)/.exec(badge);
    return { number, position: m ? Number(m[1]) : 0, count: m ? Number(m[2]) : 0 };
  }, active);
}

async function readForm(
  page: Page,
  view: string,
  expect: (number: string) => { expected: string[]; vendor: string },
): Promise<FormReading> {
  await quiet(page);
  const { number } = await formState(page);
  const { expected, vendor } = expect(number);
  const markers = await page.evaluate(() => {
    const root = document.querySelector('tieout-overlay')?.shadowRoot;
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    return [...(root?.querySelectorAll('button.marker') ?? [])].map((b) => {
      const r = b.getBoundingClientRect();
      const inView = r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= vw && r.bottom <= vh;
      const cx = (r.left + r.right) / 2;
      const cy = (r.top + r.bottom) / 2;
      // What a click at the marker's centre reaches: the marker itself (inside the overlay's shadow root).
      const hit = root?.elementFromPoint?.(cx, cy);
      return {
        number: b.getAttribute('data-number') ?? '',
        label: b.getAttribute('aria-label') ?? '',
        inView,
        clickable: !!hit && (hit === b || b.contains(hit)),
      };
    });
  });
  const reading: FormReading = { view, record: number, expected, markers, cardMustSay: [vendor] };
  // The record's own number: its marker opens the card, which must describe this record.
  const main = markers.find((m) => m.number === expected[0]);
  if (main?.clickable) {
    const button = page.locator(`tieout-overlay button.marker[data-number="${expected[0]}"]`).first();
    await button.click();
    const card = page.locator('tieout-overlay [data-testid="tieout-card"]');
    await card.waitFor({ timeout: 5000 }).catch(() => undefined);
    await page.waitForTimeout(400);
    reading.card = ((await card.textContent().catch(() => '')) ?? '').replace(/\s+/g, ' ').trim();
    await page.keyboard.press('Escape');
  }
  return reading;
}

/**
 * Opens the list's first record, then steps with the toolbar's Next to the last and back with
 * Previous to the first, reading every form on the way.
 */
async function stepThroughForms(
  page: Page,
  view: string,
  expect: (number: string) => { expected: string[]; vendor: string },
  log: (line: string) => void,
): Promise<FormReading[]> {
  const out: FormReading[] = [];
  await page.locator(`${active} tbody tr td[data-title^="Number"]`).first().dblclick();
  await waitUntil(async () => (await formState(page)).number !== '', 15_000);
  const step = async (button: 'next' | 'previous') => {
    const before = await formState(page);
    await page.locator(`${active} button#${button}`).click();
    await waitUntil(async () => {
      const now = await formState(page);
      return now.number !== before.number && now.number !== '';
    }, 15_000);
  };
  let state = await formState(page);
  out.push(await readForm(page, view, expect));
  while (state.position < state.count) {
    await step('next');
    state = await formState(page);
    out.push(await readForm(page, view, expect));
  }
  while (state.position > 1) {
    await step('previous');
    state = await formState(page);
    out.push(await readForm(page, view, expect));
  }
  log(`${view}: ${out.length} forms read (${state.count} records, next to the last and back)`);
  return out;
}
