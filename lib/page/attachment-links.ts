/**
 * The links on a page that lead to a file Tieout can read: webmail attachment chips (Gmail's
 * `span.aZo` with its `download_url`, Outlook's attachment list items with a download link,
 * Roundcube's `#attachment-list`), and any link to a `.pdf` or `.xml` file or one that says it
 * downloads an invoice ("Download invoice", "Rechnung herunterladen", "Télécharger la facture"…).
 * Each gets the overlay's "Read" action; nothing is fetched until the clerk clicks it.
 */

export interface AttachmentLink {
  /** The element the action sits beside. */
  anchor: Element;
  /** Absolute address of the file. */
  url: string;
  /** The file name as the page shows it, when it does. */
  name?: string;
}

const FILE_EXT = /\.(pdf|xml)$/i;
const DOWNLOAD_WORDS =
  /\b(download|herunterladen|t[ée]l[ée]charger|descargar|scarica|baixar|downloaden|pobierz|st[áa]hnout|ladda ner)\b/i;
const INVOICE_WORDS =
  /\b(invoices?|bills?|credit notes?|rechnung(en)?|gutschrift|factures?|avoir|facturas?|fatture|fattura|faktur[ay]?|faktura|factuur|nota fiscal|e-?invoice)\b/i;

function squash(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

function absolute(href: string, base: string): string | undefined {
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'blob:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function pathName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  } catch {
    return '';
  }
}

/** Gmail keeps the download address in `download_url`: `mime:name:address`. */
function gmailChip(chip: Element, base: string): AttachmentLink | undefined {
  const raw = chip.getAttribute('download_url') ?? '';
  const [mime, name, ...rest] = raw.split(':');
  const url = absolute(rest.join(':'), base);
  if (!url || !name || !(FILE_EXT.test(name) || /pdf|xml/i.test(mime ?? ''))) return undefined;
  return { anchor: chip, url, name };
}

export function findAttachmentLinks(doc: Document): AttachmentLink[] {
  const base = doc.baseURI;
  const out: AttachmentLink[] = [];
  const seen = new Set<Element>();
  const add = (link: AttachmentLink | undefined) => {
    if (!link || seen.has(link.anchor) || out.some((o) => o.url === link.url)) return;
    seen.add(link.anchor);
    out.push(link);
  };
  for (const chip of doc.querySelectorAll('span.aZo[download_url], [download_url]')) add(gmailChip(chip, base));
  for (const a of doc.querySelectorAll<HTMLAnchorElement>('#attachment-list li a[href], .attachmentslist li a[href]')) {
    const name = squash(a.querySelector('.attachment-name')?.textContent) || squash(a.textContent);
    const url = absolute(a.getAttribute('href') ?? '', base);
    if (url && FILE_EXT.test(name)) add({ anchor: a, url, name });
  }
  for (const a of doc.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    if (seen.has(a)) continue;
    const url = absolute(a.getAttribute('href') ?? '', base);
    if (!url) continue;
    const download = a.getAttribute('download');
    const label = squash(
      `${a.textContent ?? ''} ${a.getAttribute('title') ?? ''} ${a.getAttribute('aria-label') ?? ''}`,
    );
    const fileName = [download, squash(a.textContent), pathName(url)].find((n) => n && FILE_EXT.test(n));
    if (fileName) add({ anchor: a, url, name: fileName });
    else if (DOWNLOAD_WORDS.test(label) && INVOICE_WORDS.test(label)) add({ anchor: a, url });
  }
  return out;
}
