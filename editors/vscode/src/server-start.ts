/**
 * When the extension starts the language server: once, for the first report opened (one server
 * serves every document of the window); again after it stopped. A start that failed (nianbao not
 * found, a bad nianbao.path) is not retried on every keystroke: only after a restart or a change
 * of the setting. Pure: the start itself is passed in, so the tests drive it without VS Code.
 */
import { type DocumentInfo, startsServer } from './activation.js';

export type ServerState = 'stopped' | 'starting' | 'running' | 'failed';

export class ServerStarter<Document> {
  private current: ServerState = 'stopped';

  /** `start` resolves true when the server runs, false when it could not be started (it says why). */
  constructor(
    private readonly start: (document: Document) => Promise<boolean>,
    private readonly describe: (document: Document) => DocumentInfo,
  ) {}

  get state(): ServerState {
    return this.current;
  }

  /** A document was opened, shown or edited: start the server if it is a report and none runs. */
  async consider(document: Document): Promise<void> {
    if (this.current !== 'stopped' || !startsServer(this.describe(document))) return;
    this.current = 'starting';
    const started = await this.start(document).catch(() => false);
    // A reset while starting (a restart) wins.
    if (this.current === 'starting') this.current = started ? 'running' : 'failed';
  }

  /** The server ended by itself (VS Code's client gave up restarting it): the next report starts it again. */
  stopped(): void {
    if (this.current === 'running') this.current = 'stopped';
  }

  /** Restart command, or nianbao.path changed: whatever happened before, the next report starts it. */
  reset(): void {
    this.current = 'stopped';
  }
}
