/**
 * YAML aliases in the front matter: each `*name` is replaced by the node its `&name` anchors, so
 * the model reads an alias like the value it stands for. No collection is copied (the tree becomes
 * a graph that shares nodes), so an alias bomb costs no more than its text; each node is visited
 * once, cycles included. Diagnostics about an aliased collection point at its anchor. Merge keys (`<<`) are not part of the format: they are reported and
 * dropped, and so is an alias with no anchor before it.
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, Scalar } from 'yaml';

export interface AliasProblem {
  readonly kind: 'missing-anchor' | 'merge-key';
  /** Offset in the YAML text. */
  readonly offset: number;
  /** As typed: `*name` or `<<`. */
  readonly source: string;
}

export function resolveAliases(document: Document.Parsed): AliasProblem[] {
  const problems: AliasProblem[] = [];
  const anchors = new Map<string, Node>();
  const visited = new Set<Node>();

  const resolved = (node: unknown): unknown => {
    if (!isAlias(node)) return node;
    const target = anchors.get(node.source);
    // A scalar is copied to the alias's place, so that what is said about it points there; a
    // collection is shared (copying it is what an alias bomb asks for).
    if (isScalar(target)) {
      const copy = target.clone() as Scalar;
      copy.range = node.range;
      delete copy.anchor;
      return copy;
    }
    if (target) return target;
    problems.push({ kind: 'missing-anchor', offset: node.range?.[0] ?? 0, source: `*${node.source}` });
    const blank = new Scalar(null);
    blank.range = node.range;
    return blank;
  };

  // Document order: an anchor is recorded before the nodes after it, as YAML requires.
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object' || visited.has(node as Node)) return;
    visited.add(node as Node);
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor && (isMap(node) || isSeq(node) || isScalar(node))) anchors.set(anchor, node);
    if (isMap(node)) {
      node.items = node.items.filter((pair) => {
        if (isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN') {
          problems.push({ kind: 'merge-key', offset: pair.key.range?.[0] ?? 0, source: '<<' });
          return false;
        }
        return true;
      });
      for (const pair of node.items) {
        walk(pair.key);
        pair.key = resolved(pair.key);
        walk(pair.value);
        pair.value = resolved(pair.value);
      }
    } else if (isSeq(node)) {
      node.items = node.items.map((item) => {
        walk(item);
        return resolved(item);
      });
    } else if (isPair(node)) {
      walk(node.key);
      walk(node.value);
    }
  };
  walk(document.contents);
  document.contents = resolved(document.contents) as typeof document.contents;
  return problems;
}
