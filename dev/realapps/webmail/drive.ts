/**
 * A clerk going through a webmail inbox with Tieout on: the open POs imported first (options →
 * Data), then the message list read as it shows, then every message opened from the list in order,
 * each one's marked numbers hovered for their card. What each list row and each message showed is
 * handed back as readings for compare.ts. The webmail's own markup is behind a `MailUi`; the rest
 * is the same for every webmail.
 */
import type { Frame, Page } from 'playwright-core';
import type { DriveResult, FormReading } from '@/dev/realapps/app';
import { MAILS, type PlanMail } from '@/dev/realapps/webmail/mails';
import { INVOICES, openPosCsv, POS, VENDORS } from '@/dev/realapps/webmail/plan';
import type { ExtensionSession } from '@/tests/e2e/harness';
import { importCsvViaOptions } from '@/tests/e2e/helpers';

export interface ListRow {
  subject: string;
  open(): Promise<void>;
}

/** The webmail's own markup, for the clerk's steps. */
export interface MailUi {
  login(page: Page): Promise<void>;
  /** The rows of the message list now rendered, top to bottom. */
  visibleRows(page: Page): Promise<ListRow[]>;
  /** Scrolls the list one screen down; false when it was at its end. */
  scrollListDown(page: Page): Promise<boolean>;
  scrollListTop(page: Page): Promise<void>;
  /** The list's container (selector in the page). */
  listRoot: string;
  /** Where the open message is drawn (the page, or the preview frame) and its container there. */
  message(page: Page): Promise<{ target: Page | Frame; root: string }>;
  /** The subject of the message on screen, once it is drawn. */
  openedSubject(page: Page): Promise<string | undefined>;
  /** The list row's container for one subject (selector in the page), to read its marks. */
  rowRoot(subject: string): string;
}

interface Mark {
  text: string;
  status: string;
  x: number;
  y: number;
  inView: boolean;
}

/** Tieout's highlights inside `root` of `target`, with where each is drawn. */
function marksIn(target: Page | Frame, root: string): Promise<Mark[]> {
  return target.evaluate((selector) => {
    const box = document.querySelector(selector);
    const out: Mark[] = [];
    if (!box) return out;
    for (const [name, h] of CSS.highlights) {
      for (const r of h) {
        if (!(r instanceof Range) || !box.contains(r.startContainer)) continue;
        const rect = r.getBoundingClientRect();
        out.push({
          text: r.toString(),
          status: name.replace(/^tieout-/, ''),
          x: rect.left + rect.width / 2,
          y: rect.top + rect.height / 2,
          inView:
            rect.width > 0 &&
            rect.top >= 0 &&
            rect.left >= 0 &&
            rect.bottom <= window.innerHeight &&
            rect.right <= window.innerWidth,
        });
      }
    }
    return out.sort((a, b) => a.y - b.y || a.x - b.x);
  }, root);
}

const key = (marks: Mark[]) =>
  marks
    .map((m) => `${m.text}:${m.status}`)
    .sort()
    .join('|');

/**
 * The marks once Tieout has read the view: every expected number marked (or `timeoutMs` passed) and
 * nothing changed for three polls in a row (statuses arrive after the ledger answers).
 */
async function settledMarks(target: Page | Frame, root: string, expected: string[], timeoutMs = 12_000) {
  const until = Date.now() + timeoutMs;
  let last = '';
  let same = 0;
  let marks: Mark[] = [];
  while (Date.now() < until) {
    marks = await marksIn(target, root);
    const k = key(marks);
    same = k === last ? same + 1 : 0;
    last = k;
    const all = expected.every((n) => marks.some((m) => m.text === n));
    if (all && same >= 3) break;
    await new Promise((ok) => setTimeout(ok, 250));
  }
  return marks;
}

/** Where `target`'s viewport sits in the page, to move the mouse over a frame's text. */
async function offsetOf(page: Page, target: Page | Frame): Promise<{ x: number; y: number }> {
  if (target === page || (target as Frame).parentFrame?.() === null) return { x: 0, y: 0 };
  const el = await (target as Frame).frameElement();
  const box = await el.boundingBox();
  return { x: box?.x ?? 0, y: box?.y ?? 0 };
}

/** Hovers a mark and reads the card it opens: its text, or undefined when none opened for that number. */
async function cardFor(page: Page, target: Page | Frame, mark: Mark): Promise<string | undefined> {
  const at = await offsetOf(page, target);
  const card = target.locator('[data-testid="tieout-card"]');
  await page.mouse.move(at.x + mark.x, at.y + mark.y);
  const opened = await card
    .first()
    .waitFor({ timeout: 3000 })
    .then(() => true)
    .catch(() => false);
  let text: string | undefined;
  if (opened) {
    const number = (await card.locator('[data-field="number"]').first().textContent()) ?? '';
    if (number.includes(mark.text)) text = ((await card.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }
  await page.mouse.move(1, 1);
  await card
    .first()
    .waitFor({ state: 'detached', timeout: 3000 })
    .catch(() => undefined);
  return text;
}

/** The vendor's name as a card would show it, without the legal form ("Northgate Industrial Supply"). */
function vendorWords(name: string): string {
  return name.replace(/,?\s+(?:GmbH|Ltd|SARL|S\.L\.|S\.r\.l\.|B\.V\.|Co\., Ltd\.|AG|Inc\.|AS|LLC|Oy)$/, '');
}

/** The vendor the card of a message's first number must name. */
function vendorOfMail(mail: PlanMail): string | undefined {
  const first = mail.numbers[0];
  const invoice = INVOICES.find((i) => i.number === first);
  const po = POS.find((p) => p.number === first);
  const id = invoice?.vendor ?? po?.vendor;
  return id ? vendorWords(VENDORS[id].name) : undefined;
}

async function reading(
  page: Page,
  target: Page | Frame,
  root: string,
  view: string,
  subject: string,
  expected: string[],
  cardVendor: string | undefined,
): Promise<FormReading | undefined> {
  const marks = await settledMarks(target, root, expected);
  if (!expected.length && !marks.length) return undefined;
  const markers: FormReading['markers'] = [];
  let card: string | undefined;
  for (const mark of marks) {
    const text = await cardFor(page, target, mark);
    if (mark.text === expected[0] && !card) card = text;
    markers.push({ number: mark.text, label: mark.status, inView: mark.inView, clickable: !!text });
  }
  return {
    view,
    record: subject,
    expected,
    markers,
    ...(card ? { card } : {}),
    cardMustSay: cardVendor ? [cardVendor] : [],
  };
}

function mailOf(subject: string): PlanMail | undefined {
  const clean = subject.replace(/\s+/g, ' ').trim();
  return MAILS.find((m) => m.subject === clean);
}

export async function driveWebmail(
  ui: MailUi,
  ext: ExtensionSession,
  page: Page,
  log: (line: string) => void,
): Promise<DriveResult> {
  const imported = await importCsvViaOptions(ext, openPosCsv(), 'open-pos.csv');
  log(`open POs: ${imported}`);
  await ui.login(page);
  const forms: FormReading[] = [];

  // The list as it first shows, screen by screen.
  const rowsSeen = new Set<string>();
  const order: string[] = [];
  await ui.scrollListTop(page);
  for (;;) {
    for (const row of await ui.visibleRows(page)) {
      if (rowsSeen.has(row.subject)) continue;
      rowsSeen.add(row.subject);
      order.push(row.subject);
      const mail = mailOf(row.subject);
      if (!mail) log(`list row not in the seed: ${row.subject}`);
      const expected = (mail?.numbers ?? []).filter((n) => row.subject.includes(n));
      const r = await reading(
        page,
        page,
        ui.rowRoot(row.subject),
        'list row',
        row.subject,
        expected,
        mail && expected.length ? vendorOfMail(mail) : undefined,
      );
      if (r) forms.push(r);
    }
    if (!(await ui.scrollListDown(page))) break;
  }
  log(`list: ${order.length} rows`);

  // Every message, opened from the list in order.
  await ui.scrollListTop(page);
  const opened = new Set<string>();
  for (let guard = 0; opened.size < order.length && guard < order.length * 3; guard++) {
    const row = (await ui.visibleRows(page)).find((r) => !opened.has(r.subject));
    if (!row) {
      if (!(await ui.scrollListDown(page))) break;
      continue;
    }
    opened.add(row.subject);
    await row.open();
    const shown = await waitForSubject(ui, page, row.subject);
    if (!shown) {
      log(`message did not open: ${row.subject}`);
      continue;
    }
    const mail = mailOf(row.subject);
    const { target, root } = await ui.message(page);
    const r = await reading(
      page,
      target,
      root,
      'message',
      row.subject,
      mail?.numbers ?? [],
      mail ? vendorOfMail(mail) : undefined,
    );
    if (r) forms.push(r);
    if (r && !mail?.numbers.length)
      log(`marked in a message with no document number (${row.subject}): ${r.markers.map((m) => m.number).join(', ')}`);
  }
  log(`messages: ${opened.size} opened`);
  return { forms };
}

async function waitForSubject(ui: MailUi, page: Page, subject: string): Promise<boolean> {
  const want = subject.replace(/\s+/g, ' ').trim();
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    const shown = (await ui.openedSubject(page))?.replace(/\s+/g, ' ').trim();
    if (shown === want) return true;
    await new Promise((ok) => setTimeout(ok, 150));
  }
  return false;
}
