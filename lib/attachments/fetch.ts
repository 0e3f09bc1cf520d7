/**
 * Fetching the file behind an attachment chip or a download link, from the extension's reader page
 * (which has the site's host permission, so the page's CORS rules do not apply and its cookies go
 * along). The body is read as a stream and dropped past MAX_FILE_BYTES, so a huge download is never
 * held whole. No address outside the one the clerk clicked is ever fetched.
 */
import { AttachmentError } from './errors';
import { MAX_FILE_BYTES } from './read';

/** The file name from a Content-Disposition header (RFC 6266, `filename*` first), else the address. */
export function fileNameOf(url: string, disposition: string | null, fallback?: string): string {
  if (disposition) {
    const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
    if (star?.[1]) {
      try {
        return decodeURIComponent(star[1].trim()).slice(0, 300);
      } catch {
        // fall through to the plain parameter
      }
    }
    const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(disposition);
    const name = plain?.[2] ?? plain?.[1];
    if (name?.trim()) return name.trim().slice(0, 300);
  }
  if (fallback?.trim()) return fallback.trim().slice(0, 300);
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    if (last) return decodeURIComponent(last).slice(0, 300);
  } catch {
    // not a URL: keep the default below
  }
  return 'attachment';
}

export async function fetchAttachment(
  url: string,
  fetcher: typeof fetch = fetch,
  name?: string,
): Promise<{ name: string; bytes: Uint8Array }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AttachmentError('That link is not an address Tieout can read. Nothing was stored.');
  }
  if (!['http:', 'https:', 'blob:', 'data:', 'file:'].includes(parsed.protocol)) {
    throw new AttachmentError(`Tieout does not read ${parsed.protocol} links. Nothing was stored.`);
  }
  let response: Response;
  try {
    response = await fetcher(url, { credentials: 'include', redirect: 'follow' });
  } catch (e) {
    throw new AttachmentError(
      `The file could not be downloaded (${e instanceof Error ? e.message : String(e)}). Nothing was stored.`,
    );
  }
  if (!response.ok) {
    throw new AttachmentError(
      `The file could not be downloaded (the site answered ${response.status}). Nothing was stored.`,
    );
  }
  const fileName = fileNameOf(url, response.headers.get('content-disposition'), name);
  const tooLarge = () =>
    new AttachmentError(
      `${fileName} is larger than ${MAX_FILE_BYTES / (1024 * 1024)} MB, the most Tieout reads. Nothing was stored.`,
    );
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_FILE_BYTES) throw tooLarge();
  const reader = response.body?.getReader();
  if (!reader) return { name: fileName, bytes: new Uint8Array(await response.arrayBuffer()) };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_FILE_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { name: fileName, bytes };
}
