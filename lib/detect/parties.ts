/**
 * Who is who on a page: the seller (the vendor) and the buyer, read from regions with roles.
 *
 * - Party blocks: a buyer label (`Bill to`, `Invoice to`, `Käufer`, `Odběratel`, `To:`) or a seller
 *   label (`Seller`, `Verkäufer`, `From:`, `Dodavatel`) heads a block: the rest of its column and
 *   the lines under it, down to a blank line or the next label. In a `pdftotext -layout` page the
 *   block is the label's column only, so a two-column header keeps seller and buyer apart.
 * - The sender line of a letter (`Acme GmbH · Hauptstr. 1 · 12345 Berlin`) names the seller, and
 *   the address window under it is the buyer's.
 * - A line that gives a company's legal details (IBAN, VAT id, register, `Registered in`) names
 *   the seller when the company is outside every buyer block: the party paid is the one selling.
 * - The letterhead: the first name-like line of the page outside a party block.
 * Names found only inside buyer blocks are never the vendor; neither is a field label, a bare
 * legal form or a placeholder sentence (`Your company name here`).
 */

import type { LabelClass } from './lexicon';
import type { Facts } from './scan';
import type { Segment } from './text';
import * as textFns from './text';

const { isHSpace, isLetter, lineEnd } = textFns;

/** Legal forms that end a company name (`Coolblue B.V.`, `QualityHosting AG`, `Oravel Stays Private Limited`). */
export const LEGAL_FORM =
  /(?<![\p{L}\d])(GmbH(?: & Co\.? KG)?|gmbh|AG|KG|OHG|UG(?: \(haftungsbeschränkt\))?|e\.K\.|eG|e\.V\.|GbR|KGaA|PartG(?: mbB)?|SE|B\.V\.|b\.v\.|BV|N\.V\.|NV|V\.O\.F\.|VOF|BVBA|SPRL|S\.A\.S\.?|SAS|S\.A\.|SA|SARL|EURL|S\.à r\.l\.|S\.a\.r\.L\.|S\.r\.l\.|S\.R\.L\.|Srl|s\.r\.l\.|S\.p\.A\.|SpA|S\.n\.c\.|S\.N\.C\.|Snc|S\.a\.s\.|S\.L\.U?\.|SLU?|Lda\.?|Inc\.|Inc|Ltd\.|Ltd|LLC|LLP|PLC|Plc|plc|Limited|Corp\.|Corporation|Co\.|Oy|AB|A\/S|ApS|AS|ASA|s\.r\.o\.|S\.R\.O\.|a\.s\.|v\.o\.s\.|k\.s\.|[Ss]p\. ?z ?o\. ?o\.|[Ss]p\. ?[jk]\.|[Ss]\.[Aa]\.|s\.c\.|Kft\.?|Zrt\.?|d\.o\.o\.|Pty Ltd)(?![\p{L}\d])/gu;

const NAME_CONNECTORS = new Set([
  '&',
  'and',
  'und',
  'et',
  'y',
  'e',
  'de',
  'du',
  'van',
  'der',
  'den',
  'von',
  'of',
  'the',
  'la',
  'le',
  '-',
]);

/** Company names are read from at most this many lines per document: letterheads and footers are short. */
const LEGAL_NAME_LINES = 3000;

/** A line that publishes a company's legal or bank details: its company is the one to be paid. */
const LEGAL_DETAILS =
  /(?<![\p{L}])(IBAN|BIC|SWIFT|USt-?Id|UStId|VAT|TVA|BTW|P\.? ?IVA|Partita IVA|NIP|IČO?|DIČ|KvK|SIRET|SIREN|RCS|HRB|HRA|Amtsgericht|Registergericht|Handelsregister|ABN|CIF|NIF|Registered|Steuer-?Nr|Steuernummer|REGON|KRS|Sort code|Account)(?![\p{L}])/iu;

/** Separators of a sender line or footer line: `Acme GmbH · Hauptstr. 1 · 12345 Berlin`. */
const PART_SEPARATOR = / [·|•] | [-–—] |\s[·|•]\s?/g;

export interface PartyCtx {
  text: string;
  layout: boolean;
  facts: Facts;
  starts: number[];
  segments(line: number): Segment[];
  /** The lexicon label starting at `p` (a word start), if any. */
  labelAt(p: number): { cls: LabelClass; end: number } | undefined;
  /** Where a document title starting at `p` ends (`Supplier Invoices`, `Vendor Bills`), if one does. */
  titleEnd(p: number): number | undefined;
  /** The page gave the whole block a role (a cell under "Bill to", a `<dd>` after "Seller:"). */
  role?: 'buyer' | 'seller';
  /** The block is the value of a label the page printed (`Payment method` → `Visa - 4242`). */
  labelled?: boolean;
}

type Range = [number, number];

const DEPARTMENT_LAST =
  /\s(?:billing|accounts(?:\s+(?:receivable|payable))?|accounting|invoicing|invoices|buchhaltung|rechnungswesen|rechnungsstelle|facturation|comptabilit[ée]|facturaci[óo]n|contabilidad|fatturazione|amministrazione|facturatie|boekhouding|fakturace|fakturowanie|ksi[ęe]gowo[śs][ćc]|no-?reply)$/iu;

/** Cleans a printed name: undefined when it cannot be a company's name. */
export function cleanName(s: string): string | undefined {
  const name = s
    .replace(/\s+/g, ' ')
    .replace(/^[\s:,;\-–]+|[\s:,;\-–]+$/g, '')
    .trim();
  if (name.length < 2 || name.length > 120 || !/\p{L}/u.test(name)) return undefined;
  // a remark in brackets or a lower-case phrase is not a company name
  if (/^[([{]/.test(name) || /^\p{Ll}/u.test(name)) return undefined;
  // company names do not carry long numbers (`Bills / BILL/2025/06/0003` is a breadcrumb)
  if (/\d{4,}/.test(name)) return undefined;
  // two or more spaced separators (`Financial / Invoices / Supplier Invoices`) make a breadcrumb
  if ((name.match(/ [/>»›] /g) ?? []).length >= 2) return undefined;
  if (isPlaceholder(name) || isBareLegalForm(name)) return undefined;
  // a sender shown as its department ("Orrin Billing", "ACME Buchhaltung") names a mailbox, not the
  // company: the message's own letterhead or signature names it
  if (DEPARTMENT_LAST.test(name)) return undefined;
  return name;
}

/** `{{company}}`, `[Seller name]`, `Your company name here`: a template's words, not a name. */
function isPlaceholder(name: string): boolean {
  if (/[{}<>]|\[[^\]]*\]|%[a-z_]+%|\$\{/i.test(name)) return true;
  LEGAL_FORM.lastIndex = 0;
  let lower = 0;
  for (const w of name.replace(LEGAL_FORM, ' ').split(/\s+/))
    if (/^\p{Ll}/u.test(w) && !NAME_CONNECTORS.has(w.toLowerCase())) lower++;
  // two words of prose (`company name here`)
  return lower >= 2;
}

function isBareLegalForm(name: string): boolean {
  LEGAL_FORM.lastIndex = 0;
  return name.replace(LEGAL_FORM, '').replace(/[\s&.,]+/g, '') === '';
}

function inRanges(ranges: Range[], p: number): boolean {
  for (const [s, e] of ranges) if (p >= s && p < e) return true;
  return false;
}

/** A letter's greeting opens prose, not a letterhead: `Dear Accounts Payable,`, `Sehr geehrte`. */
const SALUTATION =
  /^(dear|hi|hello|hey|greetings|sehr geehrte|liebe|lieber|hallo|guten tag|bonjour|madame|monsieur|cher|chère|beste|geachte|hola|estimad|gentile|egregio|caro|cara|dzień dobry|szanown|dobrý den|vážen)/i;

/** Name-like text: short, capitalised, no digits, no address or mail, not prose. */
function nameLike(s: string): string | undefined {
  const t = s.trim();
  // a label and its value (`Miejsce wystawienia: Kraków`) is a field, not a name
  if (t.length < 2 || t.length > 60 || /\d|@|https?:|www\.|[:,!?]$|: /.test(t) || SALUTATION.test(t)) return undefined;
  // a sign-off (`The Exabyte team`) names the seller in its words, read by `signOff`
  if (SIGN_OFF.some((re) => re.test(t))) return undefined;
  if (t.split(/\s+/).length > 6) return undefined;
  // `bol.com b.v.`: a brand written as its domain counts as capitalised
  const name = /^\p{Ll}[\p{L}\d-]*\.[a-z]{2,}/u.test(t) ? t : cleanName(t);
  return name && !isPlaceholder(name) ? name : undefined;
}

/**
 * Marks the party blocks of one text block and records the names they hold: buyer ranges in
 * `facts.buyerRanges`, seller names as vendors, company names with where they stand.
 */
export function scanParties(ctx: PartyCtx, block: number): void {
  const { text: t, starts: st, facts } = ctx;
  const buyer: Range[] = [];
  const seller: Range[] = [];
  if (ctx.role === 'buyer') buyer.push([0, t.length]);
  if (ctx.role === 'seller') seller.push([0, t.length]);
  const lines = Math.min(st.length, Math.max(0, LEGAL_NAME_LINES - facts.legalLines));
  let firstLabelLine = lines;
  for (let l = 0; l < lines; l++) {
    const segs = lineSegments(ctx, l);
    for (let k = 0; k < segs.length; k++) {
      const seg = segs[k] as Segment;
      if (!isLetter(t.charCodeAt(seg.start))) continue;
      const m = ctx.labelAt(seg.start);
      if (!m) continue;
      if (l < firstLabelLine && m.cls.type !== 'other') firstLabelLine = l;
      const role =
        m.cls.type === 'buyer' ? 'buyer' : m.cls.type === 'vendor' && m.cls.rank === 2 ? 'seller' : undefined;
      if (!role) continue;
      // a view's title that starts with a party word ("Supplier Invoices") is no party's label
      if ((ctx.titleEnd(seg.start) ?? 0) > m.end) continue;
      let after = m.end;
      let marked = false;
      while (after < seg.end && (isHSpace(t.charCodeAt(after)) || t[after] === ':' || t[after] === '.')) {
        if (t[after] === ':') marked = true;
        after++;
      }
      const weak = (m.cls.type === 'buyer' || m.cls.type === 'vendor') && m.cls.weak;
      // `To:`, `From:`: only as a label heading its column; `Lieferant Technik AG` is a name
      if ((weak || !marked) && after < seg.end && !marked) {
        if (weak || capitalisedName(t.slice(seg.start, seg.end))) continue;
      }
      const range = partyBlock(ctx, l, segs, k, after);
      (role === 'buyer' ? buyer : seller).push(...range);
      if (role === 'seller') {
        const first = range.map(([s, e]) => nameLike(nameFieldValue(t.slice(s, e)))).find(Boolean);
        if (first)
          facts.vendors.push({ name: first, rank: 2, evidence: `seller block "${t.slice(seg.start, m.end)}"` });
      }
    }
  }
  // a labelled value (`Payment method: Visa - 4242`) is that field's, not a sender line or letterhead
  if (!ctx.labelled) senderLines(ctx, lines, buyer, seller);
  // the letterhead is the top of the page: of a text rendering, or of the page's first blocks
  if (!ctx.labelled && (ctx.layout || block < 3)) letterhead(ctx, Math.min(lines, firstLabelLine + 2, 8), buyer);
  legalNames(ctx, lines, buyer);
  signOff(ctx, lines);
  const br = facts.buyerRanges.get(block) ?? [];
  br.push(...buyer);
  if (br.length) facts.buyerRanges.set(block, br);
}

/** A capitalised name of one to four words: `Exabyte`, `Lumen Estudio`, `bol.com`. */
const TEAM_NAME = String.raw`(\p{Lu}[\p{L}\d&.'’]*(?:[ -]\p{Lu}[\p{L}\d&.'’]*){0,3}|\p{Ll}[\p{L}\d-]*\.[a-z]{2,})`;
/**
 * A message's sign-off by the team that sent it (`The Exabyte team`, `Dein Radwerk-Team`, `El equipo
 * de Lumen`, `Il team di Pedalo`, `L'équipe Lumen`, `Zespół Nowak`): the seller's name as its
 * e-mails print it, the vendor only when nothing better names the seller (rank 0).
 */
const SIGN_OFF = [
  new RegExp(String.raw`^(?:[—–-]\s*)?(?:[Tt]he|[Yy]our)\s+${TEAM_NAME}\s+(?:[Tt]eam|TEAM)[.!]?$`, 'u'),
  new RegExp(
    String.raw`^(?:[—–-]\s*)?(?:[Dd]ein|[Ii]hr|[Ee]uer|[Dd]as|[Hh]et|[Jj]e)\s+${TEAM_NAME}[- ]?(?:[Tt]eam|TEAM)[.!]?$`,
    'u',
  ),
  new RegExp(
    String.raw`^(?:[—–-]\s*)?(?:(?:[Ee]l|[Ii]l|[Ll][’'])\s*)?(?:[Ee]quipo|[Tt]eam|[ÉéEe]quipe|[Zz]espół|[Tt]ým)\s+(?:de\s+|di\s+|d[’'])?${TEAM_NAME}[.!]?$`,
    'u',
  ),
];

function signOff(ctx: PartyCtx, lines: number): void {
  const { text: t, starts: st } = ctx;
  for (let l = 0; l < lines; l++) {
    const s = st[l] ?? 0;
    const e = lineEnd(t, st, l);
    if (e - s > 60) continue;
    const line = t.slice(s, e).trim();
    // a team signs in one short line; the first letter must be one (not a figure or a label's value)
    if (!line || line.length < 6) continue;
    for (const re of SIGN_OFF) {
      const m = re.exec(line);
      const name = m?.[1] ? cleanName(m[1]) : undefined;
      if (!name || isPlaceholder(name) || isBareLegalForm(name)) continue;
      ctx.facts.vendors.push({ name, rank: 0, evidence: `sign-off "${line.slice(0, 60)}"` });
      return;
    }
  }
}

/** A name field's label inside a party block: `Name:`, `Nom :`, `Firma:`, `Razón social:`. */
const NAME_FIELD =
  /^\s*(name|company|company name|legal name|registered name|firma|firmenname|nom|raison sociale|nombre|raz[oó]n social|nome|ragione sociale|denominazione|naam|bedrijfsnaam|nazwa|nazwa firmy|n[aá]zev|obchodn[ií] firma)\s*:\s*/iu;

/** The value of a party block's name field (`Name: Acme GmbH` → `Acme GmbH`), else the line itself. */
function nameFieldValue(line: string): string {
  const m = NAME_FIELD.exec(line);
  return m ? line.slice(m[0].length) : line;
}

/** `Lieferant Technik AG`, `Verkäufer Acme GmbH`: every word capitalised and a legal form last. */
function capitalisedName(s: string): boolean {
  const words = s.trim().split(/\s+/);
  if (words.length < 2 || !words.every((w) => /^[\p{Lu}\d&]/u.test(w))) return false;
  LEGAL_FORM.lastIndex = 0;
  const m = [...s.matchAll(LEGAL_FORM)].pop();
  return !!m && (m.index ?? 0) + m[0].length >= s.trimEnd().length;
}

function lineSegments(ctx: PartyCtx, l: number): Segment[] {
  if (ctx.layout) return ctx.segments(l);
  const s = ctx.starts[l] ?? 0;
  const e = lineEnd(ctx.text, ctx.starts, l);
  let a = s;
  while (a < e && isHSpace(ctx.text.charCodeAt(a))) a++;
  return a < e ? [{ start: a, end: e }] : [];
}

/**
 * The block a party label heads: the rest of its segment, then the lines under it in its column
 * (layout) or whole (flowing text), down to a blank line, a line led by another label, or 8 lines.
 */
function partyBlock(ctx: PartyCtx, l: number, segs: Segment[], k: number, after: number): Range[] {
  const { text: t, starts: st } = ctx;
  const seg = segs[k] as Segment;
  const ls = st[l] ?? 0;
  const out: Range[] = [];
  if (after < seg.end) out.push([after, seg.end]);
  const c0 = seg.start - ls;
  const next = segs[k + 1];
  // an address column is narrow: without a column to its right, 40 characters
  const c1 = next ? next.start - ls : c0 + Math.max(40, seg.end - seg.start);
  let content = out.length;
  for (let n = l + 1; n < st.length && n <= l + 9; n++) {
    const ns = st[n] ?? 0;
    const row = lineSegments(ctx, n);
    const mine = ctx.layout
      ? row.filter((s) => s.start - ns < c1 && s.end - ns > c0 - 2 && s.start - ns >= c0 - 4)
      : row;
    if (mine.length === 0) {
      // a blank line ends the block once it has content (a label may stand a line above its block)
      if (content > 0) break;
      if (n > l + 2) break;
      continue;
    }
    const head = mine[0] as Segment;
    const m = isLetter(t.charCodeAt(head.start)) ? ctx.labelAt(head.start) : undefined;
    if (m && labelLeads(t, m, head)) break;
    for (const s of mine) out.push([s.start, s.end]);
    content++;
  }
  return out;
}

/** A label that starts a new field: marked by `:`, alone in its segment, or a party label. */
function labelLeads(t: string, m: { cls: LabelClass; end: number }, seg: Segment): boolean {
  if (m.cls.type === 'other' && m.cls.what === 'postal code') return false;
  let i = m.end;
  while (i < seg.end && isHSpace(t.charCodeAt(i))) i++;
  if (i >= seg.end || t[i] === ':' || t[i] === '#') return true;
  if (m.cls.type === 'buyer' || m.cls.type === 'vendor') return !capitalisedName(t.slice(seg.start, seg.end));
  return m.cls.type === 'number' || m.cls.type === 'date' || m.cls.type === 'total';
}

/**
 * A sender line (`Acme GmbH · Hauptstr. 1 · 12345 Berlin`) or a footer line giving a company's
 * details: its first part is the seller. Under a sender line at the top of a letter, the address
 * window is the buyer's.
 */
function senderLines(ctx: PartyCtx, lines: number, buyer: Range[], seller: Range[]): void {
  const { text: t, facts } = ctx;
  for (let l = 0; l < lines; l++) {
    for (const seg of lineSegments(ctx, l)) {
      if (seg.end - seg.start > 300 || inRanges(buyer, seg.start)) continue;
      const s = t.slice(seg.start, seg.end);
      PART_SEPARATOR.lastIndex = 0;
      const parts = s.split(PART_SEPARATOR);
      if (parts.length < 2) continue;
      const rest = parts.slice(1).join(' ');
      const address = /\b\d{4,5}\b|\b[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}\b|\b\d{2}-\d{3}\b|\b\d{3} \d{2}\b/.test(rest);
      if (!address && !LEGAL_DETAILS.test(rest)) continue;
      const name = nameLike(parts[0] ?? '');
      if (!name) continue;
      facts.vendors.push({ name, rank: 1.5, evidence: `sender line "${s.slice(0, 60)}"` });
      if (l < 12 && address && !inRanges(seller, seg.start)) addressWindow(ctx, l, seg, buyer);
    }
  }
}

function addressWindow(ctx: PartyCtx, l: number, seg: Segment, buyer: Range[]): void {
  const st = ctx.starts;
  const c0 = seg.start - (st[l] ?? 0);
  const c1 = seg.end - (st[l] ?? 0);
  let content = 0;
  for (let n = l + 1; n < st.length && n <= l + 10; n++) {
    const ns = st[n] ?? 0;
    const mine = lineSegments(ctx, n).filter((s) => s.start - ns < c1 && s.end - ns > c0 && s.start - ns <= c0 + 8);
    if (mine.length === 0) {
      if (content > 0) return;
      continue;
    }
    const head = mine[0] as Segment;
    const m = isLetter(ctx.text.charCodeAt(head.start)) ? ctx.labelAt(head.start) : undefined;
    if (m && m.cls.type !== 'buyer' && labelLeads(ctx.text, m, head)) return;
    for (const s of mine) buyer.push([s.start, s.end]);
    content++;
  }
}

/** The first name-like segment at the top of the block, outside party blocks: the letterhead. */
function letterhead(ctx: PartyCtx, lines: number, buyer: Range[]): void {
  const { text: t } = ctx;
  for (let l = 0; l < lines; l++) {
    for (const seg of lineSegments(ctx, l)) {
      if (inRanges(buyer, seg.start)) continue;
      const m = isLetter(t.charCodeAt(seg.start)) ? ctx.labelAt(seg.start) : undefined;
      if (m && m.end >= seg.end - 1) continue;
      if (m && m.cls.type !== 'other') continue;
      const name = nameLike(t.slice(seg.start, seg.end));
      if (!name) continue;
      ctx.facts.vendors.push({ name, rank: 0.5, evidence: 'letterhead' });
      return;
    }
  }
}

function legalNames(ctx: PartyCtx, lines: number, buyer: Range[]): void {
  const { text: t, starts: st, facts } = ctx;
  for (let l = 0; l < lines; l++) {
    facts.legalLines++;
    const ls = st[l] ?? 0;
    const le = lineEnd(t, st, l);
    if (le - ls > 2000) continue;
    const line = t.slice(ls, le);
    LEGAL_FORM.lastIndex = 0;
    for (const mm of line.matchAll(LEGAL_FORM)) {
      const formEnd = (mm.index ?? 0) + mm[0].length;
      // walk back over capitalised words and connectors, inside one column
      const before = line.slice(0, mm.index ?? 0);
      const col = ctx.layout ? before.lastIndexOf('  ') : -1;
      const region =
        before
          .slice(col + 1)
          .split(/[:;|•·]/)
          .pop() ?? '';
      const words = region.split(/\s+/).filter(Boolean);
      const kept: string[] = [];
      for (let w = words.length - 1; w >= 0; w--) {
        const word = (words[w] ?? '').replace(/,$/, '');
        if (/^\(?[\p{Lu}\d]/u.test(word) && !/^\d+$/.test(word)) kept.unshift(words[w] ?? '');
        else if (/^\p{Ll}[\p{L}\d-]*\.[a-z]{2,}$/u.test(word) && kept.length === 0) kept.unshift(words[w] ?? '');
        else if (NAME_CONNECTORS.has(word.toLowerCase()) && kept.length > 0) kept.unshift(words[w] ?? '');
        else break;
        if (kept.length > 6) break;
      }
      while (kept.length > 0 && NAME_CONNECTORS.has((kept[0] ?? '').toLowerCase())) kept.shift();
      if (kept.length === 0) continue;
      const printed = `${kept.join(' ')} ${line.slice(mm.index ?? 0, formEnd)}`;
      const name = /^\p{Ll}/u.test(printed) ? printed.replace(/\s+/g, ' ').trim() : cleanName(printed);
      if (!name || /\d{3,}/.test(name)) continue;
      const at = ls + (mm.index ?? 0);
      const key = name.toUpperCase().replace(/[^\p{L}\d]+/gu, '');
      const inBuyer = inRanges(buyer, at);
      // the party whose legal or bank details are printed with its name is the one to be paid
      const details = !inBuyer && (LEGAL_DETAILS.test(line) || LEGAL_DETAILS.test(nextLine(ctx, l)));
      const seen = facts.legalNames.get(key);
      if (seen) {
        seen.count++;
        if (inBuyer) seen.buyer++;
        if (details) seen.seller++;
      } else
        facts.legalNames.set(key, {
          name,
          count: 1,
          first: facts.order++,
          buyer: inBuyer ? 1 : 0,
          seller: details ? 1 : 0,
        });
    }
  }
}

function nextLine(ctx: PartyCtx, l: number): string {
  if (l + 1 >= ctx.starts.length) return '';
  return ctx.text.slice(ctx.starts[l + 1] ?? 0, lineEnd(ctx.text, ctx.starts, l + 1));
}
