/**
 * Writes seeded e-mails into a Maildir as RFC 5322 files (no SMTP): plain-text, HTML and
 * multipart/alternative bodies, UTF-8 in quoted-printable, subjects and names as RFC 2047 words.
 * A fresh seed replaces the whole mailbox, Dovecot's index files included.
 */
import { chownSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SeedMail {
  /** Stable id, used in the Message-ID and the file name. */
  id: string;
  from: { name: string; address: string };
  subject: string;
  /** RFC 5322 date, e.g. 'Tue, 03 Mar 2026 09:12:00 +0100'. */
  date: string;
  text?: string;
  html?: string;
  /** Read already (Maildir flag S). */
  seen?: boolean;
}

const TO = 'Accounts Payable <ap@ourcompany.test>';

/** RFC 2047 encoded word when the text is not plain ASCII. */
export function headerWord(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** Quoted-printable (RFC 2045) of UTF-8 text, lines of at most 76 characters. */
export function quotedPrintable(text: string): string {
  const lines = text.replace(/\r?\n/g, '\n').split('\n');
  return lines
    .map((line) => {
      let out = '';
      let width = 0;
      const bytes = Buffer.from(line, 'utf8');
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i]!;
        const last = i === bytes.length - 1;
        const plain = (b >= 33 && b <= 126 && b !== 61) || (b === 32 && !last);
        const piece = plain ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
        if (width + piece.length > 75) {
          out += '=\r\n';
          width = 0;
        }
        out += piece;
        width += piece.length;
      }
      return out;
    })
    .join('\r\n');
}

function part(type: 'plain' | 'html', body: string): string {
  return [
    `Content-Type: text/${type}; charset=UTF-8`,
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(body),
  ].join('\r\n');
}

/** The message as an RFC 5322 file. */
export function renderMail(mail: SeedMail): string {
  const from = `${headerWord(mail.from.name)} <${mail.from.address}>`;
  const head = [
    `Return-Path: <${mail.from.address}>`,
    `Message-ID: <${mail.id}@seed.tieout.test>`,
    `Date: ${mail.date}`,
    `From: ${from}`,
    `To: ${TO}`,
    `Subject: ${headerWord(mail.subject)}`,
    'MIME-Version: 1.0',
  ];
  if (mail.text !== undefined && mail.html !== undefined) {
    const boundary = `=_seed_${mail.id}`;
    return [
      ...head,
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      part('plain', mail.text),
      `--${boundary}`,
      part('html', mail.html),
      `--${boundary}--`,
      '',
    ].join('\r\n');
  }
  const body = mail.html !== undefined ? part('html', mail.html) : part('plain', mail.text ?? '');
  return `${[...head, body].join('\r\n')}\r\n`;
}

/**
 * Replaces the mailbox at `maildir` with `mails` (INBOX: cur/ and new/), owned by `owner` (the
 * user Dovecot reads it as). Files are named by each message's date, so the list sorts as seeded.
 */
export function writeMaildir(maildir: string, mails: SeedMail[], owner?: { uid: number; gid: number }): void {
  rmSync(maildir, { recursive: true, force: true });
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
  let n = 0;
  for (const mail of mails) {
    const time = Math.floor(Date.parse(mail.date) / 1000);
    if (!Number.isFinite(time)) throw new Error(`Seed mail ${mail.id} has a date that does not parse: ${mail.date}`);
    const name = `${time}.M${++n}P1.seed`;
    const file = mail.seen ? join(maildir, 'cur', `${name}:2,S`) : join(maildir, 'new', name);
    writeFileSync(file, renderMail(mail));
  }
  if (owner) chownTree(maildir, owner);
}

function chownTree(path: string, owner: { uid: number; gid: number }): void {
  chownSync(path, owner.uid, owner.gid);
  if (!statSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(join(path, entry), owner);
}
