/** The edge where command-line inputs (files, directories, globs) become source files. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../diagnostics/usage-error.js';

export interface InputProblem {
  readonly input: string;
  readonly message: string;
  readonly hint: string;
}

export interface ResolvedInputs {
  readonly files: string[];
  readonly problems: InputProblem[];
}

const SOURCE_EXTENSIONS = ['md', 'markdown'];

/** The glob library, loaded only for a directory or a pattern (most runs name one file). */
const globbing = () => import('tinyglobby');

/** Expands each input: a file as is, a directory to the sources in it, a glob to its matches. */
export async function resolveInputs(
  inputs: readonly string[],
  cwd = process.cwd(),
): Promise<ResolvedInputs> {
  const files: string[] = [];
  const problems: InputProblem[] = [];
  for (const input of inputs) {
    const info = await stat(path.resolve(cwd, input)).catch(() => undefined);
    if (info?.isFile()) {
      files.push(input);
      continue;
    }
    const { glob, isDynamicPattern } = await globbing();
    if (!info && isDynamicPattern(input)) {
      const matches = await glob(input, { cwd, onlyFiles: true, expandDirectories: false });
      if (matches.length === 0)
        problems.push({
          input,
          message: `没有与“${input}”匹配的文件`,
          hint: '检查通配符和当前目录',
        });
      files.push(...matches.sort());
      continue;
    }
    if (!info) {
      problems.push({ input, message: `找不到文件“${input}”`, hint: '检查文件名和路径是否正确' });
    } else if (info.isDirectory()) {
      const matches = await glob(`*.{${SOURCE_EXTENSIONS.join(',')}}`, {
        cwd: path.resolve(cwd, input),
        onlyFiles: true,
      });
      if (matches.length === 0) {
        problems.push({
          input,
          message: `目录“${input}”里没有报告源文件（.md）`,
          hint: '源文件的扩展名是 .md',
        });
      }
      files.push(...matches.sort().map((m) => path.join(input, m)));
    } else {
      files.push(input);
    }
  }
  // One source named twice (`r.md ./r.md`, a file and its folder) is built once.
  const seen = new Set<string>();
  const unique = files.filter((file) => {
    const key = path.resolve(cwd, file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { files: unique, problems };
}

/** The sources the inputs name; any input that names none is a usage error. */
export async function sourcesOrFail(inputs: readonly string[]): Promise<string[]> {
  const { files, problems } = await resolveInputs(inputs);
  const first = problems[0];
  if (first) throw new UsageError(problems.map((p) => p.message).join('\n'), first.hint);
  return files;
}
