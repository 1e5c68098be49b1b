/**
 * The zlib pdfkit gets in the bundle (scripts/bundle.mjs points its `require('zlib')` here).
 * pdfkit deflates every stream of every document; in the watch loop most of them are the same
 * bytes as in the previous build (the five font subsets, the pages before the edit), and
 * deflating those again was ~12 ms of each ~100 ms rebuild. With the cache on (watch only), a
 * stream deflated in one of the last few builds is taken from there: same input, same bytes out.
 */
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';

export * from 'node:zlib';

/** Streams smaller than this are deflated faster than they are hashed. */
const WORTH_CACHING = 4096;
/** Enough for every stream of a few large reports. */
const CACHE_BYTES = 64 * 1024 * 1024;

let cache: Map<string, Buffer> | undefined;
let cachedBytes = 0;

/** Turns the cache on (the watch loop, where consecutive builds share most streams). */
export function cacheDeflatedStreams(): void {
  cache ??= new Map();
}

export function deflateSync(data: zlib.InputType, options?: zlib.ZlibOptions): Buffer {
  if (!cache || options !== undefined || !Buffer.isBuffer(data) || data.length < WORTH_CACHING) {
    return options === undefined ? zlib.deflateSync(data) : zlib.deflateSync(data, options);
  }
  const key = createHash('sha1').update(data).digest('base64');
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last: the oldest go first when the cache is full.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const deflated = zlib.deflateSync(data);
  cache.set(key, deflated);
  cachedBytes += deflated.length;
  for (const [oldKey, old] of cache) {
    if (cachedBytes <= CACHE_BYTES) break;
    cache.delete(oldKey);
    cachedBytes -= old.length;
  }
  return deflated;
}
