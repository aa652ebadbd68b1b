import { defineRule } from '../../engine/rule';
import { removeLines } from './shared/line-edits';
import { isBoilerplateLine, trailingAgencyTag } from './shared/line-kinds';
import docs from './boilerplate.md';

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
  docs,
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
