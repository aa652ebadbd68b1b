import { defineRule } from '../../engine/rule';
import { reportFigures } from './shared/figures';
import docs from './no-source.md';

export default defineRule({
  meta: {
    id: 'unattributed-figure/no-source',
    category: 'unattributed-figure',
    defaultSeverity: 'warning',
    description: 'A figure is stated with no source in its sentence.',
    fixable: true,
    defaultOptions: { minimumCount: 10 },
    messages: {
      noSource: 'The figure “{figure}” has no source: its sentence names none.',
    },
  },
  docs,
  checkParagraph(paragraph, context) {
    reportFigures(paragraph, context, 'none', 'noSource', (figure) => ({ figure: figure.text }));
  },
});
