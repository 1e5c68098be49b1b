import { randomBytes } from 'node:crypto';
import { inflateSync, deflateSync as zlibDeflate } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cacheDeflatedStreams, deflateSync } from '../src/render/deflate.js';

describe('deflate for pdfkit', () => {
  it('gives zlib’s bytes, and with the cache on the same bytes again for the same stream', () => {
    const stream = Buffer.concat([randomBytes(6000), Buffer.alloc(20000, 'x')]);
    const plain = deflateSync(stream);
    expect(plain.equals(zlibDeflate(stream))).toBe(true);
    cacheDeflatedStreams();
    const first = deflateSync(Buffer.from(stream));
    const again = deflateSync(Buffer.from(stream));
    expect(first.equals(plain)).toBe(true);
    expect(again).toBe(first);
    expect(inflateSync(again).equals(stream)).toBe(true);
    // A different stream of the same length is not mistaken for it.
    const other = Buffer.from(stream);
    other[100] = (other[100] ?? 0) ^ 1;
    expect(inflateSync(deflateSync(other)).equals(other)).toBe(true);
  });
});
