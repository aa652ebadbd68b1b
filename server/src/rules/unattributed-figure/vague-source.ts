import { defineRule } from '../../engine/rule';
import { reportFigures, SOURCE_MARKER } from './shared/figures';

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
  docs: `A passive or vague source does not attribute a figure: \`siges det\`, \`it is said\`, \`reportedly\`,
\`thuhet\`, \`diz-se\`, \`angeblich\`, \`podobno\`, \`якобы\`. When such a phrase is in the sentence it wins over
other cues: \`I henhold til de seneste fund siges det, at 1.500 soldater …\` ("according to the latest
findings it is said") still names nobody.

What counts as a figure is described in [unattributed-figure/no-source](no-source.md); the vague phrases of
each language are in its data file (\`attribution.vague\`).

**Option** \`minimumCount\` (default 10), as for no-source.

**Fixes** (unsafe, editor only): insert a \`${SOURCE_MARKER}\` marker after the figure; "Mark as reviewed".`,
  checkParagraph(paragraph, context) {
    reportFigures(paragraph, context, 'vague', 'vague', (figure, attribution) => ({ figure: figure.text, cue: attribution.kind === 'vague' ? attribution.cue : '' }));
  },
});
