/** Where the shipped JSON Schema is, relative to a report's folder (for the editor's $schema line). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCHEMA_FILE = fileURLToPath(new URL('../../schema/nianbao.schema.json', import.meta.url));

export function schemaReference(reportDir: string): string {
  return path.relative(reportDir, SCHEMA_FILE).split(path.sep).join('/');
}
