/** Prints the figures of a saved run (artifacts/realapps/NAME.json) against the current truth: `tsx dev/realapps/recompare.ts FILE`. */
import { readFileSync } from 'node:fs';
import { compare, printFigures } from '@/dev/realapps/compare';
import { tryton } from '@/dev/realapps/tryton/app';

const file = process.argv[2];
if (!file) throw new Error('Name a saved run: artifacts/realapps/tryton.json.');
const saved = JSON.parse(readFileSync(file, 'utf8'));
const { figures, lines } = compare(tryton.truth(), saved.docs, saved.exceptions, saved.drive);
console.log(printFigures(tryton.name, figures));
for (const line of lines) console.log(line);
