/** What the ledger holds against the seed's truth, as figures and the lines behind them. */
import type { DriveResult, Truth } from '@/dev/realapps/app';
import { numberKey } from '@/lib/model/keys';

type Row = Record<string, unknown>;

export interface Figures {
  po: { expected: number; stored: number; right: number };
  invoice: { expected: number; stored: number; right: number };
  /** Documents the seed does not explain (a wrong kind, an ERP number read as a document, …). */
  extraDocs: number;
  exceptions: { requiredRaised: number; required: number; allowed: number; unexpected: number };
  forms: { read: number; markedRight: number; inView: number; clickable: number; cardRight: number; markers: number };
}

const money = (t: unknown) => (t as { minor?: number } | undefined)?.minor;

export function compare(truth: Truth, docs: Row[], exceptions: Row[], drive: DriveResult) {
  const lines: string[] = [];
  const byId = new Map(docs.map((d) => [String(d.id), d]));
  const explained = new Set<string>();
  const figures: Figures = {
    po: { expected: 0, stored: 0, right: 0 },
    invoice: { expected: 0, stored: 0, right: 0 },
    extraDocs: 0,
    exceptions: { requiredRaised: 0, required: 0, allowed: 0, unexpected: 0 },
    forms: { read: 0, markedRight: 0, inView: 0, clickable: 0, cardRight: 0, markers: 0 },
  };
  for (const t of truth.docs) {
    const f = figures[t.kind];
    f.expected++;
    const key = numberKey(t.number);
    const found = docs.filter((d) => d.kind === t.kind && d.key === key);
    for (const d of found) explained.add(String(d.id));
    if (found.length) f.stored++;
    const problems: string[] = [];
    if (!found.length) problems.push('not stored');
    else {
      if (found.length !== t.records) problems.push(`${found.length} documents for ${t.records} record(s)`);
      for (const d of found) {
        if (d.vendor !== t.vendor) problems.push(`vendor ${JSON.stringify(d.vendor)}`);
        if (money(d.total) !== t.total) problems.push(`total ${money(d.total) ?? 'none'} (want ${t.total})`);
        if (t.poKey && !(d.poKeys as string[] | undefined)?.includes(numberKey(t.poKey)))
          problems.push(`poKeys ${JSON.stringify(d.poKeys)} (want ${t.poKey})`);
      }
    }
    if (!problems.length) f.right++;
    else lines.push(`  ${t.kind} ${t.number}: ${[...new Set(problems)].join('; ')}`);
  }
  for (const d of docs) {
    if (explained.has(String(d.id))) continue;
    figures.extraDocs++;
    lines.push(
      `  extra ${d.kind} ${JSON.stringify(d.number)} vendor ${JSON.stringify(d.vendor)} total ${money(d.total) ?? '-'}`,
    );
  }
  const open = exceptions.filter((x) => x.state === 'open');
  const numbersOf = (x: Row) =>
    ((x.docIds as string[] | undefined) ?? []).map((id) => String(byId.get(id)?.number ?? id));
  const matched = new Set<Row>();
  for (const want of truth.exceptions) {
    const hit = open.filter((x) => x.type === want.type && numbersOf(x).includes(want.number));
    for (const x of hit) matched.add(x);
    if (want.required) {
      figures.exceptions.required++;
      if (hit.length) figures.exceptions.requiredRaised++;
      else lines.push(`  missing exception ${want.type} on ${want.number}`);
    } else if (hit.length) figures.exceptions.allowed++;
  }
  for (const x of open) {
    if (matched.has(x)) continue;
    figures.exceptions.unexpected++;
    lines.push(`  unexpected ${x.type} [${numbersOf(x).join(', ')}]: ${x.message}`);
  }
  for (const form of drive.forms) {
    figures.forms.read++;
    figures.forms.markers += form.markers.length;
    const numbers = form.markers.map((m) => m.number);
    const right = numbers.includes(form.expected[0]!) && numbers.every((n) => form.expected.includes(n));
    if (right) figures.forms.markedRight++;
    else
      lines.push(
        `  form ${form.view} #${form.record}: markers [${numbers.join(', ')}], want [${form.expected.join(', ')}]`,
      );
    if (form.markers.length && form.markers.every((m) => m.inView)) figures.forms.inView++;
    if (form.markers.length && form.markers.every((m) => m.clickable)) figures.forms.clickable++;
    if (form.card && form.cardMustSay.every((w) => form.card!.includes(w))) figures.forms.cardRight++;
    else if (right) lines.push(`  form ${form.view} #${form.record}: card ${JSON.stringify(form.card?.slice(0, 160))}`);
  }
  return { figures, lines };
}

export function printFigures(name: string, f: Figures): string {
  return [
    `${name}`,
    `  POs        stored ${f.po.stored}/${f.po.expected}, right kind+vendor+total ${f.po.right}/${f.po.expected}`,
    `  invoices   stored ${f.invoice.stored}/${f.invoice.expected}, right (one per record, vendor, total, PO) ${f.invoice.right}/${f.invoice.expected}`,
    `  extra documents ${f.extraDocs}`,
    `  exceptions required raised ${f.exceptions.requiredRaised}/${f.exceptions.required}, allowed ${f.exceptions.allowed}, unexpected ${f.exceptions.unexpected}`,
    `  forms ${f.forms.read}: marked with this record's numbers ${f.forms.markedRight}, markers in view ${f.forms.inView}, clickable ${f.forms.clickable}, card describes the record ${f.forms.cardRight}`,
  ].join('\n');
}
