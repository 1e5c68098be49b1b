/** Build step: writes schema/nianbao.schema.json from the definitions. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { frontMatterSchema } from './generate.js';

const file = fileURLToPath(new URL('../../schema/nianbao.schema.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('../../schema/', import.meta.url)), { recursive: true });
writeFileSync(file, `${JSON.stringify(frontMatterSchema(), null, 2)}\n`);
