/**
 * SOGo 5.8 from Debian as the real webmail of `npm run realapps`: an AngularJS Material single-page
 * app (a virtual-scrolled message list of `md-list-item` rows, the message drawn beside it), with
 * Dovecot, memcached, nginx and a SQL user table in the shared PostgreSQL cluster, all on loopback
 * (start.sh, stop.sh). The mailbox is written as Maildir files from the seed (mails.ts); a fresh seed
 * restarts Dovecot and SOGo, so no cache remembers the previous mailbox.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RealApp } from '@/dev/realapps/app';
import { driveWebmail, type MailUi } from '@/dev/realapps/webmail/drive';
import { writeMaildir } from '@/dev/realapps/webmail/maildir';
import { checkMails, seedMails } from '@/dev/realapps/webmail/mails';
import { webmailTruth } from '@/dev/realapps/webmail/truth';
import { ROOT } from '@/tests/e2e/harness';

const HERE = join(ROOT, 'dev/realapps/sogo');
const ORIGIN = 'http://127.0.0.1:8090';
const STATE = join(process.env.TIEOUT_REALAPPS_STATE ?? '/var/tmp/tieout-realapps', 'sogo');
const USER = 'ap';
const PASSWORD = 'ap-secret';

function script(name: string, log: (line: string) => void): void {
  const r = spawnSync('bash', [join(HERE, name)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  for (const line of `${r.stdout}${r.stderr}`.split('\n').filter(Boolean)) log(line);
  if (r.status !== 0) throw new Error(`dev/realapps/sogo/${name} failed (${r.status ?? r.signal}).`);
}

function idOf(user: string): { uid: number; gid: number } {
  const uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error(`No system user ${user} for Dovecot's mail.`);
  return { uid, gid };
}

const row = (subject: string) =>
  `#messagesList md-list-item.sg-message-list-item[aria-label=${JSON.stringify(subject)}]`;

const ui: MailUi = {
  async login(page: Page) {
    await page.goto(`${ORIGIN}/SOGo/`);
    await page.locator('input[ng-model="app.creds.username"]').fill(USER);
    await page.locator('input[type="password"]').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('#messagesList md-list-item.sg-message-list-item').first().waitFor({ timeout: 30_000 });
  },
  async visibleRows(page) {
    const items = page.locator('#messagesList md-list-item.sg-message-list-item');
    const out = [];
    const viewport = await page.locator('#messagesList md-virtual-repeat-container').boundingBox();
    for (let i = 0; i < (await items.count()); i++) {
      const item = items.nth(i);
      const subject = (await item.getAttribute('aria-label')) ?? '';
      const box = await item.boundingBox();
      // The virtual repeat keeps a few rows drawn above and below the viewport.
      if (!subject || !box || !viewport || box.y < viewport.y || box.y + box.height > viewport.y + viewport.height)
        continue;
      out.push({ subject, open: () => item.locator('button').first().click() });
    }
    return out;
  },
  async scrollListDown(page) {
    return page
      .evaluate(() => {
        const scroller = document.querySelector('#messagesList .md-virtual-repeat-scroller') as HTMLElement | null;
        if (!scroller) return false;
        const before = scroller.scrollTop;
        scroller.scrollTop = before + scroller.clientHeight - 56;
        return scroller.scrollTop > before;
      })
      .then(async (moved) => {
        // The repeat redraws its rows on the next frames.
        await page.waitForTimeout(400);
        return moved;
      });
  },
  async scrollListTop(page) {
    await page.evaluate(() => {
      const scroller = document.querySelector('#messagesList .md-virtual-repeat-scroller') as HTMLElement | null;
      if (scroller) scroller.scrollTop = 0;
    });
    await page.waitForTimeout(400);
  },
  listRoot: '#messagesList',
  async message(page) {
    return { target: page, root: '#detailView' };
  },
  async openedSubject(page) {
    const h = page.locator('#detailView h5.sg-md-headline').first();
    return (await h.count()) ? ((await h.textContent()) ?? undefined) : undefined;
  },
  rowRoot: row,
};

export const sogo: RealApp = {
  name: 'SOGo 5.8 (webmail)',

  async start(log) {
    checkMails();
    script('install.sh', log);
    return { origin: ORIGIN };
  },

  async seed(log) {
    // Dovecot and SOGo cache the mailbox (indexes, memcached): they are restarted around the new one.
    script('stop.sh', log);
    const mails = seedMails(new Date());
    writeMaildir(join(STATE, 'mail', USER, 'Maildir'), mails, idOf('mail'));
    log(`seeded ${mails.length} e-mails into ${USER}'s INBOX`);
    script('start.sh', log);
  },

  drive: (ext, page, log) => driveWebmail(ui, ext, page, log),

  truth: webmailTruth,

  async stop() {
    spawnSync('bash', [join(HERE, 'stop.sh')], { stdio: 'ignore' });
  },
};
