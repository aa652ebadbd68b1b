import type { Paragraph, SeedDocument } from '../../engine/document';
import { defineParagraphAnalysis, defineRule } from '../../engine/rule';
import type { Fix } from '../../engine/types';
import { cp1252Char } from './shared/cp1252';
import entityTable from './shared/html-entities.json';
import { removeLines, removeSpan } from './shared/line-edits';
import docs from './markup-debris.md';

const ENTITIES = new Map<string, string>(Object.entries(entityTable.entities));

/** HTML elements whose tags turn up in scraped text; an unknown <word> may be prose ("<3", "<Name>"). */
const TAG_NAMES = new Set(
  ('a abbr article aside audio b blockquote body br button caption center cite code col dd del div dl dt em embed ' +
    'figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins label li link ' +
    'main mark meta nav noscript ol option p picture pre q s script section select small source span strong style ' +
    'sub sup svg table tbody td tfoot th thead time title tr u ul video wbr').split(' '),
);
/** Tags that separate blocks of text: between two words they stood for a space. */
const BLOCK_TAGS = new Set('article blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p section table tbody td tfoot th thead tr ul'.split(' '));

const TAG = /<\/?([a-zA-Z][a-zA-Z0-9]{0,15})(?:\s[^<>\n]{0,300})?\/?>/g;
const DOCTYPE = /<!DOCTYPE[^<>\n]{0,200}>/gi;
/** How far an HTML comment may run on its line. */
const MAX_COMMENT = 500;
/** The end of a tag whose "<" was lost: `-hnk">`, `" />`. The hyphenated part before it is the last class name. */
const ATTRIBUTE_TAIL = /(?:-[\p{L}\p{N}_]{1,30})?["'] ?\/?>/gu;
const ATTRIBUTE_NAME_CHAR = /[a-zA-Z-]/;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;
const URL = /\bhttps?:\/\/[^\s<>"]{1,2000}/g;
const WWW_LINE = /^(?:https?:\/\/|www\.)[^\s<>"]{2,2000}$/;
const URL_TRAILING_PUNCTUATION = '.,;:!?)]}\'"»”';
const CSS_BLOCK = /\{[^{}\n]{1,500}\}/g;
const CSS_DECLARATION = /^\s*[a-z-]{2,40}\s*:\s*[^:]{1,200}$/;
const CSS_SELECTOR_BEFORE = /(?:^|\s)([.#]?[a-zA-Z][\w-]{0,60}\s*)$/;
/** MediaWiki's language-converter markup left in text: `-{km}-`. */
const WIKI_CONVERTER = /-\{([^{}\n]{1,200})\}-/g;
const SCRIPT = /\bfunction\(|\bfunction [\w$]{0,40}\(|\b(?:var|let|const) [A-Za-z_$][\w$]{0,40} ?=(?!=)|\b(?:document|window)\.[A-Za-z_$]|\(adsbygoogle\b|\bgoogletag\.|\}\);/g;
/** After "function name(" in prose ("the function (which ..."): code only if "){" follows on the line. */
const FUNCTION_BODY = /^[^()\n]{0,200}\) ?\{/;
/** A script fragment runs to the end of its statement. */
const STATEMENT_END = /[;}](?=\s|$)/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const NON_SPACE = /\S/;
const TAG_NAME = /^<\/?([a-zA-Z0-9]+)/;
/** Every kind of debris holds one of these: paragraphs without any are skipped. */
const MAY_HOLD_DEBRIS = /[<>&{}]|:\/\/|function|var |let |const |document\.|window\./;

/** What a paragraph without debris keeps across edits: one shared empty list. */
const NO_DEBRIS: readonly Debris[] = [];

type Kind = 'tag' | 'attributeTail' | 'entity' | 'unknownEntity' | 'url' | 'css' | 'script' | 'wiki';

interface Debris {
  kind: Kind;
  /** Offsets into the paragraph's text. */
  start: number;
  end: number;
  /** Replacement for an entity or wiki markup; removal otherwise. */
  replacement?: string;
  /** Whether removing or replacing it is certain to be right. */
  safe: boolean;
}

/**
 * Where the attribute whose value closes at `quote` begins (`class="foo-bar">` begins at "class"),
 * scanning back over the value to its opening quote and the name before its "=".
 */
function attributeStart(text: string, quote: number): number | undefined {
  let i = quote - 1;
  const floor = Math.max(0, quote - 240);
  while (i >= floor && !'"\'<>\n'.includes(text[i])) i--;
  if (i < floor || (text[i] !== '"' && text[i] !== "'") || text[i - 1] !== '=') return undefined;
  let start = i - 1;
  while (start > 0 && quote - start < 260 && ATTRIBUTE_NAME_CHAR.test(text[start - 1])) start--;
  return start < i - 1 ? start : undefined;
}

function decodeEntity(m: RegExpExecArray): string | undefined {
  if (m[3]) return ENTITIES.get(m[3]);
  const code = m[1] ? parseInt(m[1], 10) : parseInt(m[2], 16);
  // The HTML standard reads 128-159 as Windows-1252, as browsers do (&#151; is an em dash).
  if (code >= 0x80 && code <= 0x9f) return cp1252Char(code);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return String.fromCodePoint(code);
}

function findDebris(text: string): Debris[] {
  const out: Debris[] = [];
  const all = (re: RegExp, f: (m: RegExpExecArray) => void) => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) f(m);
  };
  if (text.includes('<')) {
    all(TAG, (m) => {
      if (TAG_NAMES.has(m[1].toLowerCase())) out.push({ kind: 'tag', start: m.index, end: m.index + m[0].length, safe: true });
    });
    all(DOCTYPE, (m) => out.push({ kind: 'tag', start: m.index, end: m.index + m[0].length, safe: true }));
    for (let at = text.indexOf('<!--'); at >= 0; at = text.indexOf('<!--', at + 4)) {
      const close = text.indexOf('-->', at + 4);
      if (close >= 0 && close - at <= MAX_COMMENT) out.push({ kind: 'tag', start: at, end: close + 3, safe: true });
    }
  }
  if (text.includes('>')) {
    all(ATTRIBUTE_TAIL, (m) => {
      const quote = m.index + m[0].indexOf(m[0].includes('"') ? '"' : "'");
      out.push({ kind: 'attributeTail', start: attributeStart(text, quote) ?? m.index, end: m.index + m[0].length, safe: true });
    });
  }
  if (text.includes('&')) {
    all(ENTITY, (m) => {
      const decoded = decodeEntity(m);
      out.push(decoded === undefined
        ? { kind: 'unknownEntity', start: m.index, end: m.index + m[0].length, safe: false }
        : { kind: 'entity', start: m.index, end: m.index + m[0].length, replacement: decoded, safe: true });
    });
  }
  if (text.includes('://')) {
    all(URL, (m) => {
      let end = m.index + m[0].length;
      while (end > m.index && URL_TRAILING_PUNCTUATION.includes(text[end - 1])) end--;
      out.push({ kind: 'url', start: m.index, end, safe: false });
    });
  }
  if (text.includes('{')) {
    all(WIKI_CONVERTER, (m) => out.push({ kind: 'wiki', start: m.index, end: m.index + m[0].length, replacement: m[1], safe: true }));
    all(CSS_BLOCK, (m) => {
      const declarations = m[0].slice(1, -1).split(';').filter((d) => d.trim());
      if (!declarations.length || !declarations.every((d) => CSS_DECLARATION.test(d))) return;
      const selector = CSS_SELECTOR_BEFORE.exec(text.slice(Math.max(0, m.index - 80), m.index));
      out.push({ kind: 'css', start: m.index - (selector ? selector[1].length : 0), end: m.index + m[0].length, safe: true });
    });
  }
  all(SCRIPT, (m) => {
    const rest = text.slice(m.index + m[0].length);
    if (m[0].startsWith('function ') && !FUNCTION_BODY.test(rest)) return;
    const stop = STATEMENT_END.exec(rest);
    const end = m.index + m[0].length + (stop ? stop.index + 1 : rest.length);
    out.push({ kind: 'script', start: m.index, end, safe: false });
  });
  return mergeOverlapping(out);
}

/** Keeps the first of overlapping pieces, widening it to cover the others (a tag inside a script, a tail inside a tag). */
function mergeOverlapping(pieces: Debris[]): Debris[] {
  pieces.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Debris[] = [];
  for (const d of pieces) {
    const last = out[out.length - 1];
    if (last && d.start < last.end) {
      if (d.end > last.end) {
        last.end = d.end;
        last.replacement = undefined;
        last.safe = last.safe && d.safe && last.kind !== 'entity' && last.kind !== 'wiki';
      }
      continue;
    }
    out.push({ ...d });
  }
  return out;
}

/** The debris of a paragraph, offsets relative to it. */
const paragraphDebris = defineParagraphAnalysis('garbled/markup-debris', (p): readonly Debris[] => (MAY_HOLD_DEBRIS.test(p.text) ? findDebris(p.text) : NO_DEBRIS));

function describe(text: string): string {
  return text.length > 50 ? `${text.slice(0, 47)}...` : text;
}

function fixFor(doc: SeedDocument, p: Paragraph, d: Debris): Fix[] {
  const start = p.start + d.start;
  const end = p.start + d.end;
  if (d.kind === 'unknownEntity') return [];
  if (d.replacement !== undefined) {
    return [{ title: `Replace with "${d.replacement}"`, edits: [{ start, end, text: d.replacement }], safe: d.safe }];
  }
  const before = p.text[d.start - 1];
  const after = p.text[d.end];
  const glued = before !== undefined && after !== undefined && NON_SPACE.test(before) && NON_SPACE.test(after);
  const tagName = TAG_NAME.exec(p.text.slice(d.start, d.end))?.[1]?.toLowerCase();
  if (d.kind === 'tag' && glued && tagName && BLOCK_TAGS.has(tagName)) {
    return [{ title: 'Replace the tag with a space', edits: [{ start, end, text: ' ' }], safe: true }];
  }
  const edit = removeSpan(doc.text, start, end);
  return [{ title: 'Delete the debris', edits: [edit], safe: d.safe }];
}

export default defineRule({
  meta: {
    id: 'garbled/markup-debris',
    category: 'garbled',
    defaultSeverity: 'error',
    description: 'HTML tags and their remains, character entities, raw links, CSS and script fragments left in the text.',
    fixable: true,
    messages: {
      tag: 'HTML tag in the text: "{text}".',
      attributeTail: 'End of an HTML tag whose "<" was lost: "{text}".',
      entity: 'HTML entity "{text}" left undecoded: it stands for "{fixed}".',
      unknownEntity: 'Entity-shaped debris "{text}": not an HTML entity this rule knows; check the source.',
      url: 'Link left in the text: "{text}".',
      css: 'CSS rule in the text: "{text}".',
      script: 'Script code in the text: "{text}".',
      wiki: 'MediaWiki converter markup around "{fixed}": the dashes and braces are debris.',
      line: 'The whole line is markup debris: "{text}".',
    },
  },
  docs,
  check({ doc, report }) {
    for (const p of doc.paragraphs) {
      // The fixes look at the paragraph's line, so only finding the debris is paragraph work.
      const debris = doc.analyse(paragraphDebris, p);
      if (!debris.length) continue;
      const removable = debris.every((d) => d.kind !== 'entity' && d.kind !== 'wiki' && d.kind !== 'unknownEntity');
      let rest = '';
      let pos = 0;
      for (const d of debris) {
        rest += p.text.slice(pos, d.start);
        pos = d.end;
      }
      rest += p.text.slice(pos);
      const wholeLine = (removable && !LETTER_OR_DIGIT.test(rest)) || WWW_LINE.test(p.text);
      if (wholeLine && p.line !== doc.header?.line) {
        report({
          messageId: 'line',
          data: { text: describe(p.text) },
          start: p.start,
          end: p.end,
          fixes: [{ title: 'Delete the line', edits: [removeLines(doc, p.line, p.line)], safe: true }],
        });
        continue;
      }
      for (const d of debris) {
        const text = p.text.slice(d.start, d.end);
        const fixes = fixFor(doc, p, d);
        // The finding covers whatever its fix deletes, the space beside the debris included.
        const edits = fixes.flatMap((f) => f.edits);
        report({
          messageId: d.kind,
          data: { text: describe(text), fixed: d.replacement ?? '' },
          start: Math.min(p.start + d.start, ...edits.map((e) => e.start)),
          end: Math.max(p.start + d.end, ...edits.map((e) => e.end)),
          fixes,
        });
      }
    }
  },
});
