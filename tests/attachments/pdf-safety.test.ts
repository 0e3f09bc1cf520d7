/**
 * Hostile and broken PDFs: refused with a sentence, or read safely (text only, nothing run, no
 * other file opened). pdf.js is told not to eval and not to render XFA; its library never runs a
 * PDF's scripts. Every file here is made at test time.
 */
import { describe, expect, it } from 'vitest';
import { nodePdfEngine } from '@/dev/cli/pdf-node';
import { AttachmentError } from '@/lib/attachments/errors';
import { MAX_FILE_BYTES, type PdfEngine, readAttachment } from '@/lib/attachments/read';
import { DAMAGED_PDF, encryptedPdf } from '@/tests/fixtures/einvoice/hostile';
import { invoicePage, makePdf } from '@/tests/fixtures/einvoice/make-pdf';

const read = async (bytes: Uint8Array, engine?: PdfEngine) =>
  readAttachment({ name: 'file.pdf', bytes }, { readPdf: engine ?? (await nodePdfEngine()) });

const refusal = async (bytes: Uint8Array): Promise<string> => {
  try {
    await read(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(AttachmentError);
    return (e as Error).message;
  }
  throw new Error('not refused');
};

describe('hostile and broken PDFs', () => {
  it('a PDF with JavaScript is read for its text; the script never runs', async () => {
    const g = globalThis as { __tieoutPwned?: number };
    const pdf = await makePdf({
      pages: [invoicePage('FA-7781', '148,15')],
      javascript: 'globalThis.__tieoutPwned = 1; app.alert("x");',
    });
    const r = await read(pdf);
    expect(r.detections.find((d) => d.kind === 'invoice')?.number).toBe('FA-7781');
    expect(g.__tieoutPwned).toBeUndefined();
  });

  it('an embedded executable is neither read nor kept: only XML attachments are looked at', async () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]);
    const pdf = await makePdf({
      pages: [invoicePage('FA-7781', '148,15')],
      attachments: [{ name: 'setup.exe', bytes: exe, mimeType: 'application/x-msdownload' }],
    });
    const r = await read(pdf);
    expect(r.einvoice).toBeUndefined();
    expect(JSON.stringify(r)).not.toContain('setup.exe');
    expect(r.detections.find((d) => d.kind === 'invoice')?.number).toBe('FA-7781');
  });

  it('a malformed PDF is refused as damaged', async () => {
    const junk = new TextEncoder().encode(DAMAGED_PDF);
    expect(await refusal(junk)).toMatch(/damaged or not a complete PDF|could not be read/);
  });

  it('a truncated PDF is refused or read for what it holds, never half-stored', async () => {
    const whole = await makePdf({ pages: [invoicePage('FA-7781', '148,15'), invoicePage('FA-7781', '148,15')] });
    const cut = whole.slice(0, Math.floor(whole.length * 0.4));
    try {
      const r = await read(cut);
      // pdf.js rebuilds what it can of a cut file: whatever it reports is still a reading of this file.
      for (const d of r.detections) expect(d.number).toMatch(/FA-7781|BC-2025-0071/);
    } catch (e) {
      expect(e).toBeInstanceOf(AttachmentError);
      expect((e as Error).message).toMatch(/Nothing was stored\./);
    }
  });

  it('a password-protected PDF is refused with a sentence', async () => {
    expect(await refusal(encryptedPdf())).toMatch(/protected by a password/);
  });

  it('a 200 MB PDF is refused by its size before pdf.js sees it', async () => {
    const big = new Uint8Array(200 * 1024 * 1024);
    big.set(new TextEncoder().encode('%PDF-1.7\n'));
    let called = false;
    const engine: PdfEngine = async () => {
      called = true;
      return { pages: [], pageCount: 0, attachments: [] };
    };
    await expect(read(big, engine)).rejects.toThrow(
      new RegExp(`200 MB; Tieout reads files of up to ${MAX_FILE_BYTES / 1024 / 1024} MB`),
    );
    expect(called).toBe(false);
  });

  it('after all of these the reader still reads a good file', async () => {
    await refusal(encryptedPdf()).catch(() => undefined);
    const r = await read(await makePdf({ pages: [invoicePage('FA-7782', '10,00')] }));
    expect(r.detections.find((d) => d.kind === 'invoice')?.number).toBe('FA-7782');
  });
});
