import { describe, expect, it } from 'vitest';
import { diagnosticsToJson, formatDiagnostics, visible } from '../src/diagnostics/format.js';
import { checkSource } from '../src/pipeline.js';
import { edit } from './support/check.js';
import { nianbao, scratch } from './support/cli.js';

/** Anything a terminal acts on instead of showing (tab and newline excepted). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const IN_KEY = edit('主送机关:', '主送\u001b[2J\u0007机关:');
const IN_VALUE = edit('行政处罚: 3', '行政处罚: 3\u001b[2J\u0007');

describe('control characters in keys or values are escaped in every message', () => {
  it('ESC and BEL in a key: the text message shows \\u001b and \\u0007, never the raw characters', () => {
    const text = formatDiagnostics(checkSource('r.md', IN_KEY).diagnostics);
    expect(text).toBe('r.md:7:1 错误 unknown-key 前置数据没有“主送\\u001b[2J\\u0007机关”这一项\n  提示：是不是“机关”？');
    expect(text).not.toMatch(RAW);
  });

  it('ESC and BEL in a value: the text message and the JSON are escaped', () => {
    const diagnostics = checkSource('r.md', IN_VALUE).diagnostics;
    expect(formatDiagnostics(diagnostics)).toBe(
      'r.md:17:9 错误 not-a-number “行政处罚”应当是数字，这里写的是“3\\u001b[2J\\u0007”\n  提示：写一个数字；没有就写 0，原表写“无”的可以写 无，不适用的写 /，留空写 ~',
    );
    const json = diagnosticsToJson(diagnostics);
    expect(json).not.toMatch(RAW);
    expect((JSON.parse(json) as { message: string }[])[0]?.message).toBe('“行政处罚”应当是数字，这里写的是“3\\u001b[2J\\u0007”');
  });

  it('DEL, C1, bidi overrides and isolates and a lone surrogate are escaped too, in JSON as well (JSON.stringify leaves them raw)', () => {
    const text = edit('行政处罚: 3', '行政处罚: "3\u007f\u0085\u202e\u2066x\ud800"');
    const diagnostics = checkSource('r.md', text).diagnostics;
    expect(diagnostics.map((d) => d.code)).toEqual(['not-a-number']);
    const json = diagnosticsToJson(diagnostics);
    expect(json).not.toMatch(RAW);
    expect((JSON.parse(json) as { message: string }[])[0]?.message).toBe('“行政处罚”应当是数字，这里写的是“3\\u007f\\u0085\\u202e\\u2066x\\ud800”');
    expect(formatDiagnostics(diagnostics)).toContain('“3\\u007f\\u0085\\u202e\\u2066x\\ud800”');
  });

  it('visible() keeps tabs, newlines, Chinese and emoji (a surrogate pair) as they are', () => {
    expect(visible('甲\t乙\n丙😀')).toBe('甲\t乙\n丙😀');
    expect(visible('\r')).toBe('\\u000d');
  });

  it('nianbao check and check --format json print no raw ESC or BEL from a key and a value', () => {
    const dir = scratch({ 'key.md': IN_KEY, 'value.md': IN_VALUE });
    const text = nianbao(['check', 'key.md', 'value.md'], dir);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('key.md:7:1 错误 unknown-key 前置数据没有“主送\\u001b[2J\\u0007机关”这一项');
    expect(text.stdout).toContain('value.md:17:9 错误 not-a-number “行政处罚”应当是数字，这里写的是“3\\u001b[2J\\u0007”');
    expect(text.stdout + text.stderr).not.toMatch(RAW);
    const json = nianbao(['check', 'key.md', 'value.md', '--format', 'json'], dir);
    expect(json.stdout).not.toMatch(RAW);
    expect((JSON.parse(json.stdout) as { message: string }[]).map((d) => d.message)).toEqual([
      '前置数据没有“主送\\u001b[2J\\u0007机关”这一项',
      '“行政处罚”应当是数字，这里写的是“3\\u001b[2J\\u0007”',
    ]);
  });

  it('nianbao build of a batch: the diagnostics and the closing summary print no raw ESC or BEL', () => {
    const dir = scratch({ 'key.md': IN_KEY, 'value.md': IN_VALUE });
    const run = nianbao(['build', 'key.md', 'value.md'], dir, { CI: 'true' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('  ✗ key.md:7:1 unknown-key 前置数据没有“主送\\u001b[2J\\u0007机关”这一项');
    expect(run.stdout + run.stderr).not.toMatch(RAW);
  });
});
