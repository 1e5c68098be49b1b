// Writes bench/reference-2024.md: the bench anchor's reference report (shared/bench beside the
// repository or NIANBAO_SHARED/bench, reference-content.mjs, seeded) as a nianbao source, so that
// both build the same content. Only a maintainer regenerating it needs the anchor.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findAnchor } from './anchor.mjs';

const anchor = findAnchor();
if (anchor.missing) {
  console.error(`anchors missing: ${anchor.missing.join(', ')} not found (set NIANBAO_SHARED to the folder holding bench/); bench/reference-2024.md is left as it is.`);
  process.exit(1);
}
const content = pathToFileURL(path.join(anchor.dir, 'reference-content.mjs'));
const { referenceReport, APPLICANT_COLUMNS } = await import(content.href);
const report = referenceReport({ repeat: Number(process.argv[2] ?? 1) });

const RESULT_KEYS = [
  ['予以公开'], ['部分公开'],
  ...['属于国家秘密', '其他法律行政法规禁止公开', '危及“三安全一稳定”', '保护第三方合法权益', '属于三类内部事务信息', '属于四类过程性信息', '属于行政执法案卷', '属于行政查询事项'].map((k) => ['不予公开', k]),
  ...['本机关不掌握相关政府信息', '没有现成信息需要另行制作', '补正后申请内容仍不明确'].map((k) => ['无法提供', k]),
  ...['信访举报投诉类申请', '重复申请', '要求提供公开出版物', '无正当理由大量反复申请', '要求行政机关确认或重新出具已获取信息'].map((k) => ['不予处理', k]),
  ...['逾期不补正', '逾期未缴费', '其他'].map((k) => ['其他处理', k]),
];
const row = (values) => `{ ${[...APPLICANT_COLUMNS, '总计'].map((c, i) => `${c}: ${values[i]}`).join(', ')} }`;
const a = report.activeDisclosure;
const s = report.applications;
const lines = [
  '---',
  '# The bench reference report (shared/bench/reference-content.mjs, seed 20240131), generated',
  '# by bench/make-reference.mjs: the same text and tables the raw-pdfmake anchor builds.',
  '年度: 2024',
  '机关: 某某区人民政府办公室',
  `标题: ${report.titleLines.join('')}`,
  '版头:',
  `  发文机关标志: ${report.issuer}`,
  `  发文字号: ${report.docNumber}`,
  `署名: ${report.signature}`,
  `成文日期: ${report.date}`,
  '版记:',
  `  抄送: ${report.copyTo.replace(/^抄送：/, '').replace(/。$/, '').replace(/，/g, '、')}`,
  `  印发机关: ${report.printedBy}`,
  `  印发日期: ${report.printedOn.replace(/印发$/, '')}`,
  '主动公开:',
  `  规章: { 本年制发件数: ${a.rules.issued}, 本年废止件数: ${a.rules.repealed}, 现行有效件数: ${a.rules.inForce} }`,
  `  行政规范性文件: { 本年制发件数: ${a.normativeDocs.issued}, 本年废止件数: ${a.normativeDocs.repealed}, 现行有效件数: ${a.normativeDocs.inForce} }`,
  `  行政许可: ${a.licensing}`,
  `  行政处罚: ${a.penalties}`,
  `  行政强制: ${a.enforcement}`,
  `  行政事业性收费: ${a.feesWanYuan}`,
  '依申请公开:',
  `  本年新收: ${row(s.received)}`,
  `  上年结转: ${row(s.carriedIn)}`,
];
let group;
RESULT_KEYS.forEach(([g, k], i) => {
  if (k && g !== group) lines.push(`  ${g}:`);
  group = k ? g : undefined;
  lines.push(k ? `    ${k}: ${row(s.results[i])}` : `  ${g}: ${row(s.results[i])}`);
});
lines.push(`  总计: ${row(s.total)}`, `  结转下年度继续办理: ${row(s.carriedOut)}`);
const [review, direct, after] = report.reviewLitigation;
const outcome = (v) => `{ 结果维持: ${v[0]}, 结果纠正: ${v[1]}, 其他结果: ${v[2]}, 尚未审结: ${v[3]}, 总计: ${v[4]} }`;
lines.push('复议诉讼:', `  行政复议: ${outcome(review)}`, `  未经复议直接起诉: ${outcome(direct)}`, `  复议后起诉: ${outcome(after)}`, '---', '');
for (const part of report.parts) {
  lines.push(`# ${part.heading.replace(/^[一二三四五六]、/, '')}`, '');
  for (const block of part.blocks) {
    if (block.kind === 'subheading') lines.push(`## ${block.text.replace(/^（[一二三四五六]）/, '')}`, '');
    else if (block.kind === 'para') lines.push(block.text, '');
  }
}
const out = fileURLToPath(new URL(`./reference-2024${process.argv[2] && process.argv[2] !== '1' ? `-x${process.argv[2]}` : ''}.md`, import.meta.url));
writeFileSync(out, lines.join('\n'));
console.log(out);
