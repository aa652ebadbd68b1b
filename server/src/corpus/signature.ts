/**
 * A file's corpus signature: what the corpus pass keeps of it (hashes and offsets, never text).
 * Small, serialisable and a pure function of the text and the language data, so the CLI caches it
 * beside the file's findings and the server recomputes it as a document changes.
 */
import { splitWords } from '../engine/words';
import { Hash64 } from './hash';
import { allStopWords, lineHash, readsAsProse } from './lines';
import { pushTokens, sketch, MINHASH_SIZE, BANDS } from './minhash';

/** Bumped whenever signatures of the same text would differ: part of any cache key. */
export const SIGNATURE_VERSION = 2;

/** Numbers per entry of CorpusSignature.lines: the line's hash (two halves), its zero-based number, where its content starts, and PACKED. */
export const LINE_FIELDS = 5;
/**
 * The fifth number: the indent before the content (11 bits), the content's length (9), what follows
 * it up to the next line's start (10: trailing space and the line break), and how the removal starts
 * (2: 0 at the line's start; on the last line, 1 or 2 for the previous line break's length, 3 when
 * there is none).
 */
const LEAD_BITS = 11;
const LENGTH_BITS = 9;
const TAIL_BITS = 10;

/** A furniture line of a signature, unpacked: offsets into the document. */
export interface FurnitureLine {
  hi: number;
  lo: number;
  line: number;
  lineStart: number;
  /** The trimmed content: what a finding covers. */
  start: number;
  end: number;
  /** What the removal fix deletes: the line and one line break. */
  removeStart: number;
  removeEnd: number;
}

export function furnitureLine(lines: Uint32Array, o: number): FurnitureLine {
  const packed = lines[o + 4];
  const lead = packed & ((1 << LEAD_BITS) - 1);
  const length = (packed >>> LEAD_BITS) & ((1 << LENGTH_BITS) - 1);
  const tail = (packed >>> (LEAD_BITS + LENGTH_BITS)) & ((1 << TAIL_BITS) - 1);
  const mode = packed >>> (LEAD_BITS + LENGTH_BITS + TAIL_BITS);
  const start = lines[o + 3];
  const lineStart = start - lead;
  const end = start + length;
  return { hi: lines[o], lo: lines[o + 1], line: lines[o + 2], lineStart, start, end, removeStart: mode === 1 || mode === 2 ? lineStart - mode : lineStart, removeEnd: end + tail };
}

/** Lines longer than this are article text or debris, never shared furniture: not hashed. */
const MAX_FURNITURE_LENGTH = (1 << LENGTH_BITS) - 1;

export interface CorpusSignature {
  readonly version: number;
  /** The document's language, for the report and for per-language statistics. */
  readonly language: string;
  /** Tokens (words, or characters of unspaced scripts) the sketch was made from. */
  readonly words: number;
  /** A 53-bit hash of the body (everything but the date header line), lower-cased with spacing collapsed; 0 when it has no words. */
  readonly exact: number;
  /** Where line 1's content ends: near-duplicate findings cover line 1. */
  readonly firstLineEnd: number;
  /** The MinHash sketch of the body's word shingles, absent when the body is shorter than a shingle. */
  readonly mins?: Uint16Array;
  readonly bands?: Uint32Array;
  /** LINE_FIELDS numbers per line that does not read as prose (see furnitureLine), in line order. */
  readonly lines: Uint32Array;
}

/** What signatureOf reads of a document: SeedDocument has all of it. */
export interface SignatureSource {
  readonly text: string;
  readonly lines: ReadonlyArray<{ readonly index: number; readonly start: number; readonly end: number; readonly text: string }>;
  readonly header?: { readonly line: number };
  readonly language: string;
  readonly languages: { isBoilerplate(trimmed: string): boolean; readonly lexicons: ReadonlyMap<string, { readonly stopWords: ReadonlySet<string> }> };
}

export interface SignatureOptions {
  /**
   * Which lines the sketch is made from: 'prose' (lines that read as prose; all lines when they hold
   * fewer than PROSE_SKETCH_MIN_WORDS words), or 'all'. Prose keeps two articles of one site apart
   * although they share menus and footers.
   */
  sketchLines?: 'prose' | 'all';
}

/** Below this many prose tokens the sketch is made from every line. */
export const PROSE_SKETCH_MIN_WORDS = 40;

export function signatureOf(doc: SignatureSource, options: SignatureOptions = {}): CorpusSignature {
  const { tokens, entries, exact } = analyse(doc, options);
  const sk = sketch(tokens);
  return {
    version: SIGNATURE_VERSION,
    language: doc.language,
    words: tokens.length,
    exact,
    firstLineEnd: doc.lines.length > 0 ? doc.lines[0].end : 0,
    mins: sk?.mins,
    bands: sk?.bands,
    lines: Uint32Array.from(entries),
  };
}

/** The tokens a document's sketch is made from (for measuring the sketch against exact Jaccard similarity). */
export function sketchTokensOf(doc: SignatureSource, options: SignatureOptions = {}): number[] {
  return analyse(doc, options).tokens;
}

function analyse(doc: SignatureSource, options: SignatureOptions): { tokens: number[]; entries: number[]; exact: number } {
  const sketchLines = options.sketchLines ?? 'prose';
  const evidence = { stopWords: allStopWords(doc.languages.lexicons), furniture: (t: string) => doc.languages.isBoilerplate(t) };
  const headerLine = doc.header?.line ?? -1;
  const exact = new Hash64();
  let exactWords = 0;
  const proseTokens: number[] = [];
  const allTokens: number[] = [];
  const entries: number[] = [];
  const lines = doc.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.index === headerLine) continue;
    const trimmed = line.text.trim();
    if (!trimmed) continue;
    const words = splitWords(trimmed);
    if (words.length === 0) continue;
    const lead = line.text.length - line.text.trimStart().length;
    exactWords += words.length;
    if (exactWords > words.length) exact.unit(32);
    const lower = trimmed.toLowerCase();
    let space = false;
    for (let k = 0; k < lower.length; k++) {
      const c = lower.charCodeAt(k);
      if (c === 32 || c === 9 || c === 0xa0) {
        space = true;
        continue;
      }
      if (space) exact.unit(32);
      space = false;
      exact.unit(c);
    }
    const prose = trimmed.length > MAX_FURNITURE_LENGTH || readsAsProse(trimmed, evidence, words);
    const start = line.start + lead;
    const end = start + trimmed.length;
    const from = allTokens.length;
    pushTokens(trimmed, words, 0, allTokens);
    if (prose) {
      for (let k = from; k < allTokens.length; k++) proseTokens.push(allTokens[k]);
      continue;
    }
    const next = lines[i + 1];
    const tail = (next ? next.start : line.end) - end;
    const mode = next ? 0 : i > 0 ? line.start - lines[i - 1].end : 3;
    if (lead >= 1 << LEAD_BITS || tail >= 1 << TAIL_BITS || mode > 3) continue;
    const [hi, lo] = lineHash(trimmed);
    entries.push(hi, lo, line.index, start, (lead | (trimmed.length << LEAD_BITS) | (tail << (LEAD_BITS + LENGTH_BITS)) | (mode << (LEAD_BITS + LENGTH_BITS + TAIL_BITS))) >>> 0);
  }
  const tokens = sketchLines === 'prose' && proseTokens.length >= PROSE_SKETCH_MIN_WORDS ? proseTokens : allTokens;
  return { tokens, entries, exact: exactWords > 0 ? exact.value || 1 : 0 };
}

/** A signature as JSON-safe data (typed arrays as base64), for caches and worker messages. */
export interface SerializedSignature {
  version: number;
  language: string;
  words: number;
  exact: number;
  firstLineEnd: number;
  mins?: string;
  bands?: string;
  lines: string;
}

export function serializeSignature(s: CorpusSignature): SerializedSignature {
  const out: SerializedSignature = { version: s.version, language: s.language, words: s.words, exact: s.exact, firstLineEnd: s.firstLineEnd, lines: toBase64(s.lines) };
  if (s.mins) out.mins = toBase64(s.mins);
  if (s.bands) out.bands = toBase64(s.bands);
  return out;
}

/** The signature back from its serialised form; undefined when it is of another version or malformed (recompute it). */
export function deserializeSignature(d: SerializedSignature): CorpusSignature | undefined {
  if (!d || d.version !== SIGNATURE_VERSION || typeof d.lines !== 'string') return undefined;
  const minBytes = d.mins ? fromBase64(d.mins) : undefined;
  const bandBytes = d.bands ? fromBase64(d.bands) : undefined;
  const lineBytes = fromBase64(d.lines);
  if (!lineBytes || minBytes === null || bandBytes === null) return undefined;
  if ((minBytes && minBytes.length !== 2 * MINHASH_SIZE) || (bandBytes && bandBytes.length !== 4 * BANDS) || lineBytes.length % (4 * LINE_FIELDS) !== 0) return undefined;
  if (!!minBytes !== !!bandBytes) return undefined;
  const mins = minBytes && new Uint16Array(minBytes.buffer);
  const bands = bandBytes && new Uint32Array(bandBytes.buffer);
  return { version: d.version, language: d.language, words: d.words, exact: d.exact, firstLineEnd: d.firstLineEnd, mins, bands, lines: new Uint32Array(lineBytes.buffer) };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

function toBase64(a: Uint16Array | Uint32Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** The bytes of base64 text, or null when it holds other characters. */
function fromBase64(s: string): Uint8Array | null {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 61) end--;
  const clean = s.slice(0, end);
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = DECODE[clean.charCodeAt(i)] ?? -1;
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
