/**
 * The overlay's "Read" action beside each attachment link (attachment-links.ts): a small button in
 * a shadow root of its own, placed at the link's right edge (the page's DOM is never changed). A
 * click asks the background to read the file; the button shows progress for large files, then
 * what was recorded or the sentence saying why nothing was; the page's statuses are re-read so the
 * hover card of that number shows it at once.
 */
import { PROGRESS_MESSAGE } from '@/lib/attachments/protocol';
import type { Message, PageRef } from '@/lib/messages';
import { type AttachmentLink, findAttachmentLinks } from './attachment-links';

export const READ_HOST_TAG = 'tieout-read';

export interface ReadActionsDeps {
  doc: Document;
  send: (message: Message) => Promise<unknown>;
  page: () => PageRef;
  /** After a read: re-read the statuses of the numbers on the page. */
  refresh: () => Promise<void> | void;
}

interface ReplyLike {
  ok?: boolean;
  error?: string;
  data?: {
    file?: string;
    notes?: string[];
    statuses?: Array<{ kind: string; number: string; status: string }>;
  };
}

const CSS = `
:host { all: initial; }
button { position: fixed; z-index: 2147483646; font: 600 11px/1.2 system-ui, sans-serif; color: #0b3d2e;
  background: #e6f4ee; border: 1px solid #5aa88a; border-radius: 9px; padding: 1px 7px; cursor: pointer;
  max-width: 360px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
button:hover, button:focus-visible { background: #cdebdf; outline: 2px solid #1d6b52; outline-offset: 1px; }
button[data-state="error"] { color: #7a1212; background: #fdecec; border-color: #d46b6b; }
button[data-state="done"] { color: #0b3d2e; background: #f3fbf7; }
`;

const KIND_WORD: Record<string, string> = {
  invoice: 'Invoice',
  credit_note: 'Credit note',
  po: 'PO',
  receipt: 'Receipt',
};
const STATE_WORD: Record<string, string> = { tied: 'tied out', exception: 'has an exception', unknown: 'recorded' };

/** The line a button shows after a read: the documents recorded with their status, or why not. */
export function resultText(reply: ReplyLike): { text: string; error: boolean } {
  if (!reply.ok) return { text: reply.error ?? 'The file could not be read. Nothing was stored.', error: true };
  const statuses = reply.data?.statuses ?? [];
  const main = statuses.find((s) => s.kind !== 'po') ?? statuses[0];
  if (!main) return { text: reply.data?.notes?.at(-1) ?? 'Nothing was found in the file.', error: true };
  return {
    text: `${KIND_WORD[main.kind] ?? main.kind} ${main.number} ${STATE_WORD[main.status] ?? main.status}`,
    error: false,
  };
}

export function createReadActions(deps: ReadActionsDeps) {
  const { doc } = deps;
  const host = doc.createElement(READ_HOST_TAG);
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = CSS;
  root.append(style);
  const buttons = new Map<Element, { button: HTMLButtonElement; link: AttachmentLink }>();
  let observer: MutationObserver | undefined;
  let pendingScan = 0;

  function place(): void {
    const view = doc.defaultView;
    for (const { button, link } of buttons.values()) {
      const r = link.anchor.getBoundingClientRect();
      const hidden = r.width === 0 && r.height === 0;
      button.style.display = hidden ? 'none' : '';
      if (hidden) continue;
      const left = Math.min(r.right + 6, (view?.innerWidth ?? r.right + 60) - 60);
      button.style.left = `${Math.max(0, left)}px`;
      button.style.top = `${r.top + Math.max(0, (r.height - 16) / 2)}px`;
    }
  }

  async function read(link: AttachmentLink, button: HTMLButtonElement): Promise<void> {
    if (button.dataset.state === 'reading') return;
    button.dataset.state = 'reading';
    button.dataset.url = link.url;
    button.textContent = 'Reading…';
    let reply: ReplyLike;
    try {
      reply = (await deps.send({
        type: 'attachment.read',
        url: link.url,
        ...(link.name ? { name: link.name.slice(0, 300) } : {}),
        page: deps.page(),
      })) as ReplyLike;
    } catch (e) {
      reply = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    const { text, error } = resultText(reply ?? { ok: false });
    button.dataset.state = error ? 'error' : 'done';
    button.textContent = text;
    button.title = text;
    place();
    await deps.refresh();
  }

  function scan(): void {
    pendingScan = 0;
    const links = findAttachmentLinks(doc);
    const keep = new Set(links.map((l) => l.anchor));
    for (const [anchor, { button }] of buttons) {
      if (!keep.has(anchor) || !anchor.isConnected) {
        button.remove();
        buttons.delete(anchor);
      }
    }
    for (const link of links) {
      if (buttons.has(link.anchor)) continue;
      const button = doc.createElement('button');
      button.type = 'button';
      button.textContent = 'Read';
      button.title = `Read ${link.name ?? 'this file'} with Tieout`;
      button.setAttribute('aria-label', `Read ${link.name ?? 'this file'} with Tieout`);
      button.addEventListener('click', (event) => {
        event.preventDefault();
        event.stopPropagation();
        void read(link, button);
      });
      root.append(button);
      buttons.set(link.anchor, { button, link });
    }
    if (buttons.size > 0 && !host.isConnected) doc.documentElement.append(host);
    place();
  }

  return {
    start(): void {
      scan();
      observer = new MutationObserver((records) => {
        if (records.every((r) => r.target === host || host.contains(r.target as Node))) return;
        if (!pendingScan) pendingScan = (doc.defaultView ?? globalThis).setTimeout(scan, 400) as unknown as number;
      });
      observer.observe(doc.documentElement, { childList: true, subtree: true });
    },
    reposition: place,
    /** Progress from the background for a read under way (PROGRESS_MESSAGE). */
    onMessage(message: unknown): void {
      const m = message as { type?: string; url?: string; done?: number; total?: number } | null;
      if (m?.type !== PROGRESS_MESSAGE) return;
      for (const { button } of buttons.values()) {
        if (button.dataset.state === 'reading' && button.dataset.url === m.url) {
          button.textContent = `Reading… page ${m.done} of ${m.total}`;
        }
      }
    },
    stop(): void {
      observer?.disconnect();
      host.remove();
      buttons.clear();
    },
  };
}
