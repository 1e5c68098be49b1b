/** A usage or I/O problem: printed in Chinese with a hint, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}
