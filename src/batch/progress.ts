/** Progress on a terminal: one redrawn bar; elsewhere (pipes, CI) one plain line per file. */
export interface Progress {
  /** One file done; on a terminal only `important` lines are kept above the bar. */
  tick(label: string, line?: string, important?: boolean): void;
  /** Clears the bar before something else writes to the terminal. */
  clear(): void;
  done(): void;
}

export function progress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const interactive = stream.isTTY === true && !process.env.CI;
  let count = 0;
  const width = 24;
  const draw = (label: string) => {
    const filled = Math.round((count / total) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    stream.write(`\r\x1b[2K生成 [${bar}] ${count}/${total} ${label}`);
  };
  /** Wipes the bar's line (before printing above it, and at the end). */
  const clear = () => {
    if (interactive) stream.write('\r\x1b[2K');
  };
  return {
    tick(label, line, important = true) {
      count++;
      if (interactive) {
        if (line && important) stream.write(`\r\x1b[2K${line}\n`);
        draw(label);
      } else if (line) {
        stream.write(`${line}\n`);
      }
    },
    clear,
    done: clear,
  };
}
