import { defineRule } from '../../engine/rule';
import { reportFigures, SOURCE_MARKER } from './shared/figures';

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
  docs: `News figures (casualties, troops, money, shares) need a source in the same sentence: a reporting
verb (\`tha\`, \`disse\`, \`sagde\`, \`said\`, \`estimated\`), a prepositional source (\`sipas\`, \`de acordo com\`,
\`ifølge\`, \`according to\`), a quote with its speaker, or a headline-style source before a colon
(\`Inteligjenca e Koresë së Jugut: Janë dërguar 3 mijë ushtarë\`).

**A figure** is a numeral in any local form (\`1.500\`, \`3,000\`, \`12 000\`, \`2,5\`, \`40%\`, \`€3 mia.\`,
\`$2 billion\`), a large-quantity number word (\`mijë\`, \`miliona\`, \`milhões\`, \`millioner\`, \`Tausende\`,
\`thousands\`) or a spelled number with its number word (\`otte millioner\`). Not figures: dates
(\`28 tetor\`, \`24 shkurt të vitit 2022\`, \`august 2022\`, \`2024-10-28\`), years (a plain four-digit number
from 1800 to 2100, or a number next to a year word), times, ordinals (\`2nd\`, \`5. plads\`), codes (\`F-16\`,
\`G20\`), article and section numbers (a number after a reference word such as \`article\`, \`nr.\`, \`§\`),
numbers to call (after a dial verb or an emergency line: \`Ring 112\`, \`call 911\`, \`telefononi 112\`), the
rest of a list of references (\`nr. 5 og 6\`, \`call 911 or 999\`, \`side 77 af 83\`: short plain numbers only),
versions, phone numbers, temperatures, and plain counts below \`minimumCount\` (\`dy shtetet\`).

The cue words, number words, month names and reference words come from the document language's data
file, and from the paragraph's own language when a paragraph is in another language. For a language
with no data file, digits are still found, and quotes with speakers and colon sources still count.
A sentence ends at \`.\` \`!\` \`?\` \`…\` before a capital, a digit, a quote or a letter of a script without
capitals, at \`।\` \`؟\` \`۔\` \`።\` and the like, and at the CJK \`。\` \`！\` \`？\`. Sentences inside one quotation are
read as one, so a multi-sentence quote followed by \`tha Austin\` is attributed.

**Option** \`minimumCount\` (default 10): plain counts below it are not figures.

**Fixes** (unsafe, offered in the editor only): insert a \`${SOURCE_MARKER}\` marker after the figure; a figure
followed by the marker is not reported again. "Mark as reviewed" records the finding in
\`.seedlint-reviewed.json\` without touching the text.`,
  checkParagraph(paragraph, context) {
    reportFigures(paragraph, context, 'none', 'noSource', (figure) => ({ figure: figure.text }));
  },
});
