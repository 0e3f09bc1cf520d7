/**
 * XML e-invoices (UBL 2.1, UN/CEFACT CII) as text blocks: every element with text becomes one
 * block whose `label` is its path of local names (`Invoice/OrderReference/ID`), so the detector
 * reads element names as labels. A single linear pass over the text, no DOM: it runs in the
 * content script on an opened .xml as it does in Node. Binary attachments are skipped.
 */
import type { TextBlock } from './types';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i >= 0 ? qname.slice(i + 1) : qname;
}

function parseAttrs(s: string): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  const re = /([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (const m of s.matchAll(re)) {
    const name = localName(m[1] ?? '');
    if (name === 'xmlns' || (m[1] ?? '').startsWith('xmlns')) continue;
    out ??= {};
    out[name] = decode(m[3] ?? m[4] ?? '');
  }
  return out;
}

/** Whether a text looks like an XML document (rather than HTML or plain text). */
export function looksLikeXml(text: string): boolean {
  const head = text.slice(0, 500).trimStart();
  return head.startsWith('<?xml') || /^<[A-Za-z_][\w.-]*:?[\w.-]*[\s>]/.test(head);
}

const MAX_TEXT = 2000;

export function blocksFromXml(xml: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  const path: string[] = [];
  const attrsStack: Array<Record<string, string> | undefined> = [];
  let i = 0;
  const n = xml.length;
  let skipDepth = -1; // inside a binary attachment
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    const text = xml.slice(i, lt);
    i = lt;
    if (xml.startsWith('<!--', i)) {
      const e = xml.indexOf('-->', i + 4);
      i = e < 0 ? n : e + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      const e = xml.indexOf(']]>', i + 9);
      const data = xml.slice(i + 9, e < 0 ? n : e);
      i = e < 0 ? n : e + 3;
      if (skipDepth < 0 && path.length > 0 && data.trim()) pushBlock(data);
      continue;
    }
    if (xml.startsWith('<?', i) || xml.startsWith('<!', i)) {
      const e = xml.indexOf('>', i);
      i = e < 0 ? n : e + 1;
      continue;
    }
    const gt = xml.indexOf('>', i);
    if (gt < 0) break;
    const tag = xml.slice(i + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      if (skipDepth < 0 && text.trim()) pushBlock(decode(text));
      if (skipDepth === path.length) skipDepth = -1;
      path.pop();
      attrsStack.pop();
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const sp = body.search(/\s/);
    const qname = sp < 0 ? body : body.slice(0, sp);
    const name = localName(qname);
    const attrs = sp < 0 ? undefined : parseAttrs(body.slice(sp));
    if (selfClosing) continue;
    path.push(name);
    attrsStack.push(attrs);
    if (skipDepth < 0 && /BinaryObject$/.test(name)) skipDepth = path.length;
  }
  return blocks;

  function pushBlock(raw: string): void {
    const value = raw.trim();
    if (!value || value.length > MAX_TEXT) return;
    const attrs = attrsStack[attrsStack.length - 1];
    const block: TextBlock = { text: value, role: 'field', label: path.join('/') };
    if (attrs) block.attrs = attrs;
    blocks.push(block);
  }
}
