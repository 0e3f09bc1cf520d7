/** A failure told to the clerk in a sentence, announced to screen readers; nothing when there is none. */
export function ErrorNotice({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <p class="notice error" role="alert">
      {text}
    </p>
  );
}
