/**
 * The seam to the PDF reader (src/import/pdf/): its errors (a scan, an encrypted or broken file)
 * are UsageErrors with a message and a hint, which importFile turns into import-failed.
 */
export { readPdf } from './pdf/index.js';
