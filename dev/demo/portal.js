// Demo supplier portal (dev/demo): renders the seeded data (data.js) with textContent only.
const demo = window.TIEOUT_DEMO;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function badge(status) {
  return el('span', { class: `badge ${status.toLowerCase().replace(/\s+/g, '-')}` }, status);
}

function isoDate(iso) {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A table whose columns are [header, cell(row) → Node|string, numeric?]. */
function grid(label, columns, rows, foot) {
  const head = el(
    'tr',
    {},
    ...columns.map(([h, , num]) => el('th', num ? { class: 'num', scope: 'col' } : { scope: 'col' }, h)),
  );
  const body = rows.map((row) =>
    el('tr', {}, ...columns.map(([, cell, num]) => el('td', num ? { class: 'num' } : {}, cell(row)))),
  );
  const table = el('table', { class: 'grid', 'aria-label': label }, el('thead', {}, head), el('tbody', {}, ...body));
  if (foot)
    table.append(
      el('tfoot', {}, el('tr', {}, ...foot.map((c, i) => el('td', i === foot.length - 1 ? { class: 'num' } : {}, c)))),
    );
  return table;
}

function money(minor, currency) {
  const exponent = currency === 'JPY' ? 0 : 2;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 10 ** exponent);
}

function poLink(number) {
  return el('a', { href: `po.html?po=${encodeURIComponent(number)}` }, number);
}

const invoiceColumns = [
  ['Invoice No.', (i) => i.number],
  ['PO Number', (i) => poLink(i.po)],
  ['Vendor', (i) => i.vendor],
  ['Invoice date', (i) => isoDate(i.date)],
  ['Due date', (i) => isoDate(i.dueDate)],
  ['Amount', (i) => money(i.total, i.currency), true],
  ['Status', (i) => badge(i.status)],
];

const creditColumns = [
  ['Credit note No.', (i) => i.number],
  ['PO Number', (i) => poLink(i.po)],
  ['Vendor', (i) => i.vendor],
  ['Date', (i) => isoDate(i.date)],
  ['Credit amount', (i) => money(i.total, i.currency), true],
  ['Status', (i) => badge(i.status)],
];

const invoicesOnly = (list) => list.filter((i) => i.kind === 'invoice');
const creditsOnly = (list) => list.filter((i) => i.kind === 'credit_note');

function renderHome(root) {
  root.append(
    el('h1', {}, 'Purchase orders and invoices'),
    el(
      'p',
      { class: 'lead' },
      `${demo.buyer.name} · ${demo.pos.length} open purchase orders · as of ${isoDate(demo.today)}`,
    ),
    el('h2', { id: 'open-pos' }, 'Open purchase orders'),
    grid(
      'Open purchase orders',
      [
        ['PO Number', (p) => poLink(p.number)],
        ['Vendor', (p) => p.vendor],
        ['Order date', (p) => isoDate(p.orderDate)],
        ['PO total', (p) => money(p.total, p.currency), true],
        ['Invoiced', (p) => money(p.invoiced, p.currency), true],
        ['Status', (p) => badge(p.status)],
      ],
      demo.pos,
    ),
    el('h2', { id: 'invoices' }, 'Invoices received'),
    grid('Invoices received', invoiceColumns, invoicesOnly(demo.invoices)),
    el('h2', { id: 'credit-notes' }, 'Credit notes'),
    grid('Credit notes', creditColumns, creditsOnly(demo.invoices)),
  );
}

function renderPo(root, number) {
  const po = demo.pos.find((p) => p.number === number);
  if (!po) {
    root.append(el('h1', {}, 'Purchase order not found'), el('p', {}, el('a', { href: './' }, 'Back to the list')));
    return;
  }
  document.title = `PO ${po.number} — ${demo.buyer.name} Supplier Portal`;
  const facts = el('dl', { class: 'facts' });
  for (const [label, value] of [
    ['PO Number', po.number],
    ['Vendor', po.vendor],
    ['Order date', isoDate(po.orderDate)],
    ['Buyer', po.buyer],
    ['Payment terms', po.terms],
    ['Currency', po.currency],
    ['Ship to', demo.buyer.address],
    ['Status', po.status],
  ]) {
    facts.append(el('dt', {}, label), el('dd', {}, value));
  }
  const related = demo.invoices.filter((i) => i.po === po.number);
  const invoices = invoicesOnly(related);
  const credits = creditsOnly(related);
  root.append(
    el('p', {}, el('a', { href: './' }, '← All purchase orders')),
    el('h1', {}, `Purchase Order ${po.number}`),
    facts,
    el('h2', {}, 'Lines'),
    grid(
      `Lines of PO ${po.number}`,
      [
        ['Line', (l) => String(l.line)],
        ['Item', (l) => l.sku],
        ['Description', (l) => l.description],
        ['Qty', (l) => String(l.quantity), true],
        ['Unit price', (l) => money(l.unitPrice, po.currency), true],
        ['Amount', (l) => money(l.amount, po.currency), true],
      ],
      po.lines,
      ['', '', '', '', 'PO total', money(po.total, po.currency)],
    ),
    el('h2', {}, 'Invoices against this PO'),
    invoices.length
      ? grid(`Invoices against PO ${po.number}`, invoiceColumns, invoices)
      : el('p', { class: 'lead' }, 'No invoices yet.'),
  );
  if (credits.length) {
    root.append(el('h2', {}, 'Credit notes'), grid(`Credit notes against PO ${po.number}`, creditColumns, credits));
  }
}

const root = document.getElementById('portal');
const number = new URLSearchParams(location.search).get('po');
if (number) renderPo(root, number);
else renderHome(root);
