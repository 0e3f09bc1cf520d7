/** The popup's location in its URL hash, so a record can be linked (`popup.html#record/<id>`). */
export type HomeTab = 'page' | 'attention' | 'recent';
export type Route = { name: 'home'; tab?: HomeTab } | { name: 'record'; id: string };

const TABS: readonly HomeTab[] = ['page', 'attention', 'recent'];

export function parseRoute(hash: string): Route {
  const h = hash.replace(/^#/, '');
  if (h.startsWith('record/')) {
    const id = decodeURIComponent(h.slice('record/'.length));
    if (id) return { name: 'record', id };
  }
  const tab = TABS.find((t) => t === h);
  return tab ? { name: 'home', tab } : { name: 'home' };
}

export function routeHash(route: Route): string {
  return route.name === 'record' ? `#record/${encodeURIComponent(route.id)}` : route.tab ? `#${route.tab}` : '';
}
