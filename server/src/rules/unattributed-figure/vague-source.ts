import { defineRule } from '../../engine/rule';
import { reportFigures } from './shared/figures';
import docs from './vague-source.md';

export default defineRule({
  meta: {
    id: 'unattributed-figure/vague-source',
    category: 'unattributed-figure',
    defaultSeverity: 'warning',
    description: 'A figure whose only source is vague or passive ("it is said", "siges det").',
    fixable: true,
    defaultOptions: { minimumCount: 10 },
    messages: {
      vague: 'The figure “{figure}” has only a vague source (“{cue}”): name who says so.',
    },
  },
  docs,
  checkParagraph(paragraph, context) {
    reportFigures(paragraph, context, 'vague', 'vague', (figure, attribution) => ({ figure: figure.text, cue: attribution.kind === 'vague' ? attribution.cue : '' }));
  },
});
