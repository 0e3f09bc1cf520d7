/**
 * A webmail's list and open message on one page, as SOGo 5.8 draws them (folder list, message list
 * rows as md-list-item[role=listitem], the message in #detailView with its toolbar): every list row
 * is a document of its own, the message view another, and the app's buttons, folder names, sizes
 * and times are no part of any. Also the same list without roles (records told by shape), and a
 * Roundcube list row whose sender, date and size are spans with no space between them.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect';
import { pickAdapter } from '@/lib/page/adapters';
import { blocksFromHtml } from '@/lib/page/html-blocks';
import { createPageScanner, type Found } from '@/lib/page/scanner';

interface Mail {
  from: string;
  subject: string;
  date: string;
  size: string;
}

const MAILS: Mail[] = [
  { from: 'Thornbury Instruments Ltd', subject: 'Invoice TI-40917 for PO 4500020011', date: '14:05', size: '4 KB' },
  { from: 'Vasquez Embalajes S.A.', subject: 'Factura FV-2026-118', date: '03-Mar-26', size: '12 KB' },
  { from: 'Orrin Billing', subject: 'Invoice 88410 – PO 4500020013', date: '02-Mar-26', size: '3 KB' },
  { from: 'Thornbury Instruments Ltd', subject: 'Open house on 24 April 2026', date: '01-Mar-26', size: '18 KB' },
];

/** A message list row as SOGo draws it; `roles: false` drops every role (records by shape). */
const row = (m: Mail, roles: boolean) =>
  `<md-list-item md-item-size="56" class="sg-message-list-item _md-button-wrap md-with-secondary _md md-clickable"${roles ? ' role="listitem"' : ''} tabindex="-1" aria-label="${m.subject}"><div class="md-button md-no-style"><button class="md-no-style md-button md-ink-ripple" type="button" aria-label="${m.subject}"></button><div class="md-list-item-inner"><div class="md-list-item-inner sg-message-list-item-main"><div class="sg-tile-content"><div class="sg-md-subhead"><div><span class="sg-label-outline ng-hide" aria-hidden="true"></span><span>${m.from}</span></div><div class="sg-tile-date">${m.date}</div></div><div class="sg-md-body"><div class="sg-category-dot-container"></div><div class="sg-tile-subject">${m.subject}</div><div class="sg-tile-size">${m.size}</div></div></div><div class="sg-tile-icons"><md-icon class="ng-hide sg-icon-star material-icons"${roles ? ' role="img"' : ''} aria-hidden="true">star</md-icon></div></div></div><div class="md-secondary-container"><button class="md-secondary md-icon-button md-button" type="button" aria-label="Select Message"><sg-avatar-image size="40"><md-icon class="material-icons"${roles ? ' role="img"' : ''} aria-label="person">person</md-icon></sg-avatar-image></button></div></div></md-list-item>`;

const folder = (name: string, roles: boolean) =>
  `<md-list-item class="sg-mailbox-list-item md-clickable"${roles ? ' role="listitem"' : ''}><p class="sg-item-name" tabindex="0"${roles ? ' role="button"' : ''}><md-icon class="material-icons"${roles ? ' role="img"' : ''}>folder</md-icon> <span>${name}</span></p></md-list-item>`;

function sogoPage(roles = true): string {
  const r = (name: string) => (roles ? ` role="${name}"` : '');
  return `<md-sidenav><md-list class="md-dense"${r('list')}>${['Inbox', 'Drafts', 'Sent', 'Invoices 2026'].map((f) => folder(f, roles)).join('')}</md-list></md-sidenav>
  <md-content id="messagesList"><div class="md-subheader"${r('heading')}><span>4 messages</span></div>
    <md-list id="rows" class="sg-section-list"${r('list')}>${MAILS.map((m) => row(m, roles)).join('')}</md-list></md-content>
  <div id="detailView" ui-view="message"><md-card><md-card-actions class="layout-row">
      <button class="sg-icon-button md-button" type="button" aria-label="Reply"><md-icon class="material-icons" aria-hidden="true">reply</md-icon></button>
      <button class="sg-icon-button md-button" type="button" aria-label="Open in New Mail Window"><md-icon class="material-icons"${r('img')}>open_in_new</md-icon> Open in new window</button>
    </md-card-actions><md-card-content>
      <div class="sg-padded"><h5 class="sg-md-headline">Invoice TI-40917 for PO 4500020011</h5><time class="msg-date">Tuesday, March 10, 2026 14:05 CET</time></div>
      <div class="layout-row"><div><span>Thornbury Instruments Ltd</span> <a href="#" class="md-caption">ledger@thornbury-instruments.test</a></div>
        <div class="msg-recipients"><label class="pseudo-input-label">To</label><div class="pseudo-input-field"><span>Accounts Payable</span></div></div></div>
      <div class="msg-body"><div class="mailer_mailcontent"><div class="md-flex sg-mail-part" tabindex="-1"${r('button')}><div class="mailer_plaincontent">Dear customer,<br><br>please find our invoice TI-40917 for your purchase order 4500020011.<br>Amount due: GBP 2,340.00, payable within 30 days.<br><br>Thornbury Instruments Ltd<br>Unit 9, Mill Lane, Leeds LS10 1PZ</div></div></div></div>
    </md-card-content></md-card></div>`;
}

async function scan(html: string): Promise<Found[]> {
  const { document } = parseHTML(
    `<!doctype html><html lang="en"><head><title>SOGo</title></head><body>${html}</body></html>`,
  );
  const found: Found[] = [];
  const s = createPageScanner({
    doc: document as unknown as Document,
    detect: (blocks) => detect(blocks, { now: new Date('2026-03-20T00:00:00Z') }),
    adapter: () => pickAdapter(document as unknown as Document, '127.0.0.1'),
    exclude: () => false,
    onFound: (list) => found.push(...list),
    onClear: () => undefined,
    sliceMs: 1e9,
  });
  await s.scanAll();
  return found;
}

/** The element a found number is printed in: the list (`#rows`) or the message (`#detailView`). */
function where(f: Found): 'list' | 'message' | 'other' {
  let el = f.spot?.startContainer.parentNode as Element | null;
  while (el?.getAttribute) {
    if (el.getAttribute('id') === 'rows') return 'list';
    if (el.getAttribute('id') === 'detailView') return 'message';
    el = el.parentNode as Element | null;
  }
  return 'other';
}

const detections = (found: Found[], place: 'list' | 'message', number: string) =>
  found.filter((f) => where(f) === place && f.detection.number === number).map((f) => f.detection);

describe.each([
  ['by role (SOGo as it is)', true],
  ['by shape (the same list without roles)', false],
])('a webmail list and message, records %s', (_name, roles) => {
  it("each list row is one message: its invoice takes its own row's PO and sender, never another row's", async () => {
    const found = await scan(sogoPage(roles));
    const [thornbury] = detections(found, 'list', 'TI-40917');
    expect(thornbury).toMatchObject({ kind: 'invoice', vendor: 'Thornbury Instruments Ltd', poKeys: ['4500020011'] });
    // The list shows no amount: the row's invoice has none, not the open message's.
    expect(thornbury?.total).toBeUndefined();
    const [vasquez] = detections(found, 'list', 'FV-2026-118');
    expect(vasquez).toMatchObject({ kind: 'invoice', vendor: 'Vasquez Embalajes S.A.' });
    expect(vasquez?.poKeys).toBeUndefined();
    const [orrin] = detections(found, 'list', '88410');
    expect(orrin).toMatchObject({ kind: 'invoice', poKeys: ['4500020013'] });
    // A department's name is no vendor, and the other rows' senders are not this row's.
    expect(orrin?.vendor).toBeUndefined();
  });

  it('the open message is the unit for its body: its invoice has the total and PO of the body, not of the list', async () => {
    const found = await scan(sogoPage(roles));
    const [invoice] = detections(found, 'message', 'TI-40917');
    expect(invoice).toMatchObject({
      kind: 'invoice',
      vendor: 'Thornbury Instruments Ltd',
      total: { minor: 234000, currency: 'GBP' },
      poKeys: ['4500020011'],
    });
  });

  it("the app's chrome is not read as the page's text: toolbars, buttons, icons and folders are left out", () => {
    const text = blocksFromHtml(sogoPage(roles))
      .map((b) => b.text)
      .join(' | ');
    expect(text).toContain('Thornbury Instruments Ltd');
    expect(text).toContain('Invoice TI-40917 for PO 4500020011');
    // With roles, the app says what its chrome is; without them, its buttons still are controls.
    expect(text).not.toMatch(roles ? /Open in new window|open_in_new|Inbox|Drafts|person|star/ : /Open in new window/);
  });

  it('a short message body drawn in a clickable part is still the message, not a control', async () => {
    const short = sogoPage(roles).replace(
      /please find our invoice[^<]*<br>Amount due[^<]*<br><br>Thornbury Instruments Ltd<br>Unit 9[^<]*/,
      'Invoice TI-40917<br>Amount due: GBP 2,340.00',
    );
    const found = await scan(short);
    expect(detections(found, 'message', 'TI-40917')[0]?.total).toEqual({ minor: 234000, currency: 'GBP' });
  });

  it("the app's chrome is no field value: no vendor holds a button's label, a folder, a size or a time", async () => {
    const found = await scan(sogoPage(roles));
    for (const f of found) {
      expect(f.detection.vendor ?? '').not.toMatch(
        /Open in|Inbox|Drafts|Invoices 2026|open_in_new|person|KB|14:05|Mar-26/,
      );
    }
    expect(found.map((f) => f.detection.number)).not.toContain('2026');
  });
});

describe('a Roundcube list row: sender, date, size and subject spans without spaces between them', () => {
  // As program/js/app.js builds it (no whitespace between the spans it creates).
  const html = `<table id="messagelist" role="listbox"><thead><tr><th class="subject">Subject</th></tr></thead><tbody><tr class="message" role="option"><td class="subject" role="gridcell"><span class="fromto skip-on-drag"><span class="adr"><span title="invoices@brightwater.test" class="rcmContactAddress">Brightwater Packaging GmbH</span></span></span><span class="date skip-on-drag">Today 09:12</span><span class="size skip-on-drag">84 KB</span><span class="subject"><a href="#"><span>Invoice BW-24-01187 for your order P00042</span></a></span></td></tr></tbody></table>`;

  it('reads them as separate pieces: the vendor is the sender alone', () => {
    const text = blocksFromHtml(html).map((b) => b.text);
    expect(text.join(' | ')).toContain('Brightwater Packaging GmbH Today 09:12 84 KB Invoice BW-24-01187');
  });

  it("the row's invoice has the sender as vendor, nothing of the date or size", async () => {
    const found = await scan(html);
    const invoice = found.find((f) => f.detection.number === 'BW-24-01187')?.detection;
    expect(invoice).toMatchObject({ kind: 'invoice', vendor: 'Brightwater Packaging GmbH', poKeys: ['P00042'] });
  });
});
