/** `nianbao lsp [--stdio]`: the language server, talking LSP over stdin and stdout until the editor ends it. */
export async function runLsp(): Promise<number> {
  const { startServer } = await import('../lsp/server.js');
  await startServer(process.stdin, process.stdout);
  return 0;
}
