/**
 * The popup's entry: imports nothing up front, so it runs as soon as the page has parsed. It asks
 * the browser to open the ledger's IndexedDB database first, then loads the popup itself: the open
 * (the slowest step of a first view, from a new page) runs while the popup's code loads, and by
 * the time Dexie asks, the database is open and ready.
 */
const request = indexedDB.open('tieout');
// A fresh install has no ledger yet: creating an empty version-1 database here would get in the
// way of the ledger's own schema, so that open is abandoned.
request.onupgradeneeded = () => request.transaction?.abort();
request.onerror = (event) => event.preventDefault();
request.onsuccess = () => {
  const db = request.result;
  // The ledger opening a newer schema (after an update) must not wait for this connection.
  db.onversionchange = () => db.close();
  setTimeout(() => db.close(), 5000);
};
void import('./boot');
// A record's group needs its reader and matching, a chunk of their own: fetched beside the popup's code.
if (location.hash.startsWith('#record/') || new URLSearchParams(location.search).has('record')) {
  void import('@/lib/ledger/reads').catch(() => undefined);
}
