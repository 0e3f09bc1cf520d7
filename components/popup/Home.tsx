import { useRef, useState } from 'preact/hooks';
import type { TargetTab } from '@/components/extension';
import { useLedger } from '@/components/ledger-context';
import { useLiveQuery } from '@/components/useLiveQuery';
import { FirstRun } from './FirstRun';
import { Attention, Recent, ThisPage } from './lists';
import { type AttentionFilter, matchingCount, openExceptionCounts } from './queries';
import type { HomeTab } from './route';
import { useAfterFirstRender } from './timing';

const TAB_LABEL: Record<HomeTab, string> = { page: 'This page', attention: 'Needs attention', recent: 'Recent' };
const ORDER: HomeTab[] = ['page', 'attention', 'recent'];

/**
 * The popup's home: This page, Needs attention and Recent as tabs. Opens on This page when the tab
 * has numbers, else on Recent; an empty ledger shows the first-run steps instead.
 */
export function Home({
  tab,
  requested,
  onTab,
  onOpen,
  filter,
  onFilter,
}: {
  /** Needs attention's filters, kept by the popup while a record is open. */
  filter: AttentionFilter;
  onFilter: (f: AttentionFilter) => void;
  /** undefined while still being asked for; null when the popup is not about a web page. */
  tab: TargetTab | null | undefined;
  requested: HomeTab | undefined;
  onTab: (t: HomeTab) => void;
  onOpen: (id: string) => void;
}) {
  const ledger = useLedger();
  const url = tab?.url ?? '';
  const afterFirst = useAfterFirstRender();
  // A view asked for by name needs the summary only for a tab's label: it waits for the first paint.
  const summaryNeeded = !requested || afterFirst;
  const summary = useLiveQuery(
    async () => {
      if (!summaryNeeded) return undefined;
      // Whether the ledger has anything at all: one key, not a count (IndexedDB counts by walking the store).
      const [any, onPage] = await Promise.all([
        ledger.db.documents.limit(1).primaryKeys(),
        url ? ledger.db.documents.where('urls').equals(url).count() : Promise.resolve(0),
      ]);
      return { empty: any.length === 0, onPage };
    },
    [url, summaryNeeded],
    undefined,
    'home.summary',
  );
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});
  const [chosen, setChosen] = useState<HomeTab | undefined>(undefined);
  // Counting walks every open exception's index entry, so it waits until the first view has painted.
  // The tab's label needs only the total; Needs attention its counts per type (read from the keys).
  const perType = (requested ?? chosen) === 'attention';
  const counted = useLiveQuery(
    async () => {
      if (!afterFirst) return undefined;
      if (perType) {
        const counts = await openExceptionCounts(ledger.db);
        return { counts, total: matchingCount(counts, '') };
      }
      return { counts: undefined, total: await ledger.db.exceptions.where('state').equals('open').count() };
    },
    [afterFirst, perType],
    undefined,
    'home.openCounts',
  );
  const openCounts = counted?.counts;
  const openCount = counted?.total ?? 0;

  // A view asked for by name starts reading at once; otherwise the choice waits for the summary and
  // the tab. Meanwhile Recent (the choice unless the tab has numbers) reads, hidden, in the place it
  // keeps once chosen, so it shows without reading again.
  const deciding = !requested && (!summary || tab === undefined);
  if (requested === 'page' && tab === undefined) return <p class="muted">Loading…</p>;
  if (summary?.empty && !requested) return <FirstRun tab={tab ?? undefined} />;
  const onPage = summary?.onPage ?? 0;
  const current: HomeTab = deciding ? 'recent' : (requested ?? chosen ?? (onPage > 0 ? 'page' : 'recent'));
  const select = (t: HomeTab) => {
    setChosen(t);
    onTab(t);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const i = ORDER.indexOf(current);
    const next =
      event.key === 'ArrowRight'
        ? ORDER[(i + 1) % ORDER.length]
        : event.key === 'ArrowLeft'
          ? ORDER[(i + ORDER.length - 1) % ORDER.length]
          : undefined;
    if (!next) return;
    event.preventDefault();
    select(next);
    tabs.current[next]?.focus();
  };

  return (
    <div class="home">
      {deciding && <p class="muted">Loading…</p>}
      <div role="tablist" aria-label="Views" onKeyDown={onKeyDown} hidden={deciding}>
        {ORDER.map((t) => (
          <button
            key={t}
            ref={(el) => {
              tabs.current[t] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t}`}
            aria-selected={current === t}
            aria-controls={`panel-${t}`}
            tabIndex={current === t ? 0 : -1}
            onClick={() => select(t)}
          >
            {TAB_LABEL[t]}
            {t === 'attention' && openCount > 0 ? ` (${openCount})` : ''}
            {t === 'page' && onPage > 0 ? ` (${onPage})` : ''}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`} class="panel" hidden={deciding}>
        {current === 'page' && <ThisPage tab={tab ?? undefined} onOpen={onOpen} />}
        {current === 'attention' && (
          <Attention onOpen={onOpen} allCounts={openCounts} filter={filter} onFilter={onFilter} />
        )}
        {current === 'recent' && <Recent onOpen={onOpen} shown={!deciding} />}
      </div>
    </div>
  );
}
