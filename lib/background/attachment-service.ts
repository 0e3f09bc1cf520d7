/**
 * Reading an attachment for the clerk and recording it: the reader page reads (reader-host.ts),
 * the ledger records the reading's detections as sightings `via: 'pdf' | 'xml'` with the file name
 * (on the page where the clerk clicked, so the hover card there shows it), and the page is told to
 * re-read its statuses. A refused file records nothing and answers with the reader's sentence.
 */
import type { Reading } from '@/lib/attachments/protocol';
import type { NumberStatus, SightingSource } from '@/lib/ledger/service';
import type { PageRef } from '@/lib/messages';
import type { Detection } from '@/lib/model/detection';
import type { createReaderHost } from './reader-host';

export interface AttachmentLedger {
  recordSightings(detections: Detection[], source: SightingSource): Promise<NumberStatus[]>;
}

/** What the clerk is told: the file, what it held, and the status of each number recorded. */
export interface AttachmentResult {
  file: string;
  via: 'pdf' | 'xml';
  pages?: number;
  einvoice?: { syntax: string; source: string };
  notes: string[];
  statuses: Array<Pick<NumberStatus, 'kind' | 'key' | 'number' | 'status' | 'docId'> & { messages: string[] }>;
}

export function createAttachmentService(
  ledger: AttachmentLedger,
  host: Pick<ReturnType<typeof createReaderHost>, 'read'>,
  tabs: {
    refresh: (tabId: number) => Promise<void>;
    progress: (tabId: number, url: string, done: number, total: number) => Promise<void>;
  },
) {
  let next = 0;
  /** Reads under way: request id → the tab and address, so progress reaches the page that asked. */
  const pending = new Map<string, { tabId: number; url: string }>();

  async function record(reading: Reading, page: PageRef): Promise<AttachmentResult> {
    const statuses =
      reading.detections.length > 0
        ? await ledger.recordSightings(reading.detections, {
            url: page.url,
            title: page.title,
            via: reading.via,
            file: reading.file,
          })
        : [];
    return {
      file: reading.file,
      via: reading.via,
      ...(reading.pages !== undefined ? { pages: reading.pages } : {}),
      ...(reading.einvoice ? { einvoice: reading.einvoice } : {}),
      notes:
        reading.detections.length > 0
          ? reading.notes
          : [...reading.notes, `No invoice or PO number was found in ${reading.file}; nothing was stored.`],
      statuses: statuses.map((s) => ({
        kind: s.kind,
        key: s.key,
        number: s.number,
        status: s.status,
        ...(s.docId ? { docId: s.docId } : {}),
        messages: s.messages,
      })),
    };
  }

  return {
    /** Reads the file at `url` (clicked on `page`, in tab `tabId` when there is one) and records it. */
    async read(url: string, name: string | undefined, page: PageRef, tabId?: number): Promise<AttachmentResult> {
      const id = `read-${Date.now()}-${next++}`;
      if (tabId !== undefined) pending.set(id, { tabId, url });
      try {
        const reply = await host.read({ type: 'reader.read', id, url, ...(name ? { name } : {}) });
        if (!reply.ok) throw new Error(reply.error);
        const result = await record(reply.reading, page);
        if (tabId !== undefined) await tabs.refresh(tabId).catch(() => undefined);
        return result;
      } finally {
        pending.delete(id);
      }
    },
    /** The reader page's progress on request `id`, passed on to the tab that asked. */
    progress(id: string, done: number, total: number): void {
      const p = pending.get(id);
      if (p) void tabs.progress(p.tabId, p.url, done, total).catch(() => undefined);
    },
    record,
  };
}
