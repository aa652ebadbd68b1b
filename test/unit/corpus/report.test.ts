import * as assert from 'node:assert/strict';
import { allRules, lintDocument, resolveConfig } from '../../../server/src/engine/index';
import { CorpusIndex, signatureOf } from '../../../server/src/corpus/index';
import { CorpusReportBuilder, linkTo, MAX_TOP_FILES, renderHtmlReport, renderMarkdownReport, type ReportMessage } from '../../../server/src/report/index';
import { documentOf, page } from './pages';

const AT = '2025-03-01T12:00:00.000Z';
const msg = (ruleId: string, line: number, level: ReportMessage['level'] = 'warning', message = `${ruleId} here`, excerpt?: string): ReportMessage => ({ ruleId, level, message, line, column: 1, excerpt });

function small(): CorpusReportBuilder {
  const b = new CorpusReportBuilder({ generatedAt: AT, root: 'news', tool: { name: 'seedlint', version: '9.9.9' }, links: { kind: 'relative', base: '../news/' } });
  b.addFile({ path: 'en/a.txt', language: 'en', messages: [msg('garbled/mojibake', 4, 'error'), msg('corpus/repeated-line', 2, 'warning', 'line in 3 files', 'Subscribe now'), msg('corpus/repeated-line', 9, 'warning', 'line in 3 files', 'Subscribe  NOW')] });
  b.addFile({ path: 'en/b.txt', language: 'en', messages: [msg('corpus/repeated-line', 3, 'warning', 'line in 3 files', 'Subscribe now')] });
  b.addFile({ path: 'de/c.txt', language: 'de', messages: [] });
  b.addFile({ path: 'de/<d>.txt', language: 'de', messages: [msg('unattributed-figure/no-source', 5, 'info', 'A figure | without <b>source</b>')] });
  b.addClusters([{ exact: true, similarity: 1, files: ['en/a.txt', 'en/b.txt'] }]);
  return b;
}

describe('the corpus report', () => {
  it('collects totals per rule, language and severity, and the files with the most findings', () => {
    const r = small().build();
    assert.deepEqual([r.files, r.filesWithFindings, r.findings], [4, 3, 5]);
    assert.deepEqual(r.severities, { error: 1, warning: 3, info: 1 });
    assert.deepEqual(r.rules.map((x) => [x.ruleId, x.category, x.findings, x.files]), [
      ['corpus/repeated-line', 'corpus', 3, 2],
      ['garbled/mojibake', 'garbled', 1, 1],
      ['unattributed-figure/no-source', 'unattributed-figure', 1, 1],
    ]);
    assert.deepEqual(r.languages.map((l) => [l.language, l.files, l.filesWithFindings, l.findings]), [['de', 2, 1, 1], ['en', 2, 2, 4]]);
    assert.deepEqual(r.topFiles.map((f) => [f.path, f.findings, f.first[0].line]), [['en/a.txt', 3, 2], ['de/<d>.txt', 1, 5], ['en/b.txt', 1, 3]]);
    // A line counts once per file, under the rule's normalisation.
    assert.deepEqual(r.repeatedLines.map((x) => [x.text, x.files, x.example.path, x.example.line]), [['Subscribe now', 2, 'en/a.txt', 2]]);
    assert.equal(r.clusterCount, 1);
  });

  it('keeps only the top files however many come', () => {
    const b = new CorpusReportBuilder({ generatedAt: AT, root: 'big' });
    for (let i = 0; i < 5000; i++) b.addFile({ path: `f${i}.txt`, language: 'en', messages: Array.from({ length: i % 97 }, (_, k) => msg('garbled/stutter', k + 1)) });
    const r = b.build();
    assert.equal(r.topFiles.length, MAX_TOP_FILES);
    assert.ok(r.topFiles.every((f) => f.findings === 96));
    assert.equal(r.files, 5000);
  });

  it('links into VS Code or relative to the report, encoding what needs it', () => {
    assert.equal(linkTo({ kind: 'vscode', root: '/home/ed/my corpus' }, 'de/a b.txt', 3, 7), 'vscode://file/home/ed/my%20corpus/de/a%20b.txt:3:7');
    assert.equal(linkTo({ kind: 'vscode', root: 'C:\\corpora\\news' }, 'x.txt', 1, 1), 'vscode://file/C:/corpora/news/x.txt:1:1');
    assert.equal(linkTo({ kind: 'relative', base: '../news/' }, 'de/#1.txt'), '../news/de/%231.txt');
    assert.equal(linkTo({ kind: 'none' }, 'x.txt'), undefined);
  });

  describe('as HTML', () => {
    const html = renderHtmlReport(small().build());

    it('is one self-contained page: no script, no external resource, a policy that allows none', () => {
      assert.match(html, /^<!DOCTYPE html>/);
      assert.doesNotMatch(html, /<script|<link|<img|<iframe|@import|url\(/i);
      assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i);
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);
    });

    it('shows the totals, a bar per rule and per language, the language mix, files, repeated lines and clusters', () => {
      for (const id of ['rules', 'languages', 'mix', 'files', 'repeated', 'clusters']) assert.match(html, new RegExp(`<section id="${id}">`));
      assert.match(html, /<div class="value">5<\/div><div class="label">findings<\/div>/);
      assert.match(html, /<div class="value">3 <small>\(75 %\)<\/small><\/div><div class="label">files with findings<\/div>/);
      // The longest rule bar fills the width; the others are in proportion, split by severity.
      assert.match(html, /<rect class="warning" x="0\.0" y="0" width="360\.0" height="14"><title>3 warnings of corpus\/repeated-line<\/title><\/rect>/);
      assert.match(html, /<rect class="error" x="0\.0" y="0" width="120\.0" height="14"><title>1 error of garbled\/mojibake<\/title><\/rect>/);
      assert.match(html, /<th scope="row">German \(de\)<\/th><td class="num">2<\/td><td class="num">1<\/td><td class="num">0\.50<\/td>/);
      assert.match(html, /<li><span class="key lang1"><\/span>English \(en\) <span class="count">2 \(50 %\)<\/span><\/li>/);
      assert.match(html, /<a href="\.\.\/news\/en\/a\.txt" class="loc">en\/a\.txt:2<\/a>/);
      assert.match(html, /<q>Subscribe now<\/q><\/td><td class="num">2<\/td>/);
      assert.match(html, /<span class="badge exact">exact copies<\/span> <span class="count">2 files<\/span>/);
    });

    it('escapes what files and messages hold', () => {
      assert.match(html, /de\/&lt;d&gt;\.txt:5/);
      assert.match(html, /A figure \| without &lt;b&gt;source&lt;\/b&gt;/);
      assert.doesNotMatch(html, /<d>|<b>source/);
    });

    it('says so when there is nothing to show', () => {
      const empty = renderHtmlReport(new CorpusReportBuilder({ generatedAt: AT, root: 'empty' }).build());
      assert.match(empty, /<p class="empty">No findings\.<\/p>/);
      assert.match(empty, /<p class="empty">No exact copies or near-duplicates\.<\/p>/);
    });
  });

  describe('as Markdown', () => {
    const md = renderMarkdownReport(small().build());

    it('sums up in a sentence and short tables', () => {
      assert.equal(md.split('\n')[0], '## Corpus report: `news`');
      assert.match(md, /^\*\*5\*\* findings in \*\*3\*\* of 4 files \(1 error, 3 warnings, 1 info\); 2 languages; 1 duplicate cluster\.$/m);
      assert.match(md, /^\| `corpus\/repeated-line` \| 3 \| 2 \| █{20} \|$/m);
      assert.match(md, /^\| `garbled\/mojibake` \| 1 \| 1 \| █{7} \|$/m);
      assert.match(md, /^\| German \(de\) \| 2 \| 1 \| 0\.50 \| █{20} \|$/m);
      assert.match(md, /^\| \[en\/a\.txt:2\]\(\.\.\/news\/en\/a\.txt\) \| 3 \| `corpus\/repeated-line` line in 3 files \|$/m);
      assert.match(md, /^- exact copies: \[en\/a\.txt\]\(\.\.\/news\/en\/a\.txt\), \[en\/b\.txt\]\(\.\.\/news\/en\/b\.txt\)$/m);
    });

    it('escapes table pipes and markup in messages and paths', () => {
      assert.match(md, /A figure \\\| without \\<b\\>source\\<\/b\\>/);
      assert.match(md, /\[de\/\\<d\\>\.txt:5\]/);
    });
  });

  it('renders a real corpus: the pages linted, then the corpus pass', () => {
    const config = resolveConfig({}, allRules);
    const names = ['138_zh_bbc-chinese.txt', '253_zh_chinese-html-1.txt', '200_pl_sprzeciw-wobec-atakow-na-fun.txt', '228_es_losandes-com-mendoza.txt', '251_de_thebigbone-wordpress-com-ueb.txt', '262_es_critical-com-pa-amador.txt', '173_en_guardian-1.txt'];
    const index = new CorpusIndex();
    const docs = new Map(names.map((n) => [n, documentOf(page(n))]));
    for (const [n, d] of docs) index.set(n, signatureOf(d));
    const builder = new CorpusReportBuilder({ generatedAt: AT, root: 'fixtures', links: { kind: 'vscode', root: '/corpus' } });
    for (const [n, doc] of docs) {
      const messages: ReportMessage[] = lintDocument(doc, config, { now: new Date(AT) }).findings.map((f) => {
        const p = doc.lineIndex.positionAt(f.start);
        return { ruleId: f.ruleId, category: f.category, level: f.severity, message: f.message, line: p.line + 1, column: p.character + 1 };
      });
      for (const f of index.findingsFor(n)) messages.push({ ruleId: f.ruleId, category: f.category, level: f.severity, message: f.message, line: f.range.line + 1, column: f.range.character + 1, excerpt: doc.text.slice(f.start, f.end) });
      builder.addFile({ path: n, language: doc.language, messages });
    }
    builder.addClusters(index.clusters());
    const report = builder.build();
    assert.deepEqual(report.clusters, [{ exact: true, similarity: 1, files: ['138_zh_bbc-chinese.txt', '253_zh_chinese-html-1.txt'] }]);
    assert.deepEqual(report.repeatedLines.map((r) => [r.text, r.files]), [['* Facebook', 4], ['* Twitter', 4]]);
    assert.deepEqual(report.languages.map((l) => l.language).sort(), ['de', 'en', 'es', 'pl', 'zh']);
    const html = renderHtmlReport(report);
    assert.match(html, /<a href="vscode:\/\/file\/corpus\/138_zh_bbc-chinese\.txt:1:1" class="loc">138_zh_bbc-chinese\.txt:1<\/a>/);
    assert.match(html, /Chinese \(zh\)/);
  });
});
