/** The unattributed-figure rules, in the order they run. */
import type { Rule } from '../../engine/rule';
import noSource from './no-source';
import vagueSource from './vague-source';

export const figureRules: Rule[] = [noSource, vagueSource];
