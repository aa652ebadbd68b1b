// Rule docs are Markdown files beside their rules, imported as text: esbuild's text loader does it in
// the bundles (esbuild.mjs), this hook where sources run under tsx (tests, npm run docs).
const fs = require('node:fs');

require.extensions['.md'] = (module, filename) => {
  module.exports = fs.readFileSync(filename, 'utf8');
};
