/**
 * Site adapters: where the message or record sits on the page and what the page says about it.
 * Webmail (Gmail, Outlook on the web, Roundcube) gives a subject and a sender; the sender is the vendor of
 * the invoice in the message. Everything else is read by the generic adapter.
 *
 * Adapters are chosen by host name and, failing that, by the page's structure, so that a saved
 * copy of a mail page (or a test fixture on loopback) is read like the real thing.
 */
import type { PageContext } from '@/lib/detect/types';
import { kindFromContext, recordContextParts } from './context';

export interface SiteAdapter {
  name: 'gmail' | 'outlook' | 'roundcube' | 'generic';
  /** Context shared by every block of the page: title, record heading, e-mail subject and sender. */
  context(doc: Document): PageContext;
  /** The vendor a number on this page belongs to when the detector found none (the sender). */
  vendor(context: PageContext): string | undefined;
}

const squash = (s: string | null | undefined, max = 300): string => (s ?? '').replace(/\s+/g, ' ').trim().slice(0, max);

/** `"Acme Supplies" <billing@acme.example>` / `Acme Supplies <billing@acme.example>` → parts. */
export function parseSender(raw: string): { name?: string; address?: string } {
  const text = squash(raw);
  const address = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(text)?.[0];
  const name = squash(
    text
      .replace(/<[^>]*>/g, '')
      .replace(address ?? '\u0000', '')
      .replace(/["'()]/g, ''),
  );
  const out: { name?: string; address?: string } = {};
  if (name) out.name = name;
  if (address) out.address = address.toLowerCase();
  return out;
}

const SECOND_LEVEL = /^(co|com|org|net|gov|ac|edu|ltd|plc|or|ne|gv)$/i;
const FREEMAIL = /^(gmail|googlemail|outlook|hotmail|live|yahoo|icloud|gmx|web|proton|protonmail|aol)\./i;
const ROLE_NAMES =
  /^(billing|invoices?|invoicing|accounts?|accounts (payable|receivable)|ar|ap|receivables|no-?reply|noreply|finance|buchhaltung|rechnungen|factures?|facturation|comptabilit[eé])$/i;

/**
 * The vendor behind a sender: the display name unless it is a role ("Billing"), else the company
 * domain (`billing@acme-supplies.example` → "Acme Supplies"); free-mail domains name nobody.
 */
export function vendorFromSender(sender: PageContext['sender']): string | undefined {
  if (!sender) return undefined;
  const name = sender.name?.trim();
  if (name && !ROLE_NAMES.test(name) && !name.includes('@')) return name;
  const domain = sender.address?.split('@')[1];
  if (!domain || FREEMAIL.test(domain)) return name || undefined;
  // The registrable name: `acme.co.uk` → acme, `billing.acme.example` → acme.
  const labels = domain.split('.').slice(0, -1);
  while (labels.length > 1 && SECOND_LEVEL.test(labels[labels.length - 1] ?? '')) labels.pop();
  const label = labels[labels.length - 1] ?? domain;
  return label
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

function generic(doc: Document): PageContext {
  const ctx: PageContext = {};
  if (doc.title) ctx.title = squash(doc.title);
  const parts = recordContextParts(doc);
  // The most specific part that names a record kind, else the first (the heading).
  const named = parts.find((p) => kindFromContext([p]));
  const heading = named ?? parts[0];
  if (heading && heading !== ctx.title) ctx.heading = heading;
  const lang = doc.documentElement.getAttribute('lang');
  if (lang) ctx.lang = lang;
  return ctx;
}

/** A sender from a display name and an address read off the page, tidied. */
function senderOf(
  name: string | null | undefined,
  address: string | null | undefined,
): NonNullable<PageContext['sender']> {
  const sender: PageContext['sender'] = {};
  const n = squash(name);
  const a = squash(address);
  if (n) sender.name = n;
  if (a) sender.address = a.toLowerCase();
  return sender;
}

/** Gmail: subject `h2.hP`, sender `span.gD[email]`, bodies `div.a3s`. */
const gmail: SiteAdapter = {
  name: 'gmail',
  context(doc) {
    const ctx = generic(doc);
    const subject = squash(doc.querySelector('h2.hP')?.textContent);
    if (subject) ctx.subject = subject;
    const from = doc.querySelector('span.gD[email], .gD[email]');
    if (from) ctx.sender = senderOf(from.getAttribute('name') ?? from.textContent, from.getAttribute('email'));
    return withoutRoleName(ctx);
  },
  vendor: (ctx) => vendorFromSender(ctx.sender),
};

/** Outlook on the web: reading pane with a subject heading and the sender persona ("Name <address>"). */
const outlook: SiteAdapter = {
  name: 'outlook',
  context(doc) {
    const ctx = generic(doc);
    const pane = doc.querySelector('[aria-label="Reading Pane"], #ReadingPaneContainerId, [role="main"]') ?? doc;
    const subject = squash(
      pane.querySelector('[role="heading"][aria-level="2"], [data-testid="subject"], .allowTextSelection[title]')
        ?.textContent,
    );
    if (subject) ctx.subject = subject;
    const persona = pane.querySelector(
      '[data-testid="SenderPersona"], [aria-label^="From:"], span[title*="@"], [data-testid="sender"]',
    );
    if (persona) {
      // The attribute that carries the address says it all; the visible text alone has only the name.
      const raw = (
        [persona.getAttribute('title'), persona.getAttribute('aria-label')].find((v) => v?.includes('@')) ??
        persona.textContent ??
        ''
      ).replace(/^From:\s*/i, '');
      const sender = parseSender(raw);
      if (sender.name) sender.name = sender.name.replace(/^From:?\s*/i, '').split(/\s{2,}/)[0];
      ctx.sender = sender;
    }
    return ctx;
  },
  vendor: (ctx) => vendorFromSender(ctx.sender),
};

/**
 * Roundcube (elastic and classic skins, self-hosted on any host): the message view, shown alone or
 * in the preview iframe `#messagecontframe`, has `#message-header` with `h2.subject` (after a
 * visually hidden "Subject:" span) and the sender as `a.rcmContactAddress` whose `title` (or
 * `mailto:` link) is the address and whose text is the display name.
 */
const roundcube: SiteAdapter = {
  name: 'roundcube',
  context(doc) {
    const ctx = generic(doc);
    const header = doc.querySelector('#message-header') ?? doc;
    const subjectEl = header.querySelector('h2.subject, .subject');
    if (subjectEl) {
      // Only the heading's own text: the hidden "Subject:" prefix and the "open in new window" link are chrome.
      let own = '';
      for (const node of subjectEl.childNodes) if (node.nodeType === 3) own += node.textContent ?? '';
      const subject = squash(own) || squash(subjectEl.textContent).replace(/^Subject:\s*/i, '');
      if (subject) ctx.subject = subject;
    }
    // The summary line ("From X on date") or the From row of the headers table: the first sender link.
    const from =
      header.querySelector('.header-summary .rcmContactAddress, td.header.from .rcmContactAddress') ??
      header.querySelector('.rcmContactAddress');
    if (from) {
      const href = from.getAttribute('href') ?? '';
      const address = [from.getAttribute('title'), href.startsWith('mailto:') ? href.slice(7) : null].find((v) =>
        v?.includes('@'),
      );
      // A link whose text is the address itself gives no name.
      const name = from.textContent?.includes('@') ? undefined : from.textContent;
      ctx.sender = senderOf(name, address);
    }
    return withoutRoleName(ctx);
  },
  vendor: (ctx) => vendorFromSender(ctx.sender),
};

/** A role mailbox ("Billing", "Accounts") names no vendor: keep only the address for the detector. */
function withoutRoleName(ctx: PageContext): PageContext {
  if (ctx.sender?.name && ROLE_NAMES.test(ctx.sender.name)) {
    const { name: _role, ...rest } = ctx.sender;
    ctx.sender = rest;
  }
  return ctx;
}

const genericAdapter: SiteAdapter = { name: 'generic', context: generic, vendor: () => undefined };

export function pickAdapter(doc: Document, host: string): SiteAdapter {
  if (host === 'mail.google.com' || doc.querySelector('div.a3s, h2.hP')) return gmail;
  if (
    /^outlook\.(office|office365|live)\.com$/.test(host) ||
    doc.querySelector('[aria-label="Reading Pane"], #ReadingPaneContainerId')
  ) {
    return outlook;
  }
  // The message view only: the list page's rows name many senders, none of them the page's.
  if (doc.querySelector('#message-header .rcmContactAddress, #messagebody .message-part')) return roundcube;
  return genericAdapter;
}
