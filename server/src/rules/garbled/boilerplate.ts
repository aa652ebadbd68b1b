import { defineRule } from '../../engine/rule';
import { removeLines } from './shared/line-edits';
import { isBoilerplateLine, trailingAgencyTag } from './shared/line-kinds';

export default defineRule({
  meta: {
    id: 'garbled/boilerplate',
    category: 'garbled',
    defaultSeverity: 'warning',
    description: 'Page furniture scraped with the article: comment counters, share and subscribe lines, agency tags.',
    fixable: true,
    messages: {
      line: 'Page furniture, not article text: "{text}".',
      agencyTag: 'Agency credit tag "{tag}" at the end of the article: it is page metadata, not text.',
    },
  },
  docs: `Finds lines a scraper copied from the web page around the article:

- comment counters, share, print, subscribe, cookie and "read more" lines, in every language that has
  a data file (\`Kommentare (0)\`, \`Del på Facebook\`, \`Leia também\`). The phrases live in the \`boilerplate\`
  lists of \`server/src/languages/<lang>.json\`; a line matches when it is one of them as a whole (a
  number may stand for \`{n}\`), whatever the article's language, because sites reuse templates;
- agency credit tags that end the article: \`/REL/\`, \`/ANSA/\`, \`(AFP)\`, \`(dpa/Reuters)\`. A slashed tag of
  capitals is recognised as such; a bracketed one must name agencies from
  \`server/src/rules/garbled/shared/agency-tags.json\` and follow the end of a sentence, so a heading ending in
  "Agence France-Presse (AFP)" is left alone. A dateline at the start (\`CNN - ...\`) is not reported.

**Fix** (safe): delete a whole furniture line with its line break; for a trailing tag, delete the tag and the
space before it.

\`\`\`
Before: ... e tyre. /REL/
After:  ... e tyre.
\`\`\``,
  check({ doc, report }) {
    for (const p of doc.paragraphs) {
      if (p.line === doc.header?.line && doc.header.body) {
        // Body glued to the header: only a trailing tag can be dealt with here.
      } else if (isBoilerplateLine(doc.languages, p.text)) {
        report({
          messageId: 'line',
          data: { text: p.text.length > 60 ? `${p.text.slice(0, 57)}...` : p.text },
          start: p.start,
          end: p.end,
          fixes: [{ title: 'Delete the line', edits: [removeLines(doc, p.line, p.line)], safe: true }],
        });
        continue;
      }
      const tag = trailingAgencyTag(p.text);
      if (tag) {
        // The finding covers the space before the tag too: the fix deletes it.
        report({
          messageId: 'agencyTag',
          data: { tag: p.text.slice(tag.tagStart, tag.end) },
          start: p.start + tag.start,
          end: p.start + tag.end,
          fixes: [{ title: 'Delete the tag', edits: [{ start: p.start + tag.start, end: p.start + tag.end, text: '' }], safe: true }],
        });
      }
    }
  },
});
