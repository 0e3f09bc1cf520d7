/**
 * The reader page: fetches and reads one file at a time for the background (Chrome opens it as an
 * offscreen document, Firefox as an iframe of its background page), through the same reader the
 * CLI uses. It answers `reader.read` only; every other message is for someone else.
 */
import { browser } from 'wxt/browser';
import { AttachmentError } from '@/lib/attachments/errors';
import { readInExtension } from '@/lib/attachments/extension-reader';
import { fetchAttachment } from '@/lib/attachments/fetch';
import { PROGRESS_MESSAGE, type ReaderReply, ReaderRequestSchema } from '@/lib/attachments/protocol';

const assetUrl = (path: string) => browser.runtime.getURL(path as '/');

async function handle(raw: unknown): Promise<ReaderReply> {
  const request = ReaderRequestSchema.parse(raw);
  try {
    const file = await fetchAttachment(request.url, fetch, request.name);
    const reading = await readInExtension(file, assetUrl, (done, total) => {
      void browser.runtime.sendMessage({ type: PROGRESS_MESSAGE, id: request.id, done, total }).catch(() => undefined);
    });
    return { ok: true, reading };
  } catch (e) {
    const error =
      e instanceof AttachmentError
        ? e.message
        : `The file could not be read (${e instanceof Error ? e.message : String(e)}). Nothing was stored.`;
    return { ok: false, error };
  }
}

browser.runtime.onMessage.addListener((raw: unknown, sender) => {
  if ((raw as { type?: unknown } | null)?.type !== 'reader.read' || sender.id !== browser.runtime.id) return undefined;
  return handle(raw);
});
