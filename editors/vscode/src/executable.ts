/**
 * Finding `nianbao` for the extension: pure (the file system and the environment are passed in),
 * so the unit tests in the project's vitest run can drive it (test/vscode-extension.test.ts).
 */
import path from 'node:path';

/** How to run nianbao: a program and the arguments that come before nianbao's own. */
export interface Invocation {
  readonly command: string;
  readonly args: readonly string[];
  /** Windows `.cmd`/`.bat` shims run only through the shell (Node refuses them otherwise). */
  readonly shell: boolean;
  /** Where it was found, for the status bar and the output channel. */
  readonly source: 'setting' | 'workspace' | 'clone' | 'path';
  /** The file that was found. */
  readonly file: string;
}

export interface NotFound {
  readonly error: string;
  readonly hint: string;
}

export interface Lookup {
  /** The `nianbao.path` setting ('' when unset). */
  readonly setting: string;
  /** Workspace folders, as file paths. */
  readonly workspaceFolders: readonly string[];
  /** The report that asked for the server, as a file path. */
  readonly document?: string;
  /** process.env.PATH and, on Windows, PATHEXT. */
  readonly env: { readonly PATH?: string; readonly Path?: string; readonly PATHEXT?: string };
  readonly platform: NodeJS.Platform;
  readonly home: string;
  readonly isFile: (file: string) => boolean;
  readonly readText: (file: string) => string | undefined;
}

const SCRIPT = /\.(?:c|m)?js$/i;

/** A file to run: a script through `node` (node on PATH: nianbao needs Node ≥ 20), a shim through the shell on Windows. */
function invocation(file: string, source: Invocation['source'], platform: NodeJS.Platform): Invocation {
  if (SCRIPT.test(file)) return { command: 'node', args: [file], shell: false, source, file };
  return { command: file, args: [], shell: platform === 'win32' && /\.(?:cmd|bat)$/i.test(file), source, file };
}

/** The folder and each one above it, nearest first (where npx looks for a local install). */
function ancestors(dir: string, p: path.PlatformPath): string[] {
  const out: string[] = [];
  for (let at = dir; ; at = p.dirname(at)) {
    out.push(at);
    if (p.dirname(at) === at) return out;
  }
}

/** nianbao installed in a folder's node_modules, or the folder being a clone of nianbao itself. */
function inFolder(dir: string, lookup: Lookup, p: path.PlatformPath): Invocation | undefined {
  // On Windows node_modules/.bin holds a .cmd shim; the script it runs needs no shell.
  const installed = lookup.platform === 'win32' ? p.join(dir, 'node_modules', 'nianbao', 'bin', 'nianbao.js') : p.join(dir, 'node_modules', '.bin', 'nianbao');
  if (lookup.isFile(installed)) return invocation(installed, 'workspace', lookup.platform);
  // The README's way: `npx nianbao …` from the clone, which runs the clone's own bin.
  const bin = p.join(dir, 'bin', 'nianbao.js');
  if (lookup.isFile(bin)) {
    try {
      if ((JSON.parse(lookup.readText(p.join(dir, 'package.json')) ?? '{}') as { name?: unknown }).name === 'nianbao') return invocation(bin, 'clone', lookup.platform);
    } catch {
      // not a package.json we can read: not the clone
    }
  }
  return undefined;
}

function onPath(lookup: Lookup, p: path.PlatformPath): Invocation | undefined {
  const dirs = (lookup.env.PATH ?? lookup.env.Path ?? '').split(p.delimiter).filter((d) => d !== '');
  const names = lookup.platform === 'win32' ? (lookup.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((e) => e !== '').map((e) => `nianbao${e.toLowerCase()}`) : ['nianbao'];
  for (const dir of dirs) {
    for (const name of names) {
      const file = p.join(dir, name);
      if (!lookup.isFile(file)) continue;
      // npm's global shim on Windows sits beside node_modules/nianbao: run its script without a shell.
      const script = p.join(dir, 'node_modules', 'nianbao', 'bin', 'nianbao.js');
      if (lookup.platform === 'win32' && /\.(?:cmd|bat)$/i.test(name) && lookup.isFile(script)) return invocation(script, 'path', lookup.platform);
      return invocation(file, 'path', lookup.platform);
    }
  }
  return undefined;
}

/**
 * The setting (relative to the first workspace folder, `~` for home; a wrong one is an error, not
 * a silent fall-back), then a local install or clone in the report's folder or above it, then in
 * each workspace folder, then PATH.
 */
export function findNianbao(lookup: Lookup): Invocation | NotFound {
  const p = lookup.platform === 'win32' ? path.win32 : path.posix;
  const setting = lookup.setting.trim();
  if (setting !== '') {
    const expanded = setting === '~' || /^~[\\/]/.test(setting) ? p.join(lookup.home, setting.slice(1)) : setting;
    const file = p.isAbsolute(expanded) ? expanded : p.resolve(lookup.workspaceFolders[0] ?? lookup.home, expanded);
    if (lookup.isFile(file)) return invocation(file, 'setting', lookup.platform);
    return { error: `设置 nianbao.path 指向的“${file}”不存在或不是文件`, hint: '改正设置，或清空它，让扩展在工作区的 node_modules 和 PATH 里找 nianbao' };
  }
  const folders = [...(lookup.document ? ancestors(p.dirname(lookup.document), p) : []), ...lookup.workspaceFolders];
  for (const dir of new Set(folders)) {
    const found = inFolder(dir, lookup, p);
    if (found) return found;
  }
  return (
    onPath(lookup, p) ?? {
      error: '找不到 nianbao',
      hint: '在工作区里运行 npm install nianbao（或打开 nianbao 的克隆），或者在设置 nianbao.path 里写 nianbao 的路径（如 ~/nianbao/bin/nianbao.js）',
    }
  );
}

/** Quotes an argument for cmd.exe, which the shell option hands one command line. */
function quoteForCmd(arg: string): string {
  return /^[\w./:\\-]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '""')}"`;
}

/** The command line for one nianbao command, ready for child_process.spawn. */
export function commandLine(nianbao: Invocation, args: readonly string[]): { command: string; args: string[]; shell: boolean } {
  const all = [...nianbao.args, ...args];
  if (!nianbao.shell) return { command: nianbao.command, args: all, shell: false };
  return { command: quoteForCmd(nianbao.command), args: all.map(quoteForCmd), shell: true };
}

/** `nianbao lsp --stdio`: the language server the client talks to over stdin/stdout. */
export function serverCommandLine(nianbao: Invocation): { command: string; args: string[]; shell: boolean } {
  return commandLine(nianbao, ['lsp', '--stdio']);
}
