/** The unattributed-figure rules, in the order they run. */
import type { Rule } from '../../engine/rule';

export const figureRules: Rule[] = [];
