// The reference report × N for the scale curve: the same front matter and tables, each of the six
// parts' narrative written N times (the anchor's `--repeat N`, from the committed source, so that
// a clone without shared/ measures the same curve).

/** `source` with the body of every level-1 part repeated `times` times. */
export function repeatNarrative(source, times) {
  const end = source.indexOf('\n---\n', 4);
  if (!source.startsWith('---\n') || end < 0) throw new Error('scale: the source has no front matter');
  const head = source.slice(0, end + 5);
  const parts = source.slice(end + 5).split(/^(?=# )/m);
  return (
    head +
    parts
      .map((part) => {
        if (!part.startsWith('# ')) return part;
        const newline = part.indexOf('\n');
        const heading = part.slice(0, newline + 1);
        const body = part.slice(newline + 1).replace(/\n*$/, '\n\n');
        return heading + body.repeat(times);
      })
      .join('')
  );
}
