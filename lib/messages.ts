/**
 * The one typed protocol between contexts (content script, popup, options → background).
 * Every message is parsed with its zod schema on arrival; a wrong shape is answered with an
 * error sentence and changes nothing.
 */
import { z } from 'zod';
import { ReadingSchema } from './attachments/protocol';
import { DetectionSchema } from './model/detection';
import { DocKindSchema } from './model/document';

export const PageRefSchema = z.object({
  url: z.string().max(4096),
  title: z.string().max(1024),
});
export type PageRef = z.infer<typeof PageRefSchema>;

export const MAX_DETECTIONS_PER_REPORT = 5000;

/** How a sighting reached the ledger from a page: read from text, from a form field, or a clerk's selection. */
export const PageViaSchema = z.enum(['scan', 'form', 'selection']);

const KeySchema = z.string().min(1).max(200);

export const MessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ping') }),
  z.object({
    type: z.literal('report'),
    page: PageRefSchema,
    detections: z.array(DetectionSchema).max(MAX_DETECTIONS_PER_REPORT),
  }),
  z.object({ type: z.literal('sites.enable'), origin: z.string().max(300) }),
  z.object({ type: z.literal('sites.disable'), origin: z.string().max(300) }),
  z.object({ type: z.literal('sites.list') }),
  // Page overlay (lib/page, entrypoints/content.ts). Replies are documented in lib/page/protocol.ts.
  z.object({
    type: z.literal('page.report'),
    page: PageRefSchema,
    via: PageViaSchema,
    detections: z.array(DetectionSchema).max(MAX_DETECTIONS_PER_REPORT),
  }),
  z.object({ type: z.literal('page.statuses'), keys: z.array(KeySchema).max(MAX_DETECTIONS_PER_REPORT) }),
  z.object({ type: z.literal('page.record'), docId: z.string().min(1).max(200) }),
  z.object({
    type: z.literal('page.track'),
    number: z.string().min(1).max(200),
    kind: DocKindSchema,
    page: PageRefSchema,
  }),
  z.object({ type: z.literal('page.ignore'), key: KeySchema, origin: z.string().max(300) }),
  z.object({ type: z.literal('page.open'), docId: z.string().min(1).max(200) }),
  /** The hover card's "Import POs": Tieout's settings, at a section, in a tab of their own. */
  z.object({ type: z.literal('page.openSettings'), section: z.enum(['data', 'welcome']) }),
  z.object({
    type: z.literal('page.checkField'),
    number: z.string().min(1).max(200),
    kind: DocKindSchema,
    vendor: z.string().max(300).optional(),
  }),
  /** The open exceptions among every number this frame shows now; the badge counts them per tab. */
  z.object({ type: z.literal('page.badge'), exceptionIds: z.array(z.string().max(200)).max(20_000) }),
  /**
   * Read a PDF or XML file at an address (an attachment chip, a download link, the PDF open in the
   * tab) and record what it holds. Explicit: sent on the clerk's click only.
   */
  z.object({
    type: z.literal('attachment.read'),
    url: z.string().min(1).max(4096),
    name: z.string().max(300).optional(),
    page: PageRefSchema,
  }),
  /** Record a file the popup or options page read itself (a dropped file); extension pages only. */
  z.object({ type: z.literal('attachment.record'), reading: ReadingSchema, page: PageRefSchema }),
  /** Popup: scan the active tab once (activeTab grant from the toolbar click). */
  z.object({ type: z.literal('scan.tab'), tabId: z.number().int().min(0).optional() }),
  // Team ledger (lib/sync), from the extension's own pages only (TEAM_TYPES).
  /** Sync with the team server now (Sync now, a popup or options page opening); no team: nothing. */
  z.object({ type: z.literal('team.sync') }),
  /** Options → Team, "Test connection": the form's values, checked by the background's fetch. */
  z.object({
    type: z.literal('team.test'),
    config: z.object({
      server: z.string().max(500),
      database: z.string().max(300),
      user: z.string().max(300),
      password: z.string().max(1000),
    }),
  }),
  /** Options → Team, "Leave the team": stop syncing and forget the server; the ledger stays. */
  z.object({ type: z.literal('team.leave') }),
]);
export type Message = z.infer<typeof MessageSchema>;
export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

/**
 * Messages only Tieout's own pages (popup, options) may send: a content script runs beside pages the
 * clerk does not control, and must not reach the team settings, the password or the server.
 */
export const TEAM_TYPES: ReadonlySet<MessageType> = new Set(['team.sync', 'team.test', 'team.leave']);

export type Reply<T = unknown> = { ok: true; data: T } | { ok: false; error: string };

export const ReplySchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** A sentence for the user out of a zod failure: which field, what was wrong. */
export function describeParseError(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The message was not understood.';
  const where = first.path.length ? ` at ${first.path.join('.')}` : '';
  return `The message was rejected${where}: ${first.message}. Nothing was stored.`;
}

export type Handlers = {
  [T in MessageType]: (message: MessageOf<T>, sender: SenderInfo) => Promise<unknown>;
};

export interface SenderInfo {
  /** The extension id of the sender; messages from other extensions are refused. */
  id?: string;
  url?: string;
  tabId?: number;
  /** 0 for the top frame; content scripts also run in same-origin iframes (allFrames). */
  frameId?: number;
}

/**
 * Routes raw messages to handlers after parsing them. Pure of browser APIs so tests can call it
 * with any value. `pagesUrl` is where the extension's own pages live (`runtime.getURL('/')`): the
 * browser sets a sender's `url`, so a content script cannot pass for one of them. Without it, team
 * messages are taken from nobody.
 */
export function createMessageRouter(handlers: Handlers, ownId: string, pagesUrl?: string) {
  return async function route(raw: unknown, sender: SenderInfo): Promise<Reply> {
    if (sender.id !== ownId) return { ok: false, error: 'Messages from other extensions are refused.' };
    const parsed = MessageSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, error: describeParseError(parsed.error) };
    const message = parsed.data;
    if (TEAM_TYPES.has(message.type) && !(pagesUrl && sender.url?.startsWith(pagesUrl))) {
      return { ok: false, error: 'Only Tieout’s own pages may use the team settings.' };
    }
    try {
      const handler = handlers[message.type] as (m: Message, s: SenderInfo) => Promise<unknown>;
      return { ok: true, data: await handler(message, sender) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
