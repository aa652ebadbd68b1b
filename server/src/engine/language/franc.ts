/**
 * franc's `francAll`, compiled once: the same results, bit for bit, several times faster.
 *
 * franc 6 spends its time re-counting each of 30 script patterns with a regular expression, keying
 * trigrams as strings in plain objects, and looking every trigram up in every language's object.
 * Here the script of each code unit is looked up once and cached, trigrams of model characters
 * become small integers, and one lookup gives a trigram's rank in every language of the script.
 * `test/unit/perf-franc.test.ts` checks the results against franc itself, whose version package.json
 * pins exactly. franc's trigram models are read here and nowhere else.
 *
 * Ported from franc 6.2.0 (https://github.com/wooorm/franc), under its licence:
 *
 * (The MIT License)
 *
 * Copyright (c) 2014 Titus Wormer <tituswormer@gmail.com>
 * Copyright (c) 2008 Kent S Johnson
 * Copyright (c) 2006 Jacob R Rideout <kde@jacobrideout.net>
 * Copyright (c) 2004 Maciej Ceglowski
 *
 * Permission is hereby granted, free of charge, to any person obtaining
 * a copy of this software and associated documentation files (the
 * 'Software'), to deal in the Software without restriction, including
 * without limitation the rights to use, copy, modify, merge, publish,
 * distribute, sublicense, and/or sell copies of the Software, and to
 * permit persons to whom the Software is furnished to do so, subject to
 * the following conditions:
 *
 * The above copyright notice and this permission notice shall be
 * included in all copies or substantial portions of the Software.
 *
 * THE SOFTWARE IS PROVIDED 'AS IS', WITHOUT WARRANTY OF ANY KIND,
 * EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
 * MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT.
 * IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY
 * CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT,
 * TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
 * SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 */
import { data } from 'franc/data.js';
import { expressions } from 'franc/expressions.js';
import { SPACE_UNITS } from '../words';

/** franc reads at most this many characters. */
export const FRANC_MAX_LENGTH = 2048;
const MIN_LENGTH = 10;
/** What franc adds for a trigram a language's model lacks. */
const MAX_DIFFERENCE = 300;

export type FrancTuple = [string, number];

export interface FrancOptions {
  only?: readonly string[];
  ignore?: readonly string[];
  minLength?: number;
}

// --- scripts ---------------------------------------------------------------------------------

const scriptNames = Object.keys(expressions);
/** Each script pattern matches single code units or surrogate pairs; anchored copies test one at a time. */
const anchored = scriptNames.map((s) => new RegExp(`^(?:${expressions[s].source})$`));
/** Bit mask of the scripts matching a code unit; -1 = not yet computed. */
const unitScripts = new Int32Array(65536).fill(-1);
const pairScripts = new Map<number, number>();

function scriptsOf(s: string): number {
  let mask = 0;
  for (let k = 0; k < anchored.length; k++) if (anchored[k].test(s)) mask |= 1 << k;
  return mask;
}

/** Scratch counts per script, reused between calls. */
const scriptCounts = new Int32Array(scriptNames.length);

/** franc's getTopScript: the script with the largest share of `value`, first one on a tie. */
export function topScript(value: string): [string | undefined, number] {
  const counts = scriptCounts.fill(0);
  const n = value.length;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    let mask: number;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const key = (c << 16) | d;
        let m = pairScripts.get(key);
        if (m === undefined) pairScripts.set(key, (m = scriptsOf(value.slice(i, i + 2))));
        // No pattern matches a lone surrogate, so a pair no pattern takes counts for nothing.
        mask = m;
        i++;
      } else mask = 0;
    } else {
      mask = unitScripts[c];
      if (mask === -1) unitScripts[c] = mask = scriptsOf(String.fromCharCode(c));
    }
    if (mask === 0) continue;
    for (let k = 0; mask !== 0; k++, mask >>>= 1) if (mask & 1) counts[k]++;
  }
  let topCount = -1;
  let top: string | undefined;
  for (let k = 0; k < scriptNames.length; k++) {
    const share = counts[k] / n || 0;
    if (share > topCount) {
      topCount = share;
      top = scriptNames[k];
    }
  }
  return [top, topCount];
}

// --- trigram models --------------------------------------------------------------------------

/**
 * The models of one script's selected languages (franc's `only`/`ignore` applied), compiled once per
 * selection: only their trigrams are indexed, so a trigram no selected language holds is simply
 * unknown, which costs every language the same MAX_DIFFERENCE, as in franc.
 */
interface ScriptModel {
  /** franc codes of the selected languages, in franc's order (which decides ties). */
  languages: string[];
  /** Code unit -> id (1-1023) for characters of the selected models; 0 = none. */
  charIds: Uint16Array;
  /** Open-addressing table: trigram key (three 10-bit ids) -> row, -1 = empty. */
  slotKeys: Int32Array;
  slotRows: Int32Array;
  mask: number;
  shift: number;
  /** Per row, the languages whose model holds the trigram (as positions in `languages`) and its rank there. */
  rowStart: Int32Array;
  entryLanguage: Uint16Array;
  entryRank: Int16Array;
  /** Scratch: occurrences of each row in the current sample, valid where rowStamp = stamp. */
  rowCount: Int32Array;
  rowStamp: Int32Array;
  touched: Int32Array;
}

/** Compiled models by script and selection; `null` when the selection leaves no language of the script. */
const models = new Map<string, ScriptModel | null>();
/** The registry passes the same `only` array every time: its models are found by identity first. */
const modelsByArray = new WeakMap<readonly string[], Map<string, ScriptModel | null>>();

/** Fibonacci hashing: the high bits of the product spread the three packed ids. */
const hashSlot = (key: number, shift: number) => Math.imul(key, 0x9e3779b1) >>> shift;

function allow(language: string, only: readonly string[], ignore: readonly string[]): boolean {
  if (only.length === 0 && ignore.length === 0) return true;
  return (only.length === 0 || only.includes(language)) && !ignore.includes(language);
}

function modelFor(script: string, only: readonly string[], ignore: readonly string[]): ScriptModel | null {
  const byArray = ignore.length === 0 ? modelsByArray.get(only) : undefined;
  const hit = byArray?.get(script);
  if (hit !== undefined) return hit;
  const key = `${script}|${only.join(',')}|${ignore.join(',')}`;
  let model = models.get(key);
  if (model === undefined) {
    model = compile(data[script], only, ignore);
    models.set(key, model);
  }
  if (ignore.length === 0) {
    let m = modelsByArray.get(only);
    if (!m) modelsByArray.set(only, (m = new Map()));
    m.set(script, model);
  }
  return model;
}

function compile(languages: Record<string, string>, only: readonly string[], ignore: readonly string[]): ScriptModel | null {
  const names = Object.keys(languages).filter((name) => allow(name, only, ignore));
  if (names.length === 0) return null;
  const charIds = new Uint16Array(65536);
  let nextId = 1;
  // One pass over every selected model: each distinct trigram gets a row; its (language, rank)
  // entries go to flat arrays, grouped by row afterwards. Plain loops and typed arrays: this runs
  // once, cold, on the way to a document's first diagnostics.
  const rowOf = new Map<number, number>();
  let rowLast = new Int32Array(1024);
  let entryCount = 0;
  let flatRow = new Int32Array(4096);
  let flatLanguage = new Uint16Array(4096);
  let flatRank = new Int16Array(4096);
  for (let j = 0; j < names.length; j++) {
    const model = languages[names[j]];
    let rank = 0;
    for (let from = 0; from <= model.length; rank++) {
      let to = model.indexOf('|', from);
      if (to === -1) to = model.length;
      const length = to - from;
      const at = from;
      from = to + 1;
      if (length !== 3) continue;
      let key = 0;
      for (let i = at; i < at + 3; i++) {
        const c = model.charCodeAt(i);
        if (charIds[c] === 0) charIds[c] = nextId++;
        key = key * 1024 + charIds[c];
      }
      let row = rowOf.get(key);
      if (row === undefined) {
        row = rowOf.size;
        rowOf.set(key, row);
        if (row >= rowLast.length) rowLast = grow(rowLast, rowLast.length * 2);
        rowLast[row] = -1;
      }
      // As franc: the first occurrence of a trigram in a model gives its rank.
      if (rowLast[row] === j) continue;
      rowLast[row] = j;
      if (entryCount === flatRow.length) {
        flatRow = grow(flatRow, entryCount * 2);
        flatLanguage = grow(flatLanguage, entryCount * 2);
        flatRank = grow(flatRank, entryCount * 2);
      }
      flatRow[entryCount] = row;
      flatLanguage[entryCount] = j;
      flatRank[entryCount++] = rank;
    }
  }
  if (nextId > 1024) throw new Error('a franc script model has more than 1023 characters');
  let bits = 4;
  while (1 << bits < rowOf.size * 3) bits++;
  const size = 1 << bits;
  const slotKeys = new Int32Array(size).fill(-1);
  const slotRows = new Int32Array(size);
  for (const [key, row] of rowOf) {
    let slot = hashSlot(key, 32 - bits);
    while (slotKeys[slot] !== -1) slot = (slot + 1) & (size - 1);
    slotKeys[slot] = key;
    slotRows[slot] = row;
  }
  // Counting sort of the entries by row, keeping each row's entries in model order.
  const rows = rowOf.size;
  const rowStart = new Int32Array(rows + 1);
  for (let e = 0; e < entryCount; e++) rowStart[flatRow[e] + 1]++;
  for (let r = 0; r < rows; r++) rowStart[r + 1] += rowStart[r];
  const fill = rowStart.slice(0, rows);
  const entryLanguage = new Uint16Array(entryCount);
  const entryRank = new Int16Array(entryCount);
  for (let e = 0; e < entryCount; e++) {
    const at = fill[flatRow[e]]++;
    entryLanguage[at] = flatLanguage[e];
    entryRank[at] = flatRank[e];
  }
  return {
    languages: names,
    charIds,
    slotKeys,
    slotRows,
    mask: size - 1,
    shift: 32 - bits,
    rowStart,
    entryLanguage,
    entryRank,
    rowCount: new Int32Array(rows),
    rowStamp: new Int32Array(rows),
    touched: new Int32Array(rows),
  };
}

/** A copy of `a` with room for `length` elements. */
function grow<T extends Int32Array | Uint16Array | Int16Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

/** Distinct trigrams that are in no model of the script, counted with a stamped scratch table. */
const unknownKeys = new Int32Array(8192);
const unknownStamps = new Int32Array(8192);
let stamp = 0;

const PUNCTUATION = /[\u0021-\u0040]+/g;
const WHITESPACE = /\s+/g;
/**
 * Code units trigram-utils' clean() turns into a space: ASCII punctuation and digits (U+0021-U+0040)
 * and what `\s` matches (a test checks this list).
 */
export const SEPARATOR_UNITS: ReadonlyArray<readonly [number, number]> = [[0x21, 0x40], ...SPACE_UNITS];
let separators: Uint8Array | undefined;
function separatorTable(): Uint8Array {
  if (separators) return separators;
  separators = new Uint8Array(65536);
  for (const [a, b] of SEPARATOR_UNITS) separators.fill(1, a, b + 1);
  return separators;
}
/** The cleaned, padded sample as code units, reused between calls. */
let units = new Uint16Array(2 * FRANC_MAX_LENGTH + 4);

/**
 * trigram-utils' `' ' + clean(value) + ' '` as code units: every run of separators becomes one
 * space, with one at each end. Lower-casing first is the same as lower-casing last, except for
 * Greek capital sigma, whose lower case depends on what follows it: then clean the slow way.
 */
function cleanUnits(value: string): number {
  const sep = separatorTable();
  const s = value.indexOf('\u03a3') >= 0 ? value.replace(PUNCTUATION, ' ').replace(WHITESPACE, ' ').trim().toLowerCase() : value.toLowerCase();
  if (units.length < s.length + 2) units = new Uint16Array(s.length + 2);
  let n = 0;
  units[n++] = 32;
  let pending = false;
  let any = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (sep[c] === 1) {
      pending = true;
      continue;
    }
    if (pending && any) units[n++] = 32;
    pending = false;
    any = true;
    units[n++] = c;
  }
  units[n++] = 32;
  return n;
}

/** Distances of `value` to the selected languages, as franc's getDistances before sorting. */
function distances(value: string, model: ScriptModel): Float64Array {
  const nSel = model.languages.length;
  const n = cleanUnits(value);
  const { charIds, slotKeys, slotRows, mask, shift, rowCount, rowStamp, touched } = model;
  if (++stamp === 0x40000000) {
    // Stamps wrap after 2^30 calls: start the scratch tables afresh.
    stamp = 1;
    unknownStamps.fill(0);
    for (const m of models.values()) m?.rowStamp.fill(0);
  }
  let nTouched = 0;
  let unknown = 0;
  let unknownText: Set<string> | undefined;
  let a = charIds[units[0]];
  let b = n > 1 ? charIds[units[1]] : 0;
  for (let i = 0; i + 3 <= n; i++) {
    const c = charIds[units[i + 2]];
    if (a !== 0 && b !== 0 && c !== 0) {
      const key = (a << 20) | (b << 10) | c;
      let slot = hashSlot(key, shift);
      let row = -1;
      for (;;) {
        const k = slotKeys[slot];
        if (k === key) {
          row = slotRows[slot];
          break;
        }
        if (k === -1) break;
        slot = (slot + 1) & mask;
      }
      if (row >= 0) {
        if (rowStamp[row] !== stamp) {
          rowStamp[row] = stamp;
          rowCount[row] = 1;
          touched[nTouched++] = row;
        } else rowCount[row]++;
      } else {
        let u = hashSlot(key, 19);
        for (;;) {
          if (unknownStamps[u] !== stamp) {
            unknownStamps[u] = stamp;
            unknownKeys[u] = key;
            unknown++;
            break;
          }
          if (unknownKeys[u] === key) break;
          u = (u + 1) & 8191;
        }
      }
    } else {
      const t = String.fromCharCode(units[i], units[i + 1], units[i + 2]);
      if (!(unknownText ??= new Set()).has(t)) {
        unknownText.add(t);
        unknown++;
      }
    }
    a = b;
    b = c;
  }
  // Every distinct trigram costs MAX_DIFFERENCE, less what the languages holding it give back.
  const out = new Float64Array(nSel).fill((unknown + nTouched) * MAX_DIFFERENCE);
  const { rowStart, entryLanguage, entryRank } = model;
  for (let t = 0; t < nTouched; t++) {
    const row = touched[t];
    const count = rowCount[row];
    for (let e = rowStart[row], end = rowStart[row + 1]; e < end; e++) {
      const d = count - entryRank[e] - 1;
      out[entryLanguage[e]] += (d < 0 ? -d : d) - MAX_DIFFERENCE;
    }
  }
  return out;
}

function und(): FrancTuple[] {
  return [['und', 1]];
}

/** Exactly franc 6.2's `francAll(value, { only, ignore, minLength })`. */
export function francAll(value: string, options: FrancOptions = {}): FrancTuple[] {
  const only = options.only ?? [];
  const ignore = options.ignore ?? [];
  const minLength = options.minLength ?? MIN_LENGTH;
  if (!value || value.length < minLength) return und();
  value = value.slice(0, FRANC_MAX_LENGTH);
  const [script, share] = topScript(value);
  if (!script || !(script in data)) {
    if (!script || share === 0 || !allow(script, only, ignore)) return und();
    return [[script, 1]];
  }
  const model = modelFor(script, only, ignore);
  if (!model) return und();
  return scored(value, model);
}

/** Distances to each language of a model, normalised as franc does: best first, 1 for the best. */
function scored(value: string, model: NonNullable<ReturnType<typeof modelFor>>): FrancTuple[] {
  const dist = distances(value, model);
  const tuples: FrancTuple[] = model.languages.map((name, s) => [name, dist[s]] as FrancTuple);
  // Stable, like Array.prototype.sort, which would copy the array for its merge: a few dozen tuples at most.
  for (let i = 1; i < tuples.length; i++) {
    const t = tuples[i];
    let j = i - 1;
    while (j >= 0 && tuples[j][1] > t[1]) {
      tuples[j + 1] = tuples[j];
      j--;
    }
    tuples[j + 1] = t;
  }
  const min = tuples[0][1];
  const max = value.length * MAX_DIFFERENCE - min;
  for (const t of tuples) t[1] = 1 - (t[1] - min) / max || 0;
  return tuples;
}

/**
 * franc's scores of `value` for the languages of one script (its trigram models: Latin, Cyrillic,
 * Arabic, ...), skipping franc's own choice of script: what francAll returns when `script` is the
 * text's top script. Best first, 1 for the best; [] when the selection leaves no language there.
 */
export function francScores(value: string, script: string, options: FrancOptions = {}): FrancTuple[] {
  if (!(script in data) || !value) return [];
  value = value.slice(0, FRANC_MAX_LENGTH);
  const model = modelFor(script, options.only ?? [], options.ignore ?? []);
  if (!model) return [];
  return scored(value, model);
}

/**
 * The trigram models franc holds for a script, by franc's language code: each a string of trigrams,
 * commonest first, separated by "|". Undefined for a script franc names without models.
 */
export function trigramModels(script: string): Readonly<Record<string, string>> | undefined {
  return (data as Record<string, Record<string, string>>)[script];
}
