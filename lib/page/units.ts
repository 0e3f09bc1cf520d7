/**
 * The records of a list on a page, so that each one is read as a document of its own: a message in a
 * mailbox list, an entry of a feed, an option of a listbox, a card of a board. One message's subject
 * is then never tied to another's PO, and no row takes another row's sender, date or total. What is
 * not in a record (the message on screen, a record form) is read whole, as before.
 *
 * A record is told by its role, as the page gives it to assistive technology — `listitem`,
 * `option`, `treeitem`, `article` (a feed's entry), and `row` outside a table — or, failing roles,
 * by shape: one of three or more siblings alike (same tag, same first class) that draws three or
 * more pieces of text, like the sender, subject and date of a message row, none of them labelled:
 * the sections of a record form repeat their shape too, but hold labels and their values. A table row is left to
 * the table's own structure (its cells carry their row, html-blocks.ts): the line items of a record
 * form are table rows whose numbers belong to that record.
 */

const ITEM_ROLES = new Set(['listitem', 'option', 'treeitem', 'article']);
/** Text flow and table parts: not records, however alike they are. */
const NOT_RECORDS = new Set([
  'P',
  'SPAN',
  'BR',
  'TD',
  'TH',
  'TR',
  'TBODY',
  'THEAD',
  'TFOOT',
  'TABLE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'B',
  'I',
  'EM',
  'STRONG',
  'A',
  'LABEL',
  'OPTION',
  'INPUT',
  'SELECT',
  'TEXTAREA',
  'BUTTON',
  'BODY',
  'HTML',
]);
const SIBLINGS_ALIKE = 3;
const PIECES_PER_RECORD = 3;
/** How far up from a block its record is looked for. */
const MAX_DEPTH = 40;

function isItemByRole(el: Element): boolean {
  const role = el.getAttribute('role');
  if (!role) return false;
  return ITEM_ROLES.has(role) || (role === 'row' && el.tagName !== 'TR');
}

const shapeOf = (el: Element): string => {
  const cls = (el.getAttribute('class') ?? '').trim();
  const first = cls ? cls.split(/\s+/, 1)[0] : '';
  return first ? `${el.tagName}.${first}` : '';
};

/**
 * For each element (a block's), the record it belongs to, or undefined when it belongs to the page's
 * own document. Linear in the blocks and their ancestors: each parent's children are grouped by
 * shape once.
 */
export function recordsOf(elements: readonly Element[], labelled: readonly boolean[]): (Element | undefined)[] {
  const byRole = new Map<Element, Element | null>();
  const groups = new Map<Element, Map<string, number>>();
  const alike = (el: Element): boolean => {
    const parent = el.parentElement;
    const shape = shapeOf(el);
    if (!parent || !shape || NOT_RECORDS.has(el.tagName) || parent.childElementCount < SIBLINGS_ALIKE) return false;
    let counts = groups.get(parent);
    if (!counts) {
      counts = new Map();
      for (let c = parent.firstElementChild; c; c = c.nextElementSibling) {
        const s = shapeOf(c);
        if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
      }
      groups.set(parent, counts);
    }
    return (counts.get(shape) ?? 0) >= SIBLINGS_ALIKE;
  };
  const roleRecord = (el: Element): Element | undefined => {
    const path: Element[] = [];
    let found: Element | null = null;
    for (let cur: Element | null = el, depth = 0; cur && depth < MAX_DEPTH; cur = cur.parentElement, depth++) {
      const known = byRole.get(cur);
      if (known !== undefined) {
        found = known;
        break;
      }
      path.push(cur);
      if (isItemByRole(cur)) {
        found = cur;
        break;
      }
    }
    for (const p of path) byRole.set(p, found);
    return found ?? undefined;
  };

  const out: (Element | undefined)[] = elements.map(roleRecord);
  // By shape, where no role said: each block's ancestors that have alike siblings, innermost first.
  const chains: Element[][] = [];
  const pieces = new Map<Element, number>();
  const withLabel = new Set<Element>();
  elements.forEach((el, i) => {
    const chain: Element[] = [];
    if (!out[i]) {
      for (let cur: Element | null = el, depth = 0; cur && depth < MAX_DEPTH; cur = cur.parentElement, depth++) {
        if (alike(cur)) chain.push(cur);
      }
      for (const c of chain) {
        pieces.set(c, (pieces.get(c) ?? 0) + 1);
        if (labelled[i]) withLabel.add(c);
      }
    }
    chains.push(chain);
  });
  chains.forEach((chain, i) => {
    // The innermost that draws a record's pieces: a message row, not its repeated icons, and not
    // the column of the layout that holds the whole list.
    const record = chain.find((c) => (pieces.get(c) ?? 0) >= PIECES_PER_RECORD && !withLabel.has(c));
    if (record) out[i] = record;
  });
  return out;
}

/** The record `node` sits in, by role: a re-read of part of a row reads the whole row. */
export function recordAround(node: Element): Element | undefined {
  for (let cur: Element | null = node, depth = 0; cur && depth < MAX_DEPTH; cur = cur.parentElement, depth++) {
    if (isItemByRole(cur)) return cur;
  }
  return undefined;
}
