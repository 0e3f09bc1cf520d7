import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detect } from '@/lib/detect/index';
import { KNOWN_LABELS, NUMBER_WORDS } from '@/lib/detect/lexicon';
import { numberKey } from '@/lib/model/keys';
import { NOW } from './helpers';

const BUYER_LABELS = KNOWN_LABELS.filter((l) => !l.seller);
const FILLER = [
  'lorem',
  'ipsum',
  'dolor',
  'sit',
  'amet,',
  'consectetur',
  'adipiscing',
  'elit.',
  'sed',
  'tempor',
  '—',
  '\n',
];

const words = fc.array(fc.constantFrom(...FILLER), { maxLength: 12 }).map((ws) => ws.join(' '));
const number = fc
  .tuple(
    fc.stringMatching(/^[A-Z]{0,3}$/),
    fc.constantFrom('', '-', '/'),
    fc.stringMatching(/^[1-9][0-9]{4,9}$/),
    fc.constantFrom('', '-A', '/25'),
  )
  // `Ref/10000` after a label reads either way (label "… Ref", number 10000; or number REF/10000), so a
  // number word joined by - or / is left out; glued straight to digits it is the number's (glued-prefix.test.ts).
  .filter(([prefix, sep]) => !(sep && NUMBER_WORDS.includes(prefix.toLowerCase())))
  .map(([prefix, sep, digits, tail]) => (prefix ? prefix + sep : '') + digits + tail);
const separator = fc.constantFrom(' ', ': ', ' # ', ' - ', ':\u00a0', '  ');

describe('property: a number after any known label is found with its exact key', () => {
  it('in random surrounding text', () => {
    fc.assert(
      fc.property(
        words,
        fc.constantFrom(...BUYER_LABELS),
        separator,
        number,
        words,
        (before, label, sep, num, after) => {
          const text = `${before} ${label.phrase}${sep}${num} ${after}`;
          const found = detect([{ text }], { now: NOW });
          const hit = found.find((d) => d.kind === label.kind && d.key === numberKey(num) && d.confidence >= 0.5);
          expect(
            hit,
            `${JSON.stringify(text)} → ${JSON.stringify(found.map((d) => [d.kind, d.number]))}`,
          ).toBeDefined();
          expect(text.slice(hit!.span.start, hit!.span.end)).toBe(num);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('and a seller-side label never makes a reported PO', () => {
    const seller = KNOWN_LABELS.filter((l) => l.seller);
    fc.assert(
      fc.property(words, fc.constantFrom(...seller), separator, number, (before, label, sep, num) => {
        const found = detect([{ text: `${before} ${label.phrase}${sep}${num}` }], { now: NOW });
        const d = found.find((x) => x.key === numberKey(num));
        expect(d).toBeDefined();
        expect(d!.confidence).toBeLessThan(0.5);
      }),
      { numRuns: 200 },
    );
  });
});
