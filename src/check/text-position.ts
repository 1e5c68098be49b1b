/** The narrative's blocks, and places inside a block's text, for the checks of its wording. */
import type { Position } from '../diagnostics/types.js';
import type { NarrativeBlock, Report } from '../model/types.js';

/** Every heading and paragraph, the 导语 first, in source order. */
export function narrativeBlocks(report: Report): NarrativeBlock[] {
  return [report.narrative.preamble.blocks, ...report.narrative.parts.map((p) => p?.blocks ?? [])].flat();
}

/** Where in a block's text an index is: the block's position moved along its lines. */
export function positionInBlock(block: NarrativeBlock, index: number): Position {
  const before = block.text.slice(0, index);
  const newline = before.lastIndexOf('\n');
  if (newline < 0) return { line: block.position.line, column: block.position.column + index };
  return { line: block.position.line + before.split('\n').length - 1, column: before.length - newline };
}

/** A sentence of a text: up to and with its 。！？； (or a line's end), with its offset. */
export interface Sentence {
  readonly text: string;
  readonly start: number;
}

export function sentencesOf(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const pattern = /[^。！？；!?;\n]+[。！？；!?;]*/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    sentences.push({ text: match[0], start: match.index });
  }
  return sentences;
}
