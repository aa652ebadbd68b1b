/** Every rule that ships, in the order they run and are documented. */
import type { Rule } from '../engine/rule';
import dateDuplicate from './date-header/duplicate';
import dateFuture from './date-header/future';
import dateGlued from './date-header/glued';
import dateInvalid from './date-header/invalid-date';
import dateKeyword from './date-header/keyword';
import dateMissing from './date-header/missing';
import dateMonthPrecision from './date-header/month-precision';
import dateNonIso from './date-header/non-iso';
import dateWhitespace from './date-header/whitespace';
import { garbledRules } from './garbled/index';
import { figureRules } from './unattributed-figure/index';

export const allRules: Rule[] = [
  dateMissing,
  dateWhitespace,
  dateGlued,
  dateKeyword,
  dateNonIso,
  dateInvalid,
  dateMonthPrecision,
  dateFuture,
  dateDuplicate,
  ...figureRules,
  ...garbledRules,
];
