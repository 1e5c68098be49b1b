/**
 * Last year's report for a source open in the editor, as `--previous` would give it to
 * `nianbao check`, found beside the source:
 * 1. the same file name with its year one less (`2024.md` → `2023.md`, `南龙镇2024.md` →
 *    `南龙镇2023.md`), when that file's 年度 is one less;
 * 2. otherwise a `.md` file in the same folder whose 年度 is one less and whose 机关 is the same
 *    (the first by name when there are several).
 * A file that does not read as a report is not used. Files are read again only when they change
 * on disk; a file open in the editor is taken as the editor has it.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readSourceBytes } from '../files/read.js';
import type { Report } from '../model/types.js';
import { checkSource } from '../pipeline.js';
import { frontMatterLines, splitLines, topLevelValues } from './text.js';
import { decodeSource } from '../source/decode.js';

/** How many files of a folder are looked at for rule 2 (a folder of a whole county's reports is fine). */
const FOLDER_LIMIT = 500;

interface Known {
  readonly stamp: string;
  readonly year?: number;
  readonly agency?: string;
  report?: Report | undefined;
  checked?: boolean;
}

export interface PreviousReport {
  readonly file: string;
  readonly report: Report;
}

/** 年度 and 机关 as written at the top of a front matter. */
export function yearAndAgency(text: string): { year?: number; agency?: string } {
  const lines = splitLines(text);
  const frontMatter = frontMatterLines(lines);
  if (!frontMatter) return {};
  const values = topLevelValues(lines, frontMatter);
  const year = Number(values.get('年度'));
  const agency = values.get('机关');
  return { ...(Number.isInteger(year) ? { year } : {}), ...(agency ? { agency } : {}) };
}

export class PreviousReports {
  private readonly known = new Map<string, Known>();

  /** `openText(file)`: the text of a file open in the editor, if it is. */
  constructor(private readonly openText: (file: string) => { text: string; version: number } | undefined) {}

  find(file: string, text: string): PreviousReport | undefined {
    if (!path.isAbsolute(file)) return undefined;
    const { year, agency } = yearAndAgency(text);
    if (year === undefined) return undefined;
    const folder = path.dirname(file);
    const name = path.basename(file);
    const sameName = name.includes(String(year)) ? path.join(folder, name.split(String(year)).join(String(year - 1))) : undefined;
    if (sameName && sameName !== file) {
      const found = this.report(sameName, year - 1);
      if (found) return found;
    }
    let names: string[];
    try {
      names = readdirSync(folder).filter((n) => /\.(md|markdown)$/i.test(n)).sort().slice(0, FOLDER_LIMIT);
    } catch {
      return undefined;
    }
    for (const other of names) {
      const candidate = path.join(folder, other);
      if (candidate === file || candidate === sameName) continue;
      const entry = this.entry(candidate);
      if (entry?.year === year - 1 && agency !== undefined && entry.agency === agency) {
        const found = this.report(candidate, year - 1);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** What a file says of its year and agency, read again when it changed (or the editor's copy did). */
  private entry(file: string): Known | undefined {
    const open = this.openText(file);
    let stamp: string;
    if (open) stamp = `open:${open.version}`;
    else {
      try {
        const stat = statSync(file);
        if (!stat.isFile()) return undefined;
        stamp = `${stat.mtimeMs}:${stat.size}`;
      } catch {
        return undefined;
      }
    }
    const cached = this.known.get(file);
    if (cached?.stamp === stamp) return cached;
    const text = open?.text ?? this.readText(file);
    if (text === undefined) return undefined;
    const entry: Known = { stamp, ...yearAndAgency(text) };
    this.known.set(file, entry);
    return entry;
  }

  private report(file: string, year: number): PreviousReport | undefined {
    const entry = this.entry(file);
    if (!entry || entry.year !== year) return undefined;
    if (!entry.checked) {
      const text = this.openText(file)?.text ?? this.readText(file);
      entry.report = text === undefined ? undefined : checkSource(file, text).report;
      entry.checked = true;
    }
    return entry.report ? { file, report: entry.report } : undefined;
  }

  private readText(file: string): string | undefined {
    try {
      return decodeSource(file, readSourceBytes(file)).text;
    } catch {
      return undefined;
    }
  }
}
