/** The garbled-passage rules, in the order they run. */
import type { Rule } from '../../engine/rule';
import boilerplate from './boilerplate';
import controlCharacter from './control-character';
import detachedHyphen from './detached-hyphen';
import duplicateLine from './duplicate-line';
import gibberish from './gibberish';
import markupDebris from './markup-debris';
import mojibake from './mojibake';
import orphanHeadings from './orphan-headings';
import stutter from './stutter';
import tableDebris from './table-debris';
import wrongLanguage from './wrong-language';

export const garbledRules: Rule[] = [
  mojibake,
  controlCharacter,
  markupDebris,
  tableDebris,
  boilerplate,
  duplicateLine,
  orphanHeadings,
  wrongLanguage,
  stutter,
  detachedHyphen,
  gibberish,
];
