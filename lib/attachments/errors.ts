/** A file Tieout will not read; its message is the sentence shown to the clerk, and nothing was stored. */
export class AttachmentError extends Error {
  override name = 'AttachmentError';
}
