import { detect } from '@/lib/detect';
import type { Message } from '@/lib/messages';

export default defineContentScript({
  // Registered at run time for the sites a clerk enabled (lib/sites.ts), never in the manifest.
  registration: 'runtime',
  async main() {
    const text = document.body?.innerText ?? '';
    const detections = detect([{ text }]);
    if (!detections.length) return;
    const message: Message = { type: 'report', page: { url: location.href, title: document.title }, detections };
    await browser.runtime.sendMessage(message);
  },
});
