/**
 * Where pdf.js runs for the background: the reader page (entrypoints/reader), opened on the first
 * read and closed after IDLE_MS without one. Chrome's service worker can neither spawn pdf.js's
 * worker nor import it, so Chrome opens the page as an offscreen document (reason WORKERS); Firefox
 * has no offscreen API but a background page with a document, which holds the reader page as an
 * iframe. Either way the service worker and content scripts never load pdf.js.
 */
import { type ReaderReply, ReaderReplySchema, type ReaderRequest } from '@/lib/attachments/protocol';

export const READER_PATH = '/reader.html';
export const IDLE_MS = 60_000;

/** The part of chrome.offscreen used here. */
export interface OffscreenApi {
  createDocument(o: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument?: () => Promise<boolean>;
}

export interface ReaderHostDeps {
  offscreen?: OffscreenApi;
  /** The background page's document (Firefox), when there is no offscreen API. */
  doc?: Document;
  getURL: (path: string) => string;
  send: (message: ReaderRequest) => Promise<unknown>;
  /** Whether an offscreen document is open (chrome.runtime.getContexts). */
  readerOpen?: () => Promise<boolean>;
}

export function createReaderHost(deps: ReaderHostDeps) {
  let opening: Promise<void> | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let busy = 0;
  let frame: HTMLIFrameElement | undefined;

  async function open(): Promise<void> {
    if (deps.offscreen) {
      if (deps.readerOpen && (await deps.readerOpen())) return;
      await deps.offscreen
        .createDocument({
          url: deps.getURL(READER_PATH),
          reasons: ['WORKERS', 'DOM_PARSER'],
          justification: 'Reads the PDF or XML invoice the clerk asked Tieout to read, with pdf.js and its worker.',
        })
        .catch((e: unknown) => {
          // A second opening while one is open is refused; that one is the reader we want.
          if (!/single offscreen|already/i.test(String(e))) throw e;
        });
      return;
    }
    if (!deps.doc) throw new Error('This browser gives Tieout no page to read files in.');
    if (frame?.isConnected) return;
    const f = deps.doc.createElement('iframe');
    f.src = deps.getURL(READER_PATH);
    const loaded = new Promise<void>((resolve) => f.addEventListener('load', () => resolve(), { once: true }));
    deps.doc.body.append(f);
    frame = f;
    await loaded;
  }

  async function close(): Promise<void> {
    if (busy > 0) return;
    if (deps.offscreen) await deps.offscreen.closeDocument().catch(() => undefined);
    frame?.remove();
    frame = undefined;
  }

  return {
    async read(request: ReaderRequest): Promise<ReaderReply> {
      busy++;
      if (idle) clearTimeout(idle);
      try {
        opening ??= open().finally(() => {
          opening = undefined;
        });
        await opening;
        const raw = await deps.send(request);
        const reply = ReaderReplySchema.safeParse(raw);
        return reply.success ? reply.data : { ok: false, error: 'The reader gave no answer. Nothing was stored.' };
      } finally {
        busy--;
        idle = setTimeout(() => void close(), IDLE_MS);
      }
    },
    close,
  };
}
