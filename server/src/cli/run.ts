/** Running the files of a setup: in this thread for now (workers and the cache come with the benchmark). */
import type { CliIo, Setup } from '../cli';
import { processFile } from '../cli';
import type { FileResult } from './results';

export async function runFiles(s: Setup, io: CliIo): Promise<FileResult[]> {
  return s.files.map((f) => processFile(f, s, io.now));
}
