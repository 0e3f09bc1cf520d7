// Demo webmail (dev/demo): a Gmail-like inbox over the seeded e-mails in data.js. As in Gmail's
// default layout, the list and the open message take turns in the main pane (`#inbox`, `#m=<id>`):
// the list is hidden, not removed, while a message is read. The message renders late and the pane
// re-renders on navigation, so the extension's scanner meets the dynamics of real webmail.
const demo = window.TIEOUT_DEMO;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function when(iso) {
  const d = new Date(`${iso}Z`);
  if (iso.slice(0, 10) === demo.today) {
    return d.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  }
  return d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

function fullDate(iso) {
  return new Date(`${iso}Z`).toLocaleString('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
  });
}

function snippet(email) {
  const text = email.body
    .map((b) => (b.type === 'p' ? b.text : b.type === 'table' ? b.rows.map((r) => r.join(' ')).join(' ') : ''))
    .join(' ');
  if (text.length <= 90) return text;
  // Cut at a word boundary, so no number is shown half.
  const cut = text.lastIndexOf(' ', 90);
  return `${text.slice(0, cut > 0 ? cut : 90)} …`;
}

function selectedId() {
  const match = /m=([\w-]+)/.exec(location.hash);
  return match ? match[1] : undefined;
}

function renderList() {
  const list = document.getElementById('mail-list');
  const current = selectedId();
  list.replaceChildren(
    ...demo.emails.map((m) => {
      const link = el(
        'a',
        { href: `#m=${m.id}`, 'aria-current': String(m.id === current) },
        // Spaces between the cells, as webmail has: copied or read as text, they stay apart.
        el('span', { class: 'from' }, m.from.name),
        ' ',
        el('time', { class: 'when', datetime: m.date }, when(m.date)),
        ' ',
        el('span', { class: 'subject' }, m.subject),
        ' ',
        el('span', { class: 'snippet' }, snippet(m)),
      );
      return el('li', { class: m.unread && m.id !== current ? 'unread' : '', 'data-id': m.id }, link);
    }),
  );
  const unread = demo.emails.filter((m) => m.unread).length;
  document.getElementById('unread-count').textContent = String(unread);
}

function block(b) {
  if (b.type === 'p') return el('p', {}, b.text);
  if (b.type === 'sig') {
    const sig = el('div', { class: 'sig' });
    b.lines.forEach((line, i) => {
      if (i) sig.append(el('br'));
      sig.append(line);
    });
    return sig;
  }
  const table = el(
    'table',
    {},
    el('thead', {}, el('tr', {}, ...b.head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...b.rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))),
  );
  if (b.foot) table.append(el('tfoot', {}, el('tr', {}, ...b.foot.map((c) => el('td', {}, c)))));
  return table;
}

function renderMessage() {
  const pane = document.getElementById('reading');
  const list = document.getElementById('mail-list');
  const email = demo.emails.find((m) => m.id === selectedId());
  if (!email) {
    pane.hidden = true;
    pane.replaceChildren();
    list.hidden = false;
    document.title = `Inbox (${demo.emails.filter((m) => m.unread).length}) — ap@${demo.buyer.domain} — Webmail`;
    return;
  }
  email.unread = false;
  list.hidden = true;
  pane.hidden = false;
  pane.replaceChildren(el('p', { class: 'loading' }, 'Loading…'));
  document.title = `${email.subject} — ap@${demo.buyer.domain} — Webmail`;
  // Webmail fetches the body after the list: render it a moment later, as Gmail does.
  setTimeout(() => {
    const parts = [
      el('p', { class: 'back' }, el('a', { href: '#inbox' }, '← Back to Inbox')),
      el('h2', { class: 'hP' }, email.subject),
      el(
        'div',
        { class: 'sender' },
        el(
          'span',
          {},
          el('span', { class: 'who gD', email: email.from.email, name: email.from.name }, email.from.name),
          ' ',
          el('span', { class: 'addr' }, `<${email.from.email}>`),
        ),
        el('time', { datetime: email.date }, fullDate(email.date)),
      ),
      el('div', { class: 'to' }, `to ap@${demo.buyer.domain}`),
    ];
    if (email.attachment) parts.push(el('div', { class: 'attachment' }, `PDF · ${email.attachment}`));
    parts.push(el('div', { class: 'body a3s', 'data-message-id': email.id }, ...email.body.map(block)));
    pane.replaceChildren(...parts);
  }, 150);
}

function render() {
  renderMessage();
  renderList();
}

window.addEventListener('hashchange', render);
render();
