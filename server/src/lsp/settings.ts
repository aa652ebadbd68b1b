/** The extension's settings (`seedlint.enable`, `seedlint.run`), asked of the client per document and cached. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver';

export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
}

export const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType' };

export function normalizeSettings(value: unknown): Settings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<Settings>;
  return { enable: v.enable !== false, run: v.run === 'onSave' ? 'onSave' : 'onType' };
}

export class SettingsStore {
  /** Whether the client answers `workspace/configuration`; else settings come with didChangeConfiguration. */
  pull = false;
  private pushed: Settings = DEFAULT_SETTINGS;
  private readonly asked = new Map<string, Promise<Settings>>();
  /** The answers that have arrived, for handlers that cannot wait for them. */
  private readonly known = new Map<string, Settings>();

  constructor(
    private readonly connection: Connection,
    private readonly workspaceFolderOf: (dir: string) => string | undefined,
  ) {}

  /** A document's settings. */
  for(uri: string): Promise<Settings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    let s = this.asked.get(uri);
    if (!s) {
      const answer = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'seedlint' }).then(normalizeSettings, () => DEFAULT_SETTINGS);
      s = answer.then((settings) => {
        if (this.asked.get(uri) === s) this.known.set(uri, settings);
        return settings;
      });
      this.asked.set(uri, s);
    }
    return s;
  }

  /** The settings already known for a document, without asking. */
  knownFor(uri: string): Settings | undefined {
    return this.pull ? this.known.get(uri) : this.pushed;
  }

  /**
   * Settings of a closed file: its workspace folder's, so that a workspace report over thousands of
   * files asks the client once per folder, not once per file.
   */
  forClosedFile(file: string): Promise<Settings> {
    const folder = this.workspaceFolderOf(path.dirname(file));
    return this.for(pathToFileURL(folder ?? file).href);
  }

  forget(uri: string): void {
    this.asked.delete(uri);
    this.known.delete(uri);
  }

  /** didChangeConfiguration: everything is asked again (or taken from the notification). */
  changed(settings: unknown): void {
    if (!this.pull) this.pushed = normalizeSettings((settings as { seedlint?: unknown } | null)?.seedlint);
    this.asked.clear();
    this.known.clear();
  }
}
