/**
 * An error whose message is a sentence for the clerk: what was wrong and what was kept
 * ("… Nothing was imported."). UI code shows `message` as is.
 */
export class LedgerError extends Error {
  override name = 'LedgerError';
}
