import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ReadFiles } from '@/components/attachments/ReadFiles';
import { ErrorNotice } from '@/components/ErrorNotice';
import { openOptionsPage, type TargetTab } from '@/components/extension';
import { Legend } from '@/components/Legend';
import { errorText, type Ledger, LedgerContext } from '@/components/ledger-context';
import { Home } from '@/components/popup/Home';
import { Lookup } from '@/components/popup/Lookup';
import type { AttentionFilter } from '@/components/popup/queries';
import { RecordView } from '@/components/popup/RecordView';
import { parseRoute, type Route, routeHash } from '@/components/popup/route';
import { useAfterFirstRender } from '@/components/popup/timing';

/**
 * The toolbar popup: quick lookup on top; below it the home tabs (This page, Needs attention,
 * Recent) or one record. Reads the ledger directly (same IndexedDB as the worker) with liveQuery.
 */
export function App({
  ledger,
  tabRequest,
  preload,
}: {
  ledger: Ledger;
  /** The tab the popup is about, asked for as the script starts (see boot.tsx). */
  tabRequest: Promise<TargetTab | undefined>;
  /** Loads the ledger's service (writes, a record's matching) ahead of its first use. */
  preload?: () => Promise<unknown>;
}) {
  const [route, setRoute] = useState<Route>(() => {
    // The overlay's "Open in Tieout" links to `popup.html?record=ID`.
    const record = new URLSearchParams(location.search).get('record');
    return record && !location.hash ? { name: 'record', id: record } : parseRoute(location.hash);
  });
  const [query, setQuery] = useState('');
  // undefined while the tab is being asked for; null when the popup is not about a web page.
  const [tab, setTab] = useState<TargetTab | null | undefined>(undefined);
  const [undo, setUndo] = useState<{ token: string; title: string } | undefined>(undefined);
  const [undoError, setUndoError] = useState('');
  // Needs attention's filters outlive the list: opening a record and coming back keeps them.
  const [filter, setFilter] = useState<AttentionFilter>({ type: '', vendor: '' });
  const [legend, setLegend] = useState(false);
  // Back from a record returns to the list it was opened from (Needs attention, with its filters).
  const lastHome = useRef<Route>({ name: 'home' });
  if (route.name === 'home') lastHome.current = route;

  // A layout effect: the tab's answer (often back before the first paint) re-renders at once.
  useLayoutEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    tabRequest.then((t) => setTab(t ?? null)).catch(() => setTab(null));
    return () => removeEventListener('hashchange', onHash);
  }, [tabRequest]);

  // The service (writes) loads once the first view has painted.
  const afterFirst = useAfterFirstRender();
  useEffect(() => {
    if (afterFirst) preload?.().catch(() => undefined);
  }, [afterFirst, preload]);

  // Stable callbacks and a memoised view: typing in the lookup re-renders the lookup, not the list below it.
  const go = useCallback((next: Route) => {
    const hash = routeHash(next);
    history.pushState(null, '', hash || location.pathname + location.search);
    setRoute(next);
  }, []);
  const open = useCallback(
    (id: string) => {
      setQuery('');
      go({ name: 'record', id });
    },
    [go],
  );
  const view = useMemo(
    () =>
      route.name === 'record' ? (
        <RecordView
          docId={route.id}
          onOpen={open}
          onBack={() => go(lastHome.current)}
          onDeleted={(token, title) => {
            setUndo({ token, title });
            setUndoError('');
            go({ name: 'home' });
          }}
        />
      ) : (
        <Home
          tab={tab}
          requested={route.tab}
          onTab={(t) => go({ name: 'home', tab: t })}
          onOpen={open}
          filter={filter}
          onFilter={setFilter}
        />
      ),
    [route, tab, go, open, filter],
  );

  const source = { url: tab?.url ?? 'about:blank', title: tab?.title ?? 'Tracked from the Tieout popup' };

  return (
    <LedgerContext.Provider value={ledger}>
      <div class="popup stack">
        <header>
          <h1 class="grow">Tieout</h1>
          <button
            type="button"
            class="quiet"
            aria-expanded={legend}
            aria-controls="legend-panel"
            onClick={() => setLegend(!legend)}
          >
            What the marks mean
          </button>
          <button type="button" class="quiet" onClick={() => void openOptionsPage()}>
            Settings
          </button>
        </header>
        {legend && (
          <section id="legend-panel" class="legend-panel" aria-labelledby="legend-h">
            <h2 id="legend-h">Marks on the page</h2>
            <Legend headingId="legend-h" />
          </section>
        )}
        <Lookup query={query} onQuery={setQuery} onOpen={open} source={source} />
        <ReadFiles tab={tab} onOpen={open} />
        {undo && (
          <div class="notice row" role="status" data-testid="undo">
            <span class="grow">Deleted {undo.title}.</span>
            <button
              type="button"
              onClick={() => {
                ledger
                  .undoDelete(undo.token)
                  .then((doc) => {
                    setUndo(undefined);
                    open(doc.id);
                  })
                  .catch((e) => setUndoError(errorText(e)));
              }}
            >
              Undo
            </button>
            <button type="button" class="link" aria-label="Dismiss" onClick={() => setUndo(undefined)}>
              ✕
            </button>
          </div>
        )}
        <ErrorNotice text={undoError} />
        {/* Kept mounted while the clerk types: clearing the search shows the view as it was, without reading it again. */}
        <main class="view" hidden={!!query}>
          {view}
        </main>
      </div>
    </LedgerContext.Provider>
  );
}
