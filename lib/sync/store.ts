/**
 * Where the team settings and the last sync's outcome live: a small IndexedDB database of the
 * extension's own origin (`tieout-team`), apart from the ledger.
 *
 * Not `storage.local`: content scripts can read that, and the password must not be reachable from
 * a page's context. Not the ledger database: its tables are what backups, exports and outside
 * checks read. Nothing here is ever logged, exported, backed up or sent in a message.
 */
import Dexie, { type EntityTable } from 'dexie';
import { z } from 'zod';
import { type TeamConfig, TeamConfigSchema } from './config';

export const TEAM_DB_NAME = 'tieout-team';

/** What the Team panel shows about the last sync. */
export const SyncReportSchema = z.object({
  state: z.enum(['never', 'syncing', 'up_to_date', 'offline', 'rejected', 'error']),
  /** When the last sync finished (or failed). */
  at: z.string().optional(),
  /** When a sync last completed. */
  lastSuccessAt: z.string().optional(),
  /** Local changes not yet on the server. */
  waiting: z.number().int().min(0).default(0),
  pulled: z.number().int().min(0).default(0),
  pushed: z.number().int().min(0).default(0),
  /** The error sentence for offline / rejected / error. */
  detail: z.string().max(2000).optional(),
  /** Server documents refused by the schemas, with why (the newest few). */
  refused: z
    .array(z.object({ id: z.string().max(300), reason: z.string().max(500) }))
    .max(50)
    .default([]),
  refusedTotal: z.number().int().min(0).default(0),
  /** Records of this ledger not sent because the team would refuse them (markup in a name, …). */
  unsent: z
    .array(z.object({ id: z.string().max(300), reason: z.string().max(500) }))
    .max(50)
    .default([]),
  unsentTotal: z.number().int().min(0).default(0),
});
export type SyncReport = z.infer<typeof SyncReportSchema>;

interface Row {
  id: string;
  value: unknown;
}

type TeamDB = Dexie & { team: EntityTable<Row, 'id'> };

export function openTeamDb(name = TEAM_DB_NAME): TeamDB {
  const db = new Dexie(name) as TeamDB;
  db.version(1).stores({ team: 'id' });
  return db;
}

export function createTeamStore(db: TeamDB = openTeamDb()) {
  return {
    db,
    async config(): Promise<TeamConfig | undefined> {
      const parsed = TeamConfigSchema.safeParse((await db.team.get('config'))?.value);
      return parsed.success ? parsed.data : undefined;
    },
    async saveConfig(config: TeamConfig): Promise<void> {
      await db.team.put({ id: 'config', value: TeamConfigSchema.parse(config) });
    },
    async clearConfig(): Promise<void> {
      await db.team.bulkDelete(['config', 'report']);
    },
    /** The clerk's name for attribution: the configured user, or none. */
    async clerk(): Promise<string | undefined> {
      return (await this.config())?.user;
    },
    async report(): Promise<SyncReport> {
      const parsed = SyncReportSchema.safeParse((await db.team.get('report'))?.value);
      return parsed.success ? parsed.data : SyncReportSchema.parse({ state: 'never' });
    },
    async saveReport(report: SyncReport): Promise<void> {
      await db.team.put({ id: 'report', value: report });
    },
  };
}
export type TeamStore = ReturnType<typeof createTeamStore>;
