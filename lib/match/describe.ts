import type { Document } from '@/lib/model/document';
import { formatMoney, type Money } from '@/lib/model/money';

const KIND_LABEL: Record<Document['kind'], string> = {
  po: 'PO',
  invoice: 'Invoice',
  credit_note: 'Credit note',
  receipt: 'Receipt',
};

/** "Invoice INV-2291", as a clerk would say it. */
export function docLabel(doc: Document): string {
  return `${KIND_LABEL[doc.kind]} ${doc.number}`;
}

/** "invoice INV-2291", for the middle of a sentence. */
export function docLabelLower(doc: Document): string {
  const label = KIND_LABEL[doc.kind];
  return `${doc.kind === 'po' ? label : label.toLowerCase()} ${doc.number}`;
}

export function money(minor: number, currency: string): string {
  return formatMoney({ minor, currency } satisfies Money);
}

export function listLabels(docs: Document[], max = 3): string {
  const names = docs.slice(0, max).map((d) => d.number);
  return docs.length > max ? `${names.join(', ')} and ${docs.length - max} more` : names.join(', ');
}

export function vendorName(doc: Document): string | undefined {
  return doc.vendor ?? doc.vendorKey;
}
