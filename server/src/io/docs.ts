/** Where each rule's documentation page lives: shipped inside the package, so links work offline. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

let root: string | undefined;

/** The package root: the nearest folder above this module holding docs/rules. */
export function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'docs', 'rules'))) return (root = dir);
    dir = path.dirname(dir);
  }
  return (root = path.resolve(__dirname, '..'));
}

export function ruleDocPath(ruleId: string): string {
  return path.join(packageRoot(), 'docs', 'rules', ...ruleId.split('/')) + '.md';
}

export function ruleDocUri(ruleId: string): string {
  return pathToFileURL(ruleDocPath(ruleId)).href;
}
