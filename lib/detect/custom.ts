/**
 * User-defined number formats: one regular expression per vendor ("ACME invoices look like
 * AC-123456"). Patterns come from the options page, so they are validated with zod and refused
 * when they could backtrack badly (nested or adjacent-overlapping quantifiers under a quantifier,
 * backreferences, lookarounds) or match the empty string. They are only ever tested against one
 * token of at most MAX_NUMBER_LENGTH characters, never against the whole page, which bounds the
 * cost of any pattern that passes.
 */
import { z } from 'zod';
import { DocKindSchema } from '@/lib/model/document';
import { MAX_NUMBER_LENGTH } from './numbers';

export const CustomFormatSchema = z.object({
  /** The vendor whose documents use this format; becomes the detection's vendor. */
  vendor: z.string().trim().max(300).optional(),
  kind: DocKindSchema,
  /** A JavaScript regular expression for the whole number, without slashes: `AC-\d{6}`. */
  pattern: z.string().min(1, 'the pattern is empty').max(200, 'the pattern is longer than 200 characters'),
  caseInsensitive: z.boolean().optional(),
  /** Shown in the evidence; defaults to the pattern. */
  name: z.string().max(100).optional(),
});
export type CustomFormat = z.infer<typeof CustomFormatSchema>;

export interface CompiledFormat {
  format: CustomFormat;
  regex: RegExp;
}

/** Why a pattern is unsafe, or undefined when it is safe to run on bounded tokens. */
export function unsafeReason(pattern: string): string | undefined {
  // Walk the pattern once, tracking for each open group whether it holds a quantifier or `|`.
  const stack: Array<{ quantified: boolean; alternation: boolean }> = [{ quantified: false, alternation: false }];
  let inClass = false;
  let lastAtomWasGroup: { quantified: boolean; alternation: boolean } | undefined;
  let lastAtomQuantifiable = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'backreferences (\\1, \\k<name>) are not allowed';
      i++;
      lastAtomWasGroup = undefined;
      lastAtomQuantifiable = true;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      lastAtomWasGroup = undefined;
      lastAtomQuantifiable = true;
      continue;
    }
    if (ch === '(') {
      if (pattern[i + 1] === '?') {
        const kind = pattern.slice(i + 2, i + 4);
        if (kind.startsWith('=') || kind.startsWith('!') || kind === '<=' || kind === '<!')
          return 'lookahead and lookbehind are not allowed';
        // skip the group's prefix: `(?:` or `(?<name>`
        if (kind.startsWith(':')) i += 2;
        else if (kind.startsWith('<')) {
          const close = pattern.indexOf('>', i);
          if (close < 0) return 'unclosed group name';
          i = close;
        }
      }
      stack.push({ quantified: false, alternation: false });
      lastAtomWasGroup = undefined;
      lastAtomQuantifiable = false;
      continue;
    }
    if (ch === ')') {
      const group = stack.pop();
      if (!group || stack.length === 0) return 'unbalanced parentheses';
      lastAtomWasGroup = group;
      lastAtomQuantifiable = true;
      // a group with an inner quantifier makes its parent "quantified" too
      const parent = stack[stack.length - 1];
      if (parent && (group.quantified || group.alternation)) parent.quantified ||= group.quantified;
      continue;
    }
    if (ch === '|') {
      const top = stack[stack.length - 1];
      if (top) top.alternation = true;
      lastAtomWasGroup = undefined;
      lastAtomQuantifiable = false;
      continue;
    }
    const isQuant = ch === '*' || ch === '+' || ch === '?' || (ch === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)));
    if (isQuant) {
      if (!lastAtomQuantifiable) return 'a quantifier has nothing to repeat';
      const unbounded = ch === '*' || ch === '+' || (ch === '{' && /^\{\d+,\}/.test(pattern.slice(i)));
      if (lastAtomWasGroup && (lastAtomWasGroup.quantified || lastAtomWasGroup.alternation) && ch !== '?') {
        if (unbounded || ch === '{')
          return 'a repeated group contains a quantifier or alternation (nested quantifiers)';
      }
      const top = stack[stack.length - 1];
      if (top) top.quantified = true;
      if (ch === '{') i = pattern.indexOf('}', i);
      if (pattern[i + 1] === '?' || pattern[i + 1] === '+') i++;
      lastAtomWasGroup = undefined;
      lastAtomQuantifiable = false;
      continue;
    }
    lastAtomWasGroup = undefined;
    lastAtomQuantifiable = ch !== '^' && ch !== '$';
  }
  if (inClass) return 'unclosed character class';
  if (stack.length !== 1) return 'unbalanced parentheses';
  return undefined;
}

/** Validate a format from the options page: a sentence for the user on failure. */
export function validateCustomFormat(
  input: unknown,
): { ok: true; format: CustomFormat } | { ok: false; error: string } {
  const parsed = CustomFormatSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join('.') || 'format'}: ${issue?.message ?? 'invalid'}` };
  }
  const format = parsed.data;
  const unsafe = unsafeReason(format.pattern);
  if (unsafe) return { ok: false, error: `The pattern is not safe to run on every page: ${unsafe}.` };
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${format.pattern})$`, format.caseInsensitive ? 'iu' : 'u');
  } catch (e) {
    return { ok: false, error: `The pattern is not a valid regular expression: ${(e as Error).message}.` };
  }
  if (regex.test(''))
    return { ok: false, error: 'The pattern matches an empty text; it must require some characters.' };
  if (!/[0-9]/.test(format.pattern) && !/\\d|\[[^\]]*0-9/.test(format.pattern)) {
    // Allowed, but a format without any digit would mark ordinary words; require a digit class.
    return { ok: false, error: 'The pattern must contain a digit (\\d or 0-9) so it cannot mark ordinary words.' };
  }
  return { ok: true, format };
}

/** Compile the formats that validate; the rest are skipped (the options page shows why). */
export function compileFormats(formats: readonly unknown[] | undefined): CompiledFormat[] {
  const out: CompiledFormat[] = [];
  for (const f of formats ?? []) {
    const v = validateCustomFormat(f);
    if (!v.ok) continue;
    out.push({
      format: v.format,
      regex: new RegExp(`^(?:${v.format.pattern})$`, v.format.caseInsensitive ? 'iu' : 'u'),
    });
  }
  return out;
}

export const CUSTOM_TOKEN_LIMIT = MAX_NUMBER_LENGTH;
