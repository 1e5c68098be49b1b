/** Shared helpers for walking the YAML tree with positions and collecting diagnostics. */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { Diagnostic, Position, Severity } from '../diagnostics/types.js';
import type { FrontMatter } from '../source/types.js';
import { yamlPosition } from '../source/types.js';

export class Walker {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly file: string,
    readonly frontMatter: FrontMatter,
  ) {}

  /** Position of a node (its first character), or of the front matter's first line. */
  position(node: Node | null | undefined): Position {
    const offset = node?.range?.[0];
    return offset === undefined
      ? { line: this.frontMatter.startLine, column: 1 }
      : yamlPosition(this.frontMatter, offset);
  }

  /** Position of a pair's value, falling back to its key (a key with no value). */
  valuePosition(pair: Pair): Position {
    const value = pair.value as Node | null;
    return value?.range ? this.position(value) : this.position(pair.key as Node);
  }

  report(
    severity: Severity,
    position: Position,
    code: string,
    message: string,
    hint: string,
  ): void {
    this.diagnostics.push({ file: this.file, position, severity, code, message, hint });
  }

  error(position: Position, code: string, message: string, hint: string): void {
    this.report('error', position, code, message, hint);
  }

  /** Reports a key that is not in the format; returns the candidate it most likely meant. */
  unknownKey(
    pair: Pair,
    where: string,
    candidates: readonly string[],
    extraHint?: string,
    note?: string,
  ): string | undefined {
    const key = keyText(pair);
    const guess = didYouMean(key, candidates);
    const hint =
      extraHint ??
      (guess ? `是不是“${guess}”？` : `${where}可以写的键：${candidates.slice(0, 12).join('、')}`);
    this.error(this.position(pair.key as Node), 'unknown-key', `${where}没有“${key}”这一项`, withNote(hint, note));
    return guess;
  }

  wrongType(
    node: Node | null,
    position: Position,
    name: string,
    expected: string,
    hint: string,
  ): void {
    this.error(
      position,
      'wrong-type',
      `${name}应当是${expected}，这里是${describeNode(node)}`,
      hint,
    );
  }
}

/** A hint with a closing remark (say, that the value was left out of the sums). */
export function withNote(hint: string, note: string | undefined): string {
  if (!note) return hint;
  return /[。？！]$/.test(hint) ? `${hint}${note}` : `${hint}。${note}`;
}

export function keyText(pair: Pair): string {
  const key = pair.key as Node | null;
  if (isScalar(key)) return String(key.value ?? '');
  return String(key ?? '');
}

export function pairsOf(map: YAMLMap): Pair[] {
  return map.items.filter((item): item is Pair => isPair(item));
}

export function describeNode(node: Node | null | undefined): string {
  if (node === null || node === undefined) return '空值';
  if (isMap(node)) return '一组键值';
  if (isSeq(node)) return '一个列表';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return '空值';
    if (typeof value === 'number') return `数字 ${node.source ?? value}`;
    if (typeof value === 'boolean') return `真假值 ${value}`;
    if (value instanceof Uint8Array) return '二进制数据（!!binary）';
    if (value instanceof Date) return `日期 ${node.source ?? ''}`;
    const text = String(value);
    return `“${text.length > 20 ? `${text.slice(0, 20)}…` : text}”`;
  }
  return '无法识别的值';
}

/** The text of a scalar as typed (numbers keep their form: 0.50 stays 0.50). */
export function scalarSource(node: Node | null): string {
  if (isScalar(node)) return node.source ?? String(node.value ?? '');
  return '';
}
