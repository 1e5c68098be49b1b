/**
 * Where a run writes, and the rule that it never writes over what it reads: every output is
 * resolved (symlinks, `..`) and compared with every input of the run and with every other output
 * before anything is built. Outputs are only ever regular files.
 */
import { constants } from 'node:fs';
import { access, lstat, mkdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { madeByNianbao } from './ours.js';
import { UsageError } from '../diagnostics/usage-error.js';
import { fileKind } from './regular.js';
import { reason } from './write.js';

export interface OutputChoice {
  /** -o: the one output file. */
  readonly out?: string;
  /** --out-dir: mirrors the sources' folders below their common folder. */
  readonly outDir?: string;
  /** --html: also the web page beside each PDF. */
  readonly html?: boolean;
  /** --docx: also the Word file beside each PDF. */
  readonly docx?: boolean;
}

export interface OutputTarget {
  readonly source: string;
  readonly pdf: string;
  readonly html?: string;
  readonly docx?: string;
}

/** What an input is to the run, as the messages name it. */
export type InputRole = '源文件' | '模板' | '字体' | '上一年的报告';

export interface RunInput {
  readonly file: string;
  readonly role: InputRole;
}

/** report.pdf → report.html */
export function htmlPath(pdf: string): string {
  return pdf.replace(/\.pdf$/i, '') + '.html';
}

/** report.pdf → report.docx */
export function docxPath(pdf: string): string {
  return pdf.replace(/\.pdf$/i, '') + '.docx';
}

/** The folder all sources share (the deepest common ancestor of their folders). */
export function commonFolder(sources: readonly string[], cwd = process.cwd()): string {
  const folders = sources.map((s) => path.dirname(path.resolve(cwd, s)).split(path.sep));
  const first = folders[0] ?? [];
  let depth = first.length;
  for (const parts of folders) {
    let same = 0;
    while (same < depth && same < parts.length && parts[same] === first[same]) same++;
    depth = same;
  }
  return first.slice(0, depth).join(path.sep) || path.sep;
}

/**
 * Each source's outputs: beside it (`report.md` → `report.pdf`), -o, or under --out-dir with the
 * sources' folders below their common folder kept (`a/r.md`, `b/r.md` → `out/a/r.pdf`,
 * `out/b/r.pdf`; sources in one folder go straight into out/).
 */
export function planOutputs(sources: readonly string[], choice: OutputChoice, cwd = process.cwd()): OutputTarget[] {
  const root = commonFolder(sources, cwd);
  return sources.map((source) => {
    const name = `${path.basename(source, path.extname(source))}.pdf`;
    const pdf = choice.out
      ? choice.out
      : choice.outDir
        ? path.join(choice.outDir, path.relative(root, path.dirname(path.resolve(cwd, source))), name)
        : path.join(path.dirname(source), name);
    return { source, pdf, ...(choice.html ? { html: htmlPath(pdf) } : {}), ...(choice.docx ? { docx: docxPath(pdf) } : {}) };
  });
}

/**
 * The file a path names as the system will open it: each existing component resolved in turn
 * (so `link/..` is the link target's parent, as the kernel sees it), the part that does not
 * exist yet appended as written.
 */
export async function physicalPath(file: string, cwd = process.cwd(), known = new Map<string, string>()): Promise<string> {
  const absolute = path.isAbsolute(file) ? file : `${cwd}${path.sep}${file}`;
  const parts = absolute.split(path.sep).filter((p) => p !== '' && p !== '.');
  let current = await realpath(path.parse(absolute).root);
  // `known`: the prefixes already resolved in this run (the sources of a batch share their folders).
  let written = path.parse(absolute).root;
  for (const [index, part] of parts.entries()) {
    written = `${written}${path.sep}${part}`; // as written: `a/..` is not `.` until resolved
    const cached = known.get(written);
    if (cached !== undefined) {
      current = cached;
      continue;
    }
    if (part === '..') current = path.dirname(current);
    else {
      const next = path.join(current, part);
      const exists = await lstat(next).then(() => true, () => false);
      if (!exists) return path.join(next, ...parts.slice(index + 1));
      current = await realpath(next).catch(() => next); // a dangling link: the link itself
    }
    known.set(written, current);
  }
  return current;
}

interface Problem {
  readonly message: string;
  readonly hint: string;
}

interface Located {
  /** As the user wrote it (for messages). */
  readonly shown: string;
  readonly physical: string;
  /** dev:ino when it exists: the same file under another name (hard link, letter case). */
  readonly inode?: string;
  readonly kind?: string;
}

/** A path as messages show it: relative when it is under the working folder, else absolute. */
function shownPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

async function locate(file: string, cwd: string, known: Map<string, string>): Promise<Located> {
  const physical = await physicalPath(file, cwd, known);
  const info = await stat(physical).catch(() => undefined);
  const kind = info ? fileKind(info) : undefined;
  return { shown: file, physical, ...(info ? { inode: `${info.dev}:${info.ino}` } : {}), ...(kind ? { kind } : {}) };
}

/** `“a”` or, when the name hides where it points, `“a”（即 /real/path）`. */
function named(place: Located, cwd: string): string {
  const plain = path.resolve(cwd, place.shown);
  return plain === place.physical ? `“${place.shown}”` : `“${place.shown}”（即 ${place.physical}）`;
}

/** The hint for an output that must move: said in terms of how it was chosen. */
function moveHint(choice: OutputChoice, target: OutputTarget): string {
  if (choice.out) return '用 -o 指定另一个文件名，例如 -o 报告.pdf';
  if (choice.outDir) return '换一个 --out-dir 目录';
  if (!/\.(md|markdown)$/i.test(target.source)) return `源文件的扩展名应为 .md：把“${target.source}”改名为 .md 文件，或用 -o 指定输出文件`;
  return '用 -o 或 --out-dir 把输出放到别处';
}

/** The existing folder an output's folder is, or would be created under; a file there is refused. */
async function folderProblem(target: string, choice: OutputChoice, cwd: string): Promise<Problem | undefined> {
  const folder = path.dirname(path.resolve(cwd, target));
  let existing = folder;
  while (!(await lstat(existing).then(() => true, () => false))) existing = path.dirname(existing);
  const info = await stat(existing).catch(() => undefined);
  const shown = shownPath(existing, cwd);
  if (choice.outDir) {
    if (info && !info.isDirectory())
      return {
        message:
          existing === path.resolve(cwd, choice.outDir)
            ? `--out-dir“${choice.outDir}”是一个${fileKind(info) ?? '文件'}，不是目录`
            : `无法创建 --out-dir“${choice.outDir}”：“${shown}”是一个${fileKind(info) ?? '文件'}，不是目录`,
        hint: '--out-dir 写一个目录（不存在会自动创建），或删去它，让 PDF 生成在源文件旁边',
      };
    return undefined;
  }
  if (existing !== folder || !info?.isDirectory())
    return {
      message: existing !== folder ? `输出文件“${target}”所在的目录“${shownPath(folder, cwd)}”不存在` : `输出文件“${target}”所在的“${shown}”不是目录`,
      hint: choice.out ? `先建好这个目录，或改用 --out-dir ${shownPath(folder, cwd)}（会自动创建）` : '检查源文件的路径',
    };
  const writable = await access(folder, constants.W_OK).then(() => true, () => false);
  return writable ? undefined : { message: `无法在目录“${shown}”里写入：没有写入权限`, hint: '换一个可写的目录：-o 或 --out-dir' };
}

/**
 * Refuses the run, before anything is built, when an output is an input (a source, a template, a
 * font, last year's report), when two outputs are one file, or when an output is anything but a
 * regular file. `inputs` may be deferred: what only a parse can tell (templates, fonts) is asked
 * for only when some output already exists, since a file still to be written cannot be an input.
 */
export async function guardOutputs(
  targets: readonly OutputTarget[],
  inputs: readonly RunInput[],
  deferredInputs: () => Promise<readonly RunInput[]>,
  choice: OutputChoice,
  cwd = process.cwd(),
): Promise<void> {
  const known = new Map<string, string>();
  const outputs = await Promise.all(
    targets.flatMap((target) =>
      [target.pdf, ...(target.html ? [target.html] : []), ...(target.docx ? [target.docx] : [])].map(async (file) => ({ target, place: await locate(file, cwd, known) })),
    ),
  );
  const problems: Problem[] = [];
  for (const { target, place } of outputs) {
    if (place.kind)
      problems.push({
        message: `输出${named(place, cwd)}是一个${place.kind}，不是普通文件：nianbao 只写普通文件，不会替换它`,
        hint: moveHint(choice, target),
      });
  }
  // Two outputs that are one file: one source's output would silently replace the other's.
  const claimed = new Map<string, (typeof outputs)[number]>();
  for (const output of outputs) {
    const { target, place } = output;
    const earlier = claimed.get(place.physical) ?? (place.inode ? claimed.get(place.inode) : undefined);
    claimed.set(place.physical, output);
    if (place.inode) claimed.set(place.inode, output);
    if (earlier && earlier.target !== target)
      problems.push({
        message: `源文件“${earlier.target.source}”和“${target.source}”都会输出到${named(place, cwd)}：后生成的会覆盖先生成的`,
        hint: choice.outDir
          ? '--out-dir 按源文件所在的目录分开存放；同一目录里的两个源文件不能同名（扩展名不同也不行）：改一个文件名'
          : '同一目录里的两个源文件不能只有扩展名不同：改一个文件名，或分开生成',
      });
  }
  const existing = outputs.filter((o) => o.place.inode !== undefined && !o.place.kind);
  const all = existing.length > 0 ? [...inputs, ...(await deferredInputs())] : inputs;
  // Many sources share one template and one set of fonts: each file is located once.
  const distinct = [...new Map(all.map((input) => [path.resolve(cwd, input.file), input])).values()];
  const located = await Promise.all(distinct.map(async (input) => ({ input, place: await locate(input.file, cwd, known) })));
  const byPhysical = new Map(located.map((l) => [l.place.physical, l]));
  const byInode = new Map(located.filter((l) => l.place.inode).map((l) => [l.place.inode, l]));
  for (const { target, place } of outputs) {
    const clash = byPhysical.get(place.physical) ?? (place.inode ? byInode.get(place.inode) : undefined);
    if (clash)
      problems.push({
        message: `输出${named(place, cwd)}就是${clash.input.role}${named(clash.place, cwd)}：生成会覆盖${clash.input.role}`,
        hint: moveHint(choice, target),
      });
    // A file of that name that nianbao did not write: the published original an imported source came from.
    else if (place.inode !== undefined && !place.kind && !(await madeByNianbao(place.physical).catch(() => true)))
      problems.push({
        message: `输出${named(place, cwd)}已经存在，但不是 nianbao 生成的（可能是导入源文件时用的原件）：生成会覆盖它`,
        hint: `${moveHint(choice, target)}；或先把原件移到别处`,
      });
  }
  const folders = new Map<string, string>(); // each output folder once: its first output
  for (const { place } of outputs) if (!place.kind && !folders.has(path.dirname(place.physical))) folders.set(path.dirname(place.physical), place.shown);
  for (const shown of folders.values()) {
    const problem = await folderProblem(shown, choice, cwd);
    if (problem) problems.push(problem);
  }
  const first = problems[0];
  if (first) throw new UsageError([...new Set(problems.map((p) => p.message))].join('\n'), first.hint);
}

/**
 * The output folders (--out-dir and the mirrored folders under it), once the run is allowed. Made
 * one level at a time from the nearest existing folder: Node's recursive mkdir never returns for
 * some paths (`/proc/self/x`).
 */
export async function makeOutputFolders(targets: readonly OutputTarget[], cwd = process.cwd()): Promise<void> {
  for (const folder of new Set(targets.map((t) => path.resolve(cwd, path.dirname(t.pdf))))) {
    const missing: string[] = [];
    let existing = folder;
    while (!(await lstat(existing).then(() => true, () => false))) {
      missing.unshift(existing);
      existing = path.dirname(existing);
    }
    for (const dir of missing) {
      await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') return; // made meanwhile (another run)
        throw new UsageError(`无法创建输出目录“${shownPath(dir, cwd)}”：${reason(error)}`, '换一个可写的目录：--out-dir');
      });
    }
  }
}
