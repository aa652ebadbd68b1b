/** The garbled-passage rules, one by one: what each reports, where, and what its safe fixes give. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import boilerplate from '../../server/src/rules/garbled/boilerplate';
import controlCharacter from '../../server/src/rules/garbled/control-character';
import detachedHyphen from '../../server/src/rules/garbled/detached-hyphen';
import duplicateLine from '../../server/src/rules/garbled/duplicate-line';
import gibberish, { isPlainShortWord } from '../../server/src/rules/garbled/gibberish';
import markupDebris from '../../server/src/rules/garbled/markup-debris';
import { redecodeSequence } from '../../server/src/rules/garbled/shared/cp1252';
import mojibake from '../../server/src/rules/garbled/mojibake';
import orphanHeadings from '../../server/src/rules/garbled/orphan-headings';
import stutter from '../../server/src/rules/garbled/stutter';
import tableDebris from '../../server/src/rules/garbled/table-debris';
import wrongLanguage from '../../server/src/rules/garbled/wrong-language';
import { garbledRules } from '../../server/src/rules/garbled/index';
import { findingsOf, runRuleTests } from '../helpers/ruleTester';

const H = 'date 2024-10-28\n';
/** Windows-1252's characters for bytes 0x80-0x9F; the five it leaves undefined stay C1 controls. */
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
/**
 * UTF-8 bytes read as Windows-1252, the way a misconfigured scraper reads them. Written out because
 * Node's TextDecoder('windows-1252') reads 0x80-0x9F as Latin-1 C1 controls.
 */
const misread = (s: string) => [...new TextEncoder().encode(s)].map((b) => (b >= 0x80 && b <= 0x9f ? CP1252[b - 0x80] : String.fromCharCode(b))).join('');

const PT = 'A Coreia do Norte envia tropas para a Rússia, segundo o governo da Ucrânia.';
const PT2 = 'O presidente disse que a aliança entre os dois países é uma ameaça para a segurança da região.';
const DA = 'Den militære alliance mellem Nordkorea og Rusland bliver set som en trussel mod sikkerheden i regionen.';
const DA2 = 'Præsidenten sagde, at landet ikke vil forblive passivt, mens soldaterne trænes i Rusland.';

describe('garbled rules', () => {
  it('are registered once each, with the garbled category', () => {
    const ids = garbledRules.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids.length, 11);
    for (const r of garbledRules) assert.equal(r.meta.category, 'garbled');
  });
});

runRuleTests(mojibake, {
  valid: [
    `${H}Título\nA Coréia do Norte envia cidadãos; ação à vista.\n`,
    `${H}Überschrift\nDie Straße“ endet hier und „Fuß“ auch.\n`,
    `${H}Titre\nUn café » et une crème brûlée.\n`,
    `${H}Заголовок\nСъешь же ещё этих мягких французских булок.\n`,
  ],
  invalid: [
    {
      name: 'Portuguese paragraph misread as Windows-1252',
      code: `${H}Título\n${misread('A Coréia do Norte envia cidadãos para ajudar.')}\n`,
      errors: [{ messageId: 'mojibake', line: 3, text: 'Ã©ia do Norte envia cidadÃ£' }],
      output: `${H}Título\nA Coréia do Norte envia cidadãos para ajudar.\n`,
    },
    {
      name: 'curly quote and euro sign',
      code: `${H}Title\nIt${misread('’')}s 5 ${misread('€')} now.\n`,
      errors: [{ messageId: 'mojibake', text: 'â€™s 5 â‚¬' }],
      output: `${H}Title\nIt’s 5 € now.\n`,
    },
    {
      name: 'Cyrillic, one-letter words included',
      code: `${H}Title\n${misread('Путин в Москве и Киеве')}\n`,
      errors: [{ messageId: 'mojibake', line: 3 }],
      output: `${H}Title\nПутин в Москве и Киеве\n`,
    },
    {
      name: 'a byte order mark misread inside the text is deleted',
      code: `${H}Title\n${misread('\ufeff')}A mark was misread here.\n`,
      errors: [{ messageId: 'bom', line: 3, text: 'ï»¿' }],
      output: `${H}Title\nA mark was misread here.\n`,
    },
    {
      name: 'a misread byte order mark before other damage on the line',
      code: `${H}Title\n${misread('\ufeff')}It${misread('’')}s here.\n`,
      errors: [{ messageId: 'bom', line: 3, text: 'ï»¿Itâ€™' }],
      output: `${H}Title\nIt’s here.\n`,
    },
    {
      name: 'doubly misread text is repaired in two passes',
      code: `${H}Title\nIt${misread(misread('’'))}s here.\n`,
      errors: [{ messageId: 'mojibake', text: 'Ã¢â‚¬â„¢' }],
      output: `${H}Title\nIt’s here.\n`,
    },
    {
      name: 'Windows-1252 read as Latin-1: C1 controls',
      code: `${H}Titre\nl\u0092école et l\u0092été\n`,
      errors: [{ messageId: 'latin1', text: '\u0092' }, { messageId: 'latin1', text: '\u0092' }],
      output: `${H}Titre\nl’école et l’été\n`,
    },
    { name: 'replacement character: no fix', code: `${H}Title\nThe caf\ufffd\ufffd is open.\n`, errors: [{ messageId: 'replacement', text: '\ufffd\ufffd' }] },
    { name: 'a quote that lost its last byte: unsafe fix only', code: `${H}Title\nHe said â€œyesâ€ twice.\n`, errors: [{ messageId: 'mojibake', text: 'â€œ' }, { messageId: 'incomplete', text: 'â€' }], output: `${H}Title\nHe said “yesâ€ twice.\n` },
  ],
});

runRuleTests(controlCharacter, {
  valid: [
    `${H}عنوان\nمی\u200cخواهم بروم.\n`,
    `${H}शीर्षक\nराजेश उत्\u200dसाही यहाँ है।\n`,
    `${H}Emoji\nA coder 👩\u200d💻 at work.\n`,
    `${H}כותרת\nהוא אמר \u200fשלום\u200f לכולם.\n`,
    `\ufeff${H}Title\nA byte order mark opens the text.\n`,
  ],
  invalid: [
    { name: 'zero width space inside a word', code: `${H}Title\nNorth Ko\u200brea.\n`, errors: [{ messageId: 'control', text: '\u200b' }], output: `${H}Title\nNorth Korea.\n` },
    { name: 'a run of them is one finding', code: `${H}Title\nA\u0000\u0007b.\n`, errors: [{ messageId: 'control', text: '\u0000\u0007' }], output: `${H}Title\nAb.\n` },
    { name: 'byte order mark inside the text', code: `${H}Title\nOne.\ufeff Two.\n`, errors: [{ messageId: 'control', line: 3 }], output: `${H}Title\nOne. Two.\n` },
    { name: 'right-to-left override, even in Hebrew', code: `${H}כותרת\nשלום \u202eעולם\n`, errors: [{ messageId: 'control', text: '\u202e' }], output: `${H}כותרת\nשלום עולם\n` },
    { name: 'direction mark in a left-to-right line', code: `${H}Title\nParis\u200e is big.\n`, errors: [{ messageId: 'control' }], output: `${H}Title\nParis is big.\n` },
    { name: 'joiner between Latin letters', code: `${H}Title\nSo\u200dme text.\n`, errors: [{ messageId: 'control' }], output: `${H}Title\nSome text.\n` },
  ],
});

runRuleTests(markupDebris, {
  valid: [
    `${H}Title\nThe score was 3 < 5 and 7 > 2; AT&T and R&D grew.\n`,
    `${H}Title\nVisit www.example.com for details.\n`,
    `${H}Title\nShe said <3 to her <Name> friend.\n`,
    `${H}Titel\nDet var = ikke sådan.\n`,
  ],
  invalid: [
    {
      name: 'attribute tail of seed 003',
      code: `${H}Título\nentre Moskau e Pynongy-visitysitysday-hnk"> Visita a esse tipo\n`,
      errors: [{ messageId: 'attributeTail', text: '-hnk">' }],
      output: `${H}Título\nentre Moskau e Pynongy-visitysitysday Visita a esse tipo\n`,
    },
    { name: 'block tag between sentences', code: `${H}Title\nOne.<br>Two.\n`, errors: [{ messageId: 'tag', text: '<br>' }], output: `${H}Title\nOne. Two.\n` },
    { name: 'inline tag', code: `${H}Title\nThe <b>big</b> news.\n`, errors: [{ messageId: 'tag', text: '<b>' }, { messageId: 'tag', text: '</b>' }], output: `${H}Title\nThe big news.\n` },
    {
      name: 'entities',
      code: `${H}Title\nTom&nbsp;&amp; Jerry&#8217;s &#x2019;show&#151;\n`,
      errors: [
        { messageId: 'entity', text: '&nbsp;' },
        { messageId: 'entity', text: '&amp;' },
        { messageId: 'entity', text: '&#8217;' },
        { messageId: 'entity', text: '&#x2019;' },
        { messageId: 'entity', text: '&#151;' },
      ],
      output: `${H}Title\nTom\u00a0& Jerry’s ’show—\n`,
    },
    { name: 'unknown entity-shaped debris: no fix', code: `${H}Title\n&endash; category A\n`, errors: [{ messageId: 'unknownEntity', text: '&endash;' }] },
    { name: 'a line of markup', code: `${H}Title\nText.\n<div class="share"></div><br/>\nMore.\n`, errors: [{ messageId: 'line', line: 4 }], output: `${H}Title\nText.\nMore.\n` },
    { name: 'a line that is a link', code: `${H}Title\nText.\nhttps://www.example.com/a/b.html\n`, errors: [{ messageId: 'line', line: 4 }], output: `${H}Title\nText.\n` },
    { name: 'a link inside a sentence: unsafe', code: `${H}Title\nSee https://example.com/page?id=1 for more.\n`, errors: [{ messageId: 'url', text: 'https://example.com/page?id=1 ' }] },
    { name: 'CSS rule', code: `${H}Title\nText .ad-slot{display:none} more.\n`, errors: [{ messageId: 'css', text: '.ad-slot{display:none} ' }], output: `${H}Title\nText more.\n` },
    { name: 'script line', code: `${H}Title\nText.\n(adsbygoogle = window.adsbygoogle || []).push({});\n`, errors: [{ messageId: 'line', line: 4 }], output: `${H}Title\nText.\n` },
    { name: 'script inside a sentence: unsafe', code: `${H}Title\nWords var x = 5; more words.\n`, errors: [{ messageId: 'script', text: 'var x = 5; ' }] },
    { name: 'MediaWiki converter markup', code: `${H}Наслов\nВисина од 185 -{m}-, а минималној 165 -{m}-.\n`, errors: [{ messageId: 'wiki', text: '-{m}-' }, { messageId: 'wiki', text: '-{m}-' }], output: `${H}Наслов\nВисина од 185 m, а минималној 165 m.\n` },
  ],
});

runRuleTests(tableDebris, {
  valid: [`${H}Title\nA | B is a choice.\n`, `${H}Title\nOne.\n-----\nTwo.\n`],
  invalid: [
    {
      name: 'table of seed 004',
      code: `${H}Title\nText.\nDetails | |\n---|---|\nOrt | Kursk, Russland |\nQuellen |\nKommentare (0)`,
      errors: [{ messageId: 'table', line: 4, text: 'Details | |\n---|---|\nOrt | Kursk, Russland |\nQuellen |' }],
      output: `${H}Title\nText.\nKommentare (0)`,
    },
    { name: 'ASCII table at the end, without a final line break', code: `${H}Title\nText.\n+----+\n| a  |\n+----+`, errors: [{ messageId: 'table', line: 4 }], output: `${H}Title\nText.` },
    { name: 'blank line inside a block', code: `${H}Title\nText.\n| a | b |\n\n| c | d |\nEnd.\n`, errors: [{ messageId: 'table', line: 4 }], output: `${H}Title\nText.\nEnd.\n` },
  ],
});

runRuleTests(boilerplate, {
  valid: [`${H}Title\nHe left the comments section of the site.\n`, `${H}Title\nThe report came from Agence France-Presse (AFP)\n`, `${H}Title\nSpeaking to Reuters, he said so.\n`],
  invalid: [
    { name: 'comment counter, any language', code: `${H}Título\nTexto.\nKommentare (0)`, errors: [{ messageId: 'line', text: 'Kommentare (0)' }], output: `${H}Título\nTexto.` },
    { name: 'share line in the middle', code: `${H}Titel\nTekst.\nDel på Facebook\nMere tekst.\n`, errors: [{ messageId: 'line', line: 4 }], output: `${H}Titel\nTekst.\nMere tekst.\n` },
    { name: 'slashed agency tag of seed 001', code: `${H}Titulli\nmiliona të tjerë janë zhvendosur nga shtëpitë e tyre. /REL/`, errors: [{ messageId: 'agencyTag', text: ' /REL/' }], output: `${H}Titulli\nmiliona të tjerë janë zhvendosur nga shtëpitë e tyre.` },
    { name: 'bracketed tag after a sentence', code: `${H}Title\nTalks ended. (dpa/Reuters)\n`, errors: [{ messageId: 'agencyTag', text: ' (dpa/Reuters)' }], output: `${H}Title\nTalks ended.\n` },
    { name: 'a tag alone on its line', code: `${H}Title\nTalks ended.\n(AFP)\n`, errors: [{ messageId: 'line', line: 4 }], output: `${H}Title\nTalks ended.\n` },
  ],
});

runRuleTests(duplicateLine, {
  valid: [`${H}Short\nShort\nA longer sentence that is here once.\n`, `${H}Title of the article here\nBody text.\n`],
  invalid: [
    {
      name: 'title twice, no header (seed 004)',
      code: 'Rusland bekræfter: Nordkoreanske soldater kæmper i Ukraine!\nRusland bekræfter: Nordkoreanske soldater kæmper i Ukraine!\nTekst.\n',
      errors: [{ messageId: 'duplicate', line: 2 }],
      output: 'Rusland bekræfter: Nordkoreanske soldater kæmper i Ukraine!\nTekst.\n',
    },
    { name: 'spacing differs', code: `${H}The  title of the article\nThe title of the article\n`, errors: [{ messageId: 'duplicate', line: 3 }], output: `${H}The  title of the article\n` },
    { name: 'case differs: unsafe', code: `${H}The title of the article\nTHE TITLE OF THE ARTICLE\n`, errors: [{ messageId: 'duplicateCase', line: 3 }] },
    { name: 'a paragraph repeated later, CRLF', code: `${H}Title\r\n${PT}\r\n${PT2}\r\n${PT}\r\n`, errors: [{ messageId: 'duplicate', line: 5 }], output: `${H}Title\r\n${PT}\r\n${PT2}\r\n` },
  ],
});

runRuleTests(stutter, {
  valid: [
    `${H}Titel\nDie Frau, die die Stadt kennt, kam.\n`,
    `${H}Title\nHe said that that was all he had had.\n`,
    `${H}Başlık\nÇocuklar okula tek tek geldi ve sınıfta yavaş yavaş yerlerine oturdu. Öğretmen de onları bekliyordu ve herkese güler yüzle merhaba dedi.\n`,
    `${H}Titel\nBor I i København?\n`,
    `${H}Title\nThey danced the Can Can all night.\n`,
    `${H}Titlu\nPreturile cresc de la an la an in tara.\n`,
    `${H}Title\nMinutes (1995), minutes (1995), newsletters.\n`,
  ],
  invalid: [
    { name: 'the the', code: `${H}Title\nHe saw the the house.\n`, errors: [{ messageId: 'word', text: 'the the' }], output: `${H}Title\nHe saw the house.\n` },
    { name: 'de de in Portuguese', code: `${H}Título\n${PT2.replace('segurança da', 'segurança de de')}\n`, errors: [{ messageId: 'word', text: 'de de' }], output: `${H}Título\n${PT2.replace('segurança da', 'segurança de')}\n` },
    { name: 'sentence-initial The the', code: `${H}Title\nThe the house stood.\n`, errors: [{ messageId: 'word', text: 'The the' }], output: `${H}Title\nThe house stood.\n` },
    { name: 'a content word: unsafe', code: `${H}Title\nArtimiausias rungtynes žais kovo kovo 26 dieną.\n`, errors: [{ messageId: 'word', text: 'kovo kovo' }] },
    { name: 'a phrase: unsafe', code: `${H}Title\nWe went in the in the house.\n`, errors: [{ messageId: 'phrase', text: 'in the in the' }] },
    { name: 'three copies, one finding', code: `${H}Title\nIt was the the the end.\n`, errors: [{ messageId: 'word', text: 'the the the' }], output: `${H}Title\nIt was the end.\n` },
  ],
});

runRuleTests(detachedHyphen, {
  valid: [
    `${H}Título\nCNN - A Coréia do Norte envia tropas.\n`,
    `${H}Title\nTemperatures of -5 degrees.\n`,
    `${H}Title\n- a list item\n`,
    `${H}Otsikko\nEräissä seurakuntataloissa ja -kodeissa kulut vaihtelivat.\n`,
    `${H}Títol\nEstem citats -ha dit- a un debat.\n`,
    `${H}Title\nThe army -which had waited- moved on.\n`,
  ],
  invalid: [
    {
      name: 'seed 004: names before the hyphen',
      code: `${H}Titel\nbrugen af soldater i Ukraine -konflikten og Kursk -regionen.\n`,
      errors: [{ messageId: 'detached', text: 'Ukraine -konflikten' }, { messageId: 'detached', text: 'Kursk -regionen' }],
      output: `${H}Titel\nbrugen af soldater i Ukraine-konflikten og Kursk-regionen.\n`,
    },
    {
      name: 'seed 003: a listed first part, and one the document hyphenates elsewhere',
      code: `${H}Título\nNa quinta -feira, militares norte -coreanos chegaram; os norte-coreanos ficaram.\n`,
      errors: [{ messageId: 'detached', text: 'quinta -feira' }, { messageId: 'detached', text: 'norte -coreanos' }],
      output: `${H}Título\nNa quinta-feira, militares norte-coreanos chegaram; os norte-coreanos ficaram.\n`,
    },
    { name: 'a lower-case word before the hyphen: unsafe', code: `${H}Заглавие\nНе са виновни други националности -просто българите.\n`, errors: [{ messageId: 'detached', text: 'националности -просто' }] },
    { name: 'Devanagari word ending in a vowel sign', code: `${H}शीर्षक\nअन्य देवी -देवताओं का आवाहन करें।\n`, errors: [{ messageId: 'detached', text: 'देवी -देवताओं' }] },
  ],
});

runRuleTests(orphanHeadings, {
  valid: [
    `${H}Title\nA heading\nIts paragraph, with a full stop.\nAnother heading\nAnother paragraph.\n`,
    `${H}Title\n- first item\n- second item\n- third item\n`,
    `${H}Title\nText.\nDetails | |\n---|---|\nQuellen |\n`,
  ],
  invalid: [
    {
      name: 'section list of seed 003',
      code: `${H}Título\nTexto.\nRelatórios sobre ajuda militar\nReações do Kremlin e Coréia do Sul\nreforço da cooperação militar\nTexto final.\n`,
      errors: [{ messageId: 'run', line: 4 }],
    },
    { name: 'blank lines between them', code: `${H}Title\nText.\n\nOne heading\n\nTwo heading\n\nThree heading\n`, errors: [{ messageId: 'run', line: 5 }] },
  ],
});

describe('garbled/orphan-headings fix', () => {
  it('offers only an unsafe deletion of the run', () => {
    const [f] = findingsOf(orphanHeadings, `${H}Title\nText.\nOne heading\nTwo heading\nThree heading\nEnd.\n`);
    assert.deepEqual(f.fixes.map((x) => x.safe), [false]);
    assert.equal(f.fixes[0].edits[0].text, '');
  });
});

runRuleTests(gibberish, {
  valid: [
    `${H}Başlık\nKarşılaşılan sorunlar çözüldü.\n`,
    `${H}Title\nThey ate couscous in Mississippi with McDonald and the iPhone team.\n`,
    `${H}Title\nA dose of 5 μg and λmax were measured; hmm.\n`,
    `${H}Title\nThe Angstschweiß of the Szczebrzeszyn crowd.\n`,
  ],
  invalid: [
    { name: 'seed 003 token', code: `${H}Título\nentre Moskau e Pynongy-visitysitysday-hnk Visita\n`, errors: [{ messageId: 'gibberish', text: 'Pynongy-visitysitysday-hnk' }] },
    { name: 'glued navigation', code: `${H}Naslov\nDomovMasažaHrbtaMasaža je tu.\n`, errors: [{ messageId: 'gibberish', text: 'DomovMasažaHrbtaMasaža' }] },
    { name: 'a syllable three times', code: `${H}Title\nThe blablablaxo word.\n`, errors: [{ messageId: 'gibberish', text: 'blablablaxo' }] },
    {
      name: 'a Latin i in a Ukrainian word: safe repair',
      code: `${H}Заголовок\nАле тут вiтцем він казав.\n`,
      errors: [{ messageId: 'mixedScripts', text: 'вiтцем' }],
      output: `${H}Заголовок\nАле тут вітцем він казав.\n`,
    },
    { name: 'half and half: no repair', code: `${H}Τίτλος\nΤο Νοva ήταν εδώ.\n`, errors: [{ messageId: 'mixedScripts', text: 'Νοva' }] },
  ],
});

/** Czech prose from the clean fixtures, and a Czech sentence written without diacritics: franc calls it Slovenian. */
const CS = fs.readFileSync(path.join(__dirname, '../fixtures/clean/cs.txt'), 'utf8').split('\n').slice(1, 6).join('\n');
const CS_PLAIN = 'Dalsi z pisni na albu Obscured by Clouds, ktere pramalo souviseji s obsahem filmu La Valee.';

runRuleTests(wrongLanguage, {
  valid: [
    // A quarter of its words are Czech stop words (z, na, by, s) and no other language has as many: settled without franc.
    `${H}${CS}\n${CS_PLAIN}\n${CS}\n`,
    `${H}${PT}\n${PT2} ${PT}\n`,
    `${H}${DA}\n${DA2}\nKim Jong Un\n`,
    `${H}${DA}\n${DA2} Filmen hedder "A Boy and His Dog" på engelsk.\n`,
    `${H}${DA}\nNordmændene sagde, at de vil komme igen næste år, og at det var en god tur for alle.\n`,
  ],
  invalid: [
    {
      name: 'English heading in Danish (seed 004)',
      code: `${H}${DA}\n${DA2}\nBrotherhood of Arms\n${DA}\n`,
      errors: [{ messageId: 'sentence', text: 'Brotherhood of Arms', line: 4 }],
    },
    {
      name: 'English splice at the end of a Portuguese sentence (seed 003)',
      code: `${H}${PT}\n${PT2} Vários governos acusaram Moscou de fornecer uma afirmação em ucraine reject thes transfers.\n`,
      errors: [{ messageId: 'passage', text: 'ucraine reject thes transfers' }],
    },
    {
      name: 'a whole English sentence in a Portuguese paragraph',
      code: `${H}${PT}\n${PT2} The government said on Monday that the troops would be withdrawn from the border within weeks.\n`,
      errors: [{ messageId: 'sentence', text: 'The government said on Monday that the troops would be withdrawn from the border within weeks.' }],
    },
    {
      name: 'a Cyrillic phrase in a Latin-script article',
      code: `${H}${DA}\n${DA2} Han sagde på pressemødet i går, at de ville fortsætte kampen: мы будем бороться до конца.\n`,
      errors: [{ messageId: 'script', text: 'мы будем бороться до конца' }],
    },
    {
      // Danish letters rule out every Latin-script language, but franc scores this with its Devanagari models.
      name: 'a Hindi sentence glued to a Danish one with æ and ø',
      code: `${H}${DA}\n${DA2} Det vil afhjælpe en række af de problemer, Hørsholm oplever ved kraftig nedbør, दूसरा विश्व युद्ध एक ज़माने तक पूँजीवादियों की आपसी लड़ाई थी, पर जैसे ही रूस पर हमला हुआ।\n`,
      errors: [{ messageId: 'sentence', text: 'Det vil afhjælpe en række af de problemer, Hørsholm oplever ved kraftig nedbør, दूसरा विश्व युद्ध एक ज़माने तक पूँजीवादियों की आपसी लड़ाई थी, पर जैसे ही रूस पर हमला हुआ।' }],
    },
    {
      // A sentence may start with a letter of a script without capitals: the Hindi one is a sentence of its own.
      name: 'a Hindi sentence after a Danish one',
      code: `${H}${DA}\n${DA2} Det vil afhjælpe en række af de problemer, Hørsholm oplever ved kraftig nedbør. दूसरा विश्व युद्ध एक ज़माने तक पूँजीवादियों की आपसी लड़ाई थी, पर जैसे ही रूस पर हमला हुआ।\n`,
      errors: [{ messageId: 'script', text: 'दूसरा विश्व युद्ध एक ज़माने तक पूँजीवादियों की आपसी लड़ाई थी, पर जैसे ही रूस पर हमला हुआ।' }],
    },
  ],
});

describe('garbled/gibberish reads short words in place', () => {
  it('isPlainShortWord is neither of the two regular expressions it replaces, on every code unit', () => {
    for (let c = 0; c < 0x10000; c++) {
      const t = `ab${String.fromCharCode(c)}c`;
      assert.equal(isPlainShortWord(t, 1, 4), !/['’\-‐.]/.test(t.slice(1, 4)) && !/[\u0370-\u052f]/.test(t.slice(1, 4)), `U+${c.toString(16)}`);
    }
  });
});

describe('garbled/mojibake decodes sequences by hand', () => {
  // Non-fatal, so that the oracle throws nothing (a million exceptions took 20 s); ignoreBOM keeps a decoded U+FEFF.
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
  /** The one character the WHATWG decoder reads from `bytes`, or undefined when they are not exactly one valid character. */
  const reference = (bytes: number[]) => {
    const decoded = lenient.decode(Uint8Array.from(bytes));
    if ([...decoded].length !== 1) return undefined;
    // U+FFFD stands for invalid bytes, unless the bytes are its own encoding.
    return decoded !== '\ufffd' || (bytes.length === 3 && bytes[0] === 0xef && bytes[1] === 0xbf && bytes[2] === 0xbd) ? decoded : undefined;
  };
  /** Bytes as the Latin-1 characters a misread file shows (each code unit is its own byte). */
  const latin1 = (bytes: number[]) => String.fromCharCode(...bytes);
  const check = (bytes: number[]) => {
    const got = redecodeSequence(`x${latin1(bytes)}y`, 1, bytes.length);
    assert.equal(got, reference(bytes), bytes.map((b) => b.toString(16)).join(' '));
  };
  /** Values at every boundary of a continuation byte's range (80-BF) and of the narrower second-byte ranges. */
  const edges = [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff];

  it('agrees with TextDecoder on every two-byte sequence', () => {
    for (let a = 0; a < 256; a++) for (let b = 0; b < 256; b++) check([a, b]);
  });

  it('agrees with TextDecoder on three- and four-byte sequences: every lead and second byte, later bytes at every boundary', () => {
    for (let a = 0xdf; a <= 0xf0; a++) for (let b = 0; b < 256; b++) for (const c of edges) check([a, b, c]);
    for (let a = 0xef; a <= 0xf5; a++) for (let b = 0; b < 256; b++) for (const c of edges) for (const d of edges) check([a, b, c, d]);
  });

  it('reads the Windows-1252 characters of bytes 0x80-0x9F as those bytes, and refuses characters that stand for no byte', () => {
    assert.equal(redecodeSequence('â€™', 0, 3), '’');
    assert.equal(redecodeSequence('Ã©', 0, 2), 'é');
    assert.equal(redecodeSequence('Ã₭', 0, 2), undefined);
    assert.equal(redecodeSequence('Ã', 0, 2), undefined, 'a sequence cut short by the end of the text');
  });
});

describe('garbled/wrong-language has no fix', () => {
  it('reports without fixes (we never translate)', () => {
    const found = findingsOf(wrongLanguage, `${H}${DA}\n${DA2}\nBrotherhood of Arms\n`);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].fixes, []);
  });
});
