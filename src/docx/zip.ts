/**
 * The docx package zips its parts (fflate) stamped with the time of packing, in the local time
 * zone: two builds a second apart differ. Every entry's modification time is set here to the
 * document's own date, in the local headers and in the central directory alike, so the same
 * source gives the same bytes anywhere, at any time.
 */

/** An MS-DOS date and time (the zip format's): 2-second resolution, years 1980–2107. */
function dosTime(date: Date): { time: number; day: number } {
  const year = Math.min(2107, Math.max(1980, date.getUTCFullYear()));
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return { time, day };
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** The zip with every entry's time set to `date` (UTC fields); a copy, the input is left as it was. */
export function pinZipTimes(zip: Uint8Array, date: Date): Buffer {
  const out = Buffer.from(zip);
  const { time, day } = dosTime(date);
  let end = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 65535); i--) {
    if (out.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const count = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let n = 0; n < count; n++) {
    if (out.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`not a zip file: central header ${n} missing`);
    out.writeUInt16LE(time, at + 12);
    out.writeUInt16LE(day, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`not a zip file: local header ${n} missing`);
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(day, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
