import { useLiveQuery } from '@/components/useLiveQuery';
import type { TieoutDB } from '@/lib/ledger/db';

export function App({ db }: { db: TieoutDB }) {
  const docs = useLiveQuery(() => db.documents.orderBy('updatedAt').reverse().limit(50).toArray(), [], []);
  return (
    <main>
      <h1>Tieout</h1>
      {docs.length === 0 ? (
        <p>No numbers yet. Enable Tieout on a site and open a page with a PO or invoice number.</p>
      ) : (
        <ul aria-label="Recent numbers">
          {docs.map((d) => (
            <li key={d.id} data-kind={d.kind}>
              {d.kind === 'po' ? 'PO' : 'Invoice'} {d.number}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
