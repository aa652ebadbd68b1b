/** The real web pages of test/fixtures/corpus/ (see its SOURCE.md), and documents and signatures made from them. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, resolveConfig, SeedDocument } from '../../../server/src/engine/index';
import { signatureOf, type CorpusSignature } from '../../../server/src/corpus/index';

export const PAGES_DIR = path.resolve(__dirname, '../../fixtures/corpus/pages');
const config = resolveConfig({}, allRules);

export function page(name: string): string {
  return fs.readFileSync(path.join(PAGES_DIR, name), 'utf8');
}

export function documentOf(text: string): SeedDocument {
  return new SeedDocument(text, config.languages);
}

export function signature(text: string): CorpusSignature {
  return signatureOf(documentOf(text));
}

/** The page's lines; `lines[0]` is the date header. */
export function linesOf(text: string): string[] {
  return text.replace(/\n$/, '').split('\n');
}

export function joinLines(lines: readonly string[]): string {
  return `${lines.join('\n')}\n`;
}

/** Distinct articles: one page per story, in five languages. */
export const ARTICLES = [
  '009_en_breitbart.txt',
  '116_en_wired-com1.txt',
  '173_en_guardian-1.txt',
  '058_de_tvtoday-de-willsmith.txt',
  '069_es_larepublica-pe-minedu.txt',
  '067_fr_aoc-media-archaisme.txt',
];

/** The page with one site's menu after the date header and its footer at the end. */
export function dressed(name: string, menu: readonly string[], footer: readonly string[]): string {
  const [header, ...body] = linesOf(page(name));
  return joinLines([header, ...menu, ...body, ...footer]);
}
