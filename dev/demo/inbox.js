// Demo webmail (dev/demo): a Gmail-like list and reading pane over the seeded e-mails in data.js.
// Like Gmail, it renders the message late and re-renders on navigation (hash changes), so the
// extension's scanner meets the same dynamics it meets in real webmail.
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
  return text.length > 90 ? `${text.slice(0, 90)}…` : text;
}

function selectedId() {
  const match = /m=([\w-]+)/.exec(location.hash);
  return match ? match[1] : demo.emails[0].id;
}

function renderList() {
  const list = document.getElementById('mail-list');
  const current = selectedId();
  list.replaceChildren(
    ...demo.emails.map((m) => {
      const link = el(
        'a',
        { href: `#m=${m.id}`, 'aria-current': String(m.id === current) },
        el('span', { class: 'from' }, m.from.name),
        el('time', { class: 'when', datetime: m.date }, when(m.date)),
        el('span', { class: 'subject' }, m.subject),
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
  const email = demo.emails.find((m) => m.id === selectedId()) ?? demo.emails[0];
  email.unread = false;
  const pane = document.getElementById('reading');
  pane.replaceChildren(el('p', { class: 'loading' }, 'Loading…'));
  document.title = `${email.subject} — ap@${demo.buyer.domain} — Webmail`;
  // Webmail fetches the body after the list: render it a moment later, as Gmail does.
  setTimeout(() => {
    const parts = [
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
