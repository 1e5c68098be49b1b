// Types of what the tests import from known-tries.mjs.
export interface ParsedTrie {
  readonly data: Uint32Array;
  readonly highStart: number;
  readonly errorValue: number;
}
export declare function knownTrieLookup(bin: Buffer): ((bytes: Uint8Array) => ParsedTrie | undefined) | undefined;
