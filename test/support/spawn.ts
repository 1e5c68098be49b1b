import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/nianbao.js', import.meta.url));

/** A long-running CLI process whose output can be awaited line by line. */
export class Running {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  private waiters: (() => void)[] = [];

  constructor(args: string[], cwd: string) {
    this.child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NIANBAO_DEBUG: '' } });
    this.child.stdout.setEncoding('utf8');
    this.child.stderr.setEncoding('utf8');
    const wake = () => {
      for (const waiter of this.waiters.splice(0)) waiter();
    };
    this.child.stdout.on('data', (chunk: string) => {
      this.stdout += chunk;
      wake();
    });
    this.child.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
      wake();
    });
  }

  /** Waits until stderr has matched `pattern` `count` times in all. */
  async until(pattern: RegExp, count = 1, timeout = 90_000): Promise<void> {
    const deadline = Date.now() + timeout;
    const matches = () => (this.stderr.match(new RegExp(pattern.source, 'g')) ?? []).length;
    while (matches() < count) {
      if (this.child.exitCode !== null) throw new Error(`exited (${this.child.exitCode}) waiting for ${pattern} ×${count}\nstderr:\n${this.stderr}\nstdout:\n${this.stdout}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} ×${count}\nstderr:\n${this.stderr}\nstdout:\n${this.stdout}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  /**
   * Does `action`, then waits for the first complete stderr line after it that matches `pattern`
   * (watch prints one line per build: 已生成, 未更新, 未找到, 内部错误) and returns it. Waiting on
   * what the process says, not on time: the timeout is only a bound for a hang, and a process
   * that exits meanwhile fails at once.
   */
  async next(pattern: RegExp, action: () => void = () => {}, timeout = 90_000): Promise<string> {
    const from = this.stderr.length;
    action();
    const deadline = Date.now() + timeout;
    for (;;) {
      const tail = this.stderr.slice(from);
      const line = tail.slice(0, tail.lastIndexOf('\n') + 1).split('\n').find((l) => pattern.test(l));
      if (line !== undefined) return line;
      const fail = (why: string) => new Error(`${why} waiting for ${pattern}\nstderr:\n${this.stderr}\nstdout:\n${this.stdout}`);
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw fail(`exited (${this.child.exitCode ?? this.child.signalCode})`);
      if (Date.now() > deadline) throw fail('timed out');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill('SIGINT');
    return exited;
  }
}
