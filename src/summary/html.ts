/** Text and attribute values made safe for HTML, and the controls a terminal would act on shown escaped. */
import { visible } from '../diagnostics/format.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return visible(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}
