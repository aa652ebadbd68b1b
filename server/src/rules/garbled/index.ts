/** The garbled-passage rules, in the order they run. */
import type { Rule } from '../../engine/rule';

export const garbledRules: Rule[] = [];
