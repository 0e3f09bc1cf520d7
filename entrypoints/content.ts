import { h, render } from 'preact';
import { CUSTOM_FORMATS_KEY, loadFormats } from '@/components/options/customFormats';
import { OVERLAY_CSS } from '@/components/overlay/labels';
import { type OverlayActions, OverlayApp } from '@/components/overlay/OverlayApp';
import { detect } from '@/lib/detect';
import type { CustomFormat } from '@/lib/detect/custom';
import type { PageContext } from '@/lib/detect/types';
import type { Message } from '@/lib/messages';
import { pickAdapter } from '@/lib/page/adapters';
// Emitted as content-scripts/content.css and injected by the browser before the page's DOM exists.
import '@/lib/page/highlights.css';
import { highlightSupported } from '@/lib/page/highlights';
import { createOverlay, type OverlayState } from '@/lib/page/overlay';
import { REFRESH_MESSAGE } from '@/lib/page/protocol';
import { createReadActions, READ_HOST_TAG } from '@/lib/page/read-actions';
import { createPageScanner } from '@/lib/page/scanner';

const HOST_TAG = 'tieout-overlay';
/** Subject and sender of the page that holds this frame (webmail preview panes), when same-origin. */
function outerContext(): PageContext | undefined {
  try {
    const parent = window.frameElement?.ownerDocument;
    if (!parent) return undefined;
    const ctx = pickAdapter(parent, location.hostname).context(parent);
    const out: PageContext = {};
    if (ctx.subject) out.subject = ctx.subject;
    if (ctx.sender) out.sender = ctx.sender;
    if (ctx.heading) out.heading = ctx.heading;
    return out;
  } catch {
    return undefined;
  }
}

export default defineContentScript({
  // Registered at run time for the sites a clerk enabled (lib/sites.ts), never in the manifest.
  registration: 'runtime',
  async main(ctx) {
    // A second injection (toolbar scan on an enabled site) invalidates this context first (WXT's
    // ContentScriptContext does it synchronously), so the old overlay has cleaned up by now.
    if (!document.documentElement || !highlightSupported(window)) return;

    // The team's custom number formats (options → Number formats) extend detection on every page.
    let customFormats: CustomFormat[] = await loadFormats(browser.storage.local);
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && CUSTOM_FORMATS_KEY in changes) {
        void loadFormats(browser.storage.local).then((formats) => {
          customFormats = formats;
        });
      }
    };
    browser.storage.onChanged.addListener(onStorage);

    const send = (message: Message) => browser.runtime.sendMessage(message);
    let apply: (state: OverlayState) => void = () => undefined;
    const overlay = createOverlay({
      doc: document,
      send,
      page: () => ({ url: location.href.slice(0, 4096), title: document.title.slice(0, 1024) }),
      onState: (state) => apply(state),
      scanner: (callbacks) =>
        createPageScanner({
          doc: document,
          detect: (blocks) => detect(blocks, { customFormats }),
          adapter: () => pickAdapter(document, location.hostname),
          exclude: (node) =>
            node.nodeName === HOST_TAG.toUpperCase() ||
            node.parentElement?.tagName === HOST_TAG.toUpperCase() ||
            node.nodeName === READ_HOST_TAG.toUpperCase(),
          outerContext,
          ...callbacks,
        }),
    });

    let holding = false;
    let hideTimer: ReturnType<typeof setTimeout> | undefined;
    // The card shows the legend of the marks the first time this browser opens one.
    const LEGEND_KEY = 'legendSeen';
    let legendSeen = (await browser.storage.local.get(LEGEND_KEY))[LEGEND_KEY] === true;
    const actions: OverlayActions = {
      track: (kind) => void overlay.track(kind),
      ignore: () => void overlay.ignore(),
      open: () => void overlay.open(),
      importPos: () => void send({ type: 'page.openSettings', section: 'data' }).catch(() => undefined),
      close: () => overlay.closeCard(),
      legendFirstRun: () => !legendSeen,
      legendSeen: () => {
        if (legendSeen) return;
        legendSeen = true;
        void browser.storage.local.set({ [LEGEND_KEY]: true });
      },
      openMarker: (id, focus) => overlay.openMarker(id, focus),
      holdCard: (hold) => {
        holding = hold;
        if (hold && hideTimer) clearTimeout(hideTimer);
      },
    };

    const ui = await createShadowRootUi(ctx, {
      name: HOST_TAG,
      position: 'inline',
      anchor: 'html',
      append: 'last',
      css: OVERLAY_CSS,
      isolateEvents: ['keydown', 'keyup', 'keypress'],
      onMount(container) {
        apply = (state) => render(h(OverlayApp, { state, actions }), container);
        apply(overlay.state());
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
      },
    });
    ui.mount();

    // Hover: hit-test highlighted numbers under the pointer, one check per frame.
    let pointer: { x: number; y: number } | undefined;
    let frame = 0;
    const hoverCheck = () => {
      frame = 0;
      if (!pointer) return;
      if (overlay.hover(pointer.x, pointer.y)) {
        if (hideTimer) clearTimeout(hideTimer);
        hideTimer = undefined;
      } else if (overlay.state().card && !holding && !hideTimer && !overlay.state().card?.focus) {
        hideTimer = setTimeout(() => {
          hideTimer = undefined;
          if (!holding) overlay.closeCard();
        }, 350);
      }
    };
    ctx.addEventListener(document, 'pointermove', (event) => {
      if ((event.target as Node | null)?.nodeName === HOST_TAG.toUpperCase()) return;
      pointer = { x: event.clientX, y: event.clientY };
      if (!frame) frame = requestAnimationFrame(hoverCheck);
    });
    ctx.addEventListener(
      document,
      'keydown',
      (event) => {
        if (event.key === 'Escape' && overlay.state().card) overlay.closeCard();
        else if (event.altKey && event.shiftKey && (event.key === 'T' || event.code === 'KeyT')) {
          if (overlay.openAtSelection()) event.preventDefault();
        }
      },
      { capture: true },
    );
    // Form fields: re-read on input and change; only the clerk's own typing marks a value as typed.
    const onField = (event: Event) => {
      const target = event.target as Element | null;
      if (target && target.nodeType === 1) overlay.fieldChanged(target, event.isTrusted);
    };
    ctx.addEventListener(document, 'input', onField, { capture: true });
    ctx.addEventListener(document, 'change', onField, { capture: true });
    // In-app navigation (history API, hash): the view changed without a page load.
    let lastUrl = location.href;
    const onNavigate = () => {
      if (location.href === lastUrl) return;
      lastUrl = location.href;
      overlay.closeCard();
      setTimeout(() => overlay.navigated(), 60);
    };
    ctx.addEventListener(window, 'hashchange', onNavigate);
    ctx.addEventListener(window, 'popstate', onNavigate);
    ctx.addEventListener(window, 'wxt:locationchange', onNavigate);
    const nav = (window as { navigation?: EventTarget }).navigation;
    if (nav) ctx.addEventListener(nav as unknown as Window, 'navigatesuccess' as 'load', onNavigate);
    // "Read" beside attachment chips and invoice download links (lib/page/read-actions.ts).
    const reads = createReadActions({
      doc: document,
      send,
      page: () => ({ url: location.href.slice(0, 4096), title: document.title.slice(0, 1024) }),
      refresh: () => overlay.refreshStatuses(),
    });
    ctx.addEventListener(
      window,
      'scroll',
      () => {
        overlay.reposition();
        reads.reposition();
      },
      { capture: true, passive: true },
    );
    ctx.addEventListener(window, 'resize', () => {
      overlay.reposition();
      reads.reposition();
    });
    ctx.addEventListener(document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible') void overlay.refreshStatuses();
    });
    const onMessage = (message: unknown) => {
      if ((message as { type?: string } | null)?.type === REFRESH_MESSAGE) void overlay.refreshStatuses();
      reads.onMessage(message);
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      browser.storage.onChanged.removeListener(onStorage);
      overlay.stop();
      reads.stop();
    });

    await overlay.start();
    reads.start();
  },
});
