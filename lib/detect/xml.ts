/**
 * XML read with a conforming parser (saxes: strict XML 1.0 with namespaces, no DTD processing) into
 * a small element tree, the same code in the offscreen page, the background and Node.
 *
 * What a hostile file could use is refused before anything is read from it, each with a sentence
 * for the clerk: a document type declaration (where entity bombs and external entities live), an
 * entity other than XML's five, a file above MAX_XML_CHARS, nesting deeper than MAX_DEPTH or more
 * than MAX_ELEMENTS elements. Binary attachments (`…BinaryObject`, base64 of a PDF inside UBL) are
 * skipped, not kept in memory.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { TextBlock } from './types';

export interface XmlElement {
  /** Local name (`ID` for `cbc:ID`). */
  name: string;
  /** Namespace URI, '' when none. */
  ns: string;
  /** Attributes by local name, namespace declarations left out. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its children's), trimmed. */
  text: string;
}

/** 20 million characters: the largest e-invoice seen (3.3 MB, with an embedded PDF) fits six times over. */
export const MAX_XML_CHARS = 20_000_000;
export const MAX_DEPTH = 200;
export const MAX_ELEMENTS = 500_000;
/** Text longer than this in one element is not a field value (prose, base64); it is not kept. */
const MAX_TEXT = 4000;

/** An XML file Tieout will not read; `message` is the sentence shown to the clerk. */
export class XmlRefusedError extends Error {
  override name = 'XmlRefusedError';
}

function isBinary(name: string): boolean {
  return name.endsWith('BinaryObject');
}

/**
 * Parses `text` into its root element. Throws XmlRefusedError (with a sentence) for a file that is
 * not well-formed XML or that uses what is refused above.
 */
export function parseXml(text: string): XmlElement {
  if (text.length > MAX_XML_CHARS) {
    throw new XmlRefusedError(
      `This XML file is ${Math.round(text.length / 1_000_000)} million characters long; Tieout reads XML files of up to ${MAX_XML_CHARS / 1_000_000} million characters. Nothing was stored.`,
    );
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  const textParts: string[][] = [];
  let root: XmlElement | undefined;
  let count = 0;
  let binaryDepth = 0;
  parser.on('doctype', () => {
    throw new XmlRefusedError(
      'This XML file declares a document type (DOCTYPE); Tieout does not read those, because they can define entities that expand without end or fetch other files. Nothing was stored.',
    );
  });
  parser.on('opentag', (tag) => {
    const t = tag as SaxesTagNS;
    if (++count > MAX_ELEMENTS) {
      throw new XmlRefusedError(
        `This XML file has more than ${MAX_ELEMENTS} elements; Tieout does not read it. Nothing was stored.`,
      );
    }
    if (stack.length >= MAX_DEPTH) {
      throw new XmlRefusedError(
        `This XML file nests elements more than ${MAX_DEPTH} deep; Tieout does not read it. Nothing was stored.`,
      );
    }
    const attrs: Record<string, string> = {};
    for (const a of Object.values(t.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs[a.local] = a.value;
    }
    const el: XmlElement = { name: t.local, ns: t.uri ?? '', attrs, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
    textParts.push([]);
    if (binaryDepth > 0 || isBinary(el.name)) binaryDepth++;
  });
  const onText = (s: string) => {
    if (binaryDepth > 0) return;
    const parts = textParts[textParts.length - 1];
    if (parts) parts.push(s);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const el = stack.pop();
    const parts = textParts.pop();
    if (binaryDepth > 0) binaryDepth--;
    if (el && parts && parts.length > 0) {
      const value = parts.join('').trim();
      el.text = value.length > MAX_TEXT ? '' : value;
    }
  });
  try {
    parser.write(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).close();
  } catch (e) {
    if (e instanceof XmlRefusedError) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    if (/undefined entity/i.test(reason)) {
      throw new XmlRefusedError(
        'This XML file uses an entity that is not one of XML’s own five (&amp; &lt; &gt; &quot; &apos;); Tieout does not expand other entities. Nothing was stored.',
      );
    }
    throw new XmlRefusedError(`This file is not well-formed XML (${reason}). Nothing was stored.`);
  }
  if (!root) throw new XmlRefusedError('This file has no XML element in it. Nothing was stored.');
  return root;
}

/**
 * Text of an XML file from its bytes: a byte-order mark decides, else UTF-8 unless the declaration
 * names another encoding (read by the parser, not by scanning the bytes).
 */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  const declared = declaredEncoding(utf8);
  if (!declared || /^utf-?8$/i.test(declared)) return utf8;
  try {
    return new TextDecoder(declared).decode(bytes);
  } catch {
    return utf8;
  }
}

/** The encoding named in the XML declaration, read by the parser from the first line alone. */
function declaredEncoding(text: string): string | undefined {
  if (!text.replace(/^\uFEFF/, '').startsWith('<?xml')) return undefined;
  const end = text.indexOf('?>');
  if (end < 0 || end > 500) return undefined;
  const parser = new SaxesParser();
  let encoding: string | undefined;
  parser.on('xmldecl', (d) => {
    encoding = d.encoding;
  });
  try {
    parser.write(text.replace(/^\uFEFF/, '').slice(0, end + 2));
  } catch {
    return undefined;
  }
  return encoding;
}

/** Whether a text looks like an XML document (rather than HTML or plain text). */
export function looksLikeXml(text: string): boolean {
  let head = text
    .slice(0, 4000)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('<?xml')) return true;
  // Leading comments (a licence header) before the root element.
  while (head.startsWith('<!--')) {
    const end = head.indexOf('-->');
    if (end < 0) return false;
    head = head.slice(end + 3).trimStart();
  }
  if (!head.startsWith('<') || /^<(!doctype\s+html|html[\s>])/i.test(head)) return false;
  // Any other document type declaration: XML, which the parser will refuse with its sentence.
  if (/^<!doctype\s/i.test(head)) return true;
  return /^<[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?[\s/>]/.test(head);
}

/** The first child of `el` with one of these local names. */
export function child(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (names.includes(c.name)) return c;
  return undefined;
}

/** Every child of `el` with this local name. */
export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** The element at a path of local names below `el`; each step may offer alternatives (`A|B`). */
export function at(el: XmlElement | undefined, path: string): XmlElement | undefined {
  let cur = el;
  for (const step of path.split('/')) {
    if (!cur) return undefined;
    cur = child(cur, ...step.split('|'));
  }
  return cur;
}

/** Text at a path (see `at`), undefined when absent or empty. */
export function textAt(el: XmlElement | undefined, path: string): string | undefined {
  const t = at(el, path)?.text;
  return t ? t : undefined;
}

/**
 * Every element with text becomes one block whose `label` is its path of local names
 * (`Invoice/OrderReference/ID`), so the detector reads element names as labels: the reading of an
 * XML file that is not an e-invoice Tieout knows (lib/detect/einvoice.ts reads those exactly).
 */
export function blocksFromXml(xml: string): TextBlock[] {
  return blocksFromTree(parseXml(xml));
}

export function blocksFromTree(root: XmlElement): TextBlock[] {
  const blocks: TextBlock[] = [];
  const path: string[] = [];
  const walk = (el: XmlElement) => {
    path.push(el.name);
    if (el.text && !isBinary(el.name)) {
      const block: TextBlock = { text: el.text, role: 'field', label: path.join('/') };
      if (Object.keys(el.attrs).length > 0) block.attrs = el.attrs;
      blocks.push(block);
    }
    for (const c of el.children) walk(c);
    path.pop();
  };
  walk(root);
  return blocks;
}
