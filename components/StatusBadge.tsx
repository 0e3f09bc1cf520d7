/** A status as a badge: the page mark's symbol and the words, in the status's tone (never colour alone). */
import type { DocStatus, StatusMark } from '@/lib/match/status';

export const MARK_SYMBOL: Record<StatusMark | 'ignored', string> = {
  tied: '✓',
  exception: '!',
  unknown: '?',
  ignored: '–',
};

export function StatusBadge({ status }: { status: Pick<DocStatus, 'mark' | 'tone' | 'label' | 'code'> }) {
  return (
    <span class={`badge ${status.tone}`} data-status={status.code}>
      <span class="icon" aria-hidden="true">
        {MARK_SYMBOL[status.mark]}
      </span>
      {status.label}
    </span>
  );
}

/** The status in a sentence, as a card or a record leads with it. */
export function StatusHeadline({ status, id }: { status: Pick<DocStatus, 'mark' | 'tone' | 'headline'>; id?: string }) {
  return (
    <p class={`headline ${status.tone}`} id={id} data-testid="status-headline">
      <span aria-hidden="true">{MARK_SYMBOL[status.mark]}</span>
      <span>{status.headline}</span>
    </p>
  );
}
