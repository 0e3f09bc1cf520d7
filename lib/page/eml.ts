/**
 * A saved e-mail (.eml) as text blocks: the subject as a 'subject' block, sender name and address in
 * the shared context (a vendor's billing mail names the vendor), the HTML body through the HTML
 * adapter, else the plain-text body as one block.
 */
import PostalMime from 'postal-mime';
import type { PageContext, TextBlock } from '@/lib/detect/types';
import { blocksFromHtml } from './html-blocks';

export async function blocksFromEml(raw: Uint8Array | string): Promise<TextBlock[]> {
  const email = await PostalMime.parse(raw);
  const context: PageContext = {};
  const subject = (email.subject ?? '').replace(/\s+/g, ' ').trim();
  if (subject) {
    context.subject = subject;
    context.title = subject;
  }
  const from = email.from && 'address' in email.from && email.from.address ? email.from : undefined;
  if (from) context.sender = { ...(from.name ? { name: from.name } : {}), address: from.address };
  const blocks: TextBlock[] = [];
  if (subject) blocks.push({ text: subject, role: 'subject', context });
  if (email.html) {
    for (const b of blocksFromHtml(email.html)) {
      // the e-mail's context replaces the HTML body's (which has no title of its own)
      blocks.push({ ...b, context: { ...b.context, ...context, lang: b.context?.lang } });
    }
  } else if (email.text) {
    blocks.push({ text: email.text, role: 'text', context });
  }
  return blocks;
}
