/**
 * The three statistical tables of the annual report, in the 2021 and 2019 layouts, declared
 * once as data. Labels are those of the national format, character for character
 * (test/tables.spec.test.ts compares them with test/fixtures/national-format.json). Nothing
 * else in the code types a label.
 */
import type {
  BlockDef,
  ColumnDef,
  Format,
  GroupDef,
  HeaderCell,
  RowDef,
  RuleDef,
  TableDef,
  TableId,
} from './types.js';

// ── Table under 二、主动公开政府信息情况 (第二十条) ─────────────────────────────

const INFO = '信息内容';
const DECISIONS = '本年处理决定数量';
const PREVIOUS_ITEMS = '上一年项目数量';
const CHANGE = '本年增/减';
const DECISIONS_2019 = '处理决定数量';

function disclosureTable(
  format: Format,
  columns: ColumnDef[],
  blocks: (BlockDef & { rows: { key: string; aliases?: string[] }[] })[],
): TableDef {
  const rows: RowDef[] = blocks.flatMap((block, index) =>
    block.rows.map((row) => ({
      id: row.key,
      key: row.key,
      labels: [row.key],
      columns: block.columns,
      block: index,
      ...(row.aliases ? { aliases: row.aliases } : {}),
    })),
  );
  return {
    id: 'disclosure',
    key: '主动公开',
    part: 2,
    format,
    columns,
    groups: [],
    rows,
    blocks: blocks.map(({ rows: _rows, ...block }) => block),
    header: [],
    labelColumns: 1,
    rules: [],
  };
}

const disclosure2021 = disclosureTable(
  2021,
  [
    { key: '本年制发件数', kind: 'count' },
    { key: '本年废止件数', kind: 'count' },
    { key: '现行有效件数', kind: 'count' },
    { key: DECISIONS, kind: 'count' },
    {
      key: '本年收费金额',
      label: '本年收费金额（单位：万元）',
      kind: 'amount-wan',
      aliases: ['本年收费金额（单位：万元）', '收费金额'],
    },
  ],
  [
    {
      title: '第二十条第（一）项',
      corner: INFO,
      columns: ['本年制发件数', '本年废止件数', '现行有效件数'],
      spans: [1, 1, 1],
      rows: [{ key: '规章' }, { key: '行政规范性文件', aliases: ['规范性文件'] }],
    },
    {
      title: '第二十条第（五）项',
      corner: INFO,
      columns: [DECISIONS],
      spans: [3],
      rows: [{ key: '行政许可' }],
    },
    {
      title: '第二十条第（六）项',
      corner: INFO,
      columns: [DECISIONS],
      spans: [3],
      rows: [{ key: '行政处罚' }, { key: '行政强制' }],
    },
    {
      title: '第二十条第（八）项',
      corner: INFO,
      columns: ['本年收费金额'],
      spans: [3],
      rows: [{ key: '行政事业性收费' }],
    },
  ],
);

const disclosure2019 = disclosureTable(
  2019,
  [
    { key: '本年新制作数量', kind: 'count' },
    { key: '本年新公开数量', kind: 'count' },
    { key: '对外公开总数量', kind: 'count', aliases: ['对外公开总数'] },
    { key: PREVIOUS_ITEMS, kind: 'count' },
    { key: CHANGE, kind: 'signed', aliases: ['本年增减', '本年增／减'] },
    { key: DECISIONS_2019, kind: 'count' },
    { key: '采购项目数量', kind: 'count' },
    { key: '采购总金额', kind: 'amount-raw' },
  ],
  [
    {
      title: '第二十条第（一）项',
      corner: INFO,
      columns: ['本年新制作数量', '本年新公开数量', '对外公开总数量'],
      spans: [1, 1, 1],
      rows: [{ key: '规章' }, { key: '规范性文件' }],
    },
    {
      title: '第二十条第（五）项',
      corner: INFO,
      columns: [PREVIOUS_ITEMS, CHANGE, DECISIONS_2019],
      spans: [1, 1, 1],
      rows: [{ key: '行政许可' }, { key: '其他对外管理服务事项' }],
    },
    {
      title: '第二十条第（六）项',
      corner: INFO,
      columns: [PREVIOUS_ITEMS, CHANGE, DECISIONS_2019],
      spans: [1, 1, 1],
      rows: [{ key: '行政处罚' }, { key: '行政强制' }],
    },
    {
      // Two data columns in a three-column grid: the official merge is not known
      // (spec §3.1, open point 5); like 上海 2019, the last column spans the rest.
      title: '第二十条第（八）项',
      corner: INFO,
      columns: [PREVIOUS_ITEMS, CHANGE],
      spans: [1, 2],
      rows: [{ key: '行政事业性收费' }],
    },
    {
      title: '第二十条第（九）项',
      corner: INFO,
      columns: ['采购项目数量', '采购总金额'],
      spans: [1, 2],
      rows: [{ key: '政府集中采购' }],
    },
  ],
);

// ── Table under 三、收到和处理政府信息公开申请情况 ──────────────────────────────

const APPLICANTS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
const TOTAL = '总计';
const RESULTS = '三、本年度办理结果';
const BALANCE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

const applicationColumns: ColumnDef[] = [
  ...APPLICANTS.map((key): ColumnDef => ({ key, kind: 'count' })),
  { key: TOTAL, kind: 'count' },
];

const applicationHeader: HeaderCell[][] = [
  [
    { text: BALANCE_NOTE, rowSpan: 3, colSpan: 3 },
    { text: '申请人情况', colSpan: 7 },
  ],
  [
    { text: '自然人', rowSpan: 2 },
    { text: '法人或其他组织', colSpan: 5 },
    { text: TOTAL, rowSpan: 2 },
  ],
  APPLICANTS.slice(1).map((text) => ({ text })),
];

/** A T3 row: `labels` is the printed path, `key` the YAML key. */
function applicationRow(key: string, labels: string[], extra: Partial<RowDef> = {}): RowDef {
  const group = extra.group;
  return {
    id: group ? `${group}.${key}` : key,
    key,
    labels,
    columns: applicationColumns.map((c) => c.key),
    ...extra,
  };
}

/** Rows of a sub-item group such as （三）不予公开: `1.属于国家秘密` has the key `属于国家秘密`. */
function groupRows(
  group: string,
  groupLabel: string,
  items: { key?: string; label: string; aliases?: string[] }[],
): RowDef[] {
  return items.map((item, index) => {
    const printed = `${index + 1}.${item.label}`;
    const key = item.key ?? item.label;
    const aliases = [...(item.aliases ?? []), ...(item.key ? [item.label] : []), printed];
    return applicationRow(key, [RESULTS, groupLabel, printed], { group, aliases });
  });
}

const applicationGroups: GroupDef[] = [
  { key: '不予公开', aliases: ['（三）不予公开'] },
  { key: '无法提供', aliases: ['（四）无法提供'] },
  { key: '不予处理', aliases: ['（五）不予处理'] },
  { key: '其他处理', aliases: ['（六）其他处理'] },
];

function applicationTable(format: Format): TableDef {
  const otherHandling: RowDef[] =
    format === 2021
      ? groupRows('其他处理', '（六）其他处理', [
          {
            key: '逾期不补正',
            label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
          },
          {
            key: '逾期未缴费',
            label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
          },
          { label: '其他' },
        ])
      : [applicationRow('其他处理', [RESULTS, '（六）其他处理'], { aliases: ['（六）其他处理'] })];
  const resultRows: RowDef[] = [
    applicationRow('予以公开', [RESULTS, '（一）予以公开'], { aliases: ['（一）予以公开'] }),
    applicationRow(
      '部分公开',
      [RESULTS, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
      {
        aliases: ['（二）部分公开'],
      },
    ),
    ...groupRows('不予公开', '（三）不予公开', [
      { label: '属于国家秘密' },
      { label: '其他法律行政法规禁止公开' },
      { label: '危及“三安全一稳定”', aliases: ['危及三安全一稳定', '危及"三安全一稳定"'] },
      { label: '保护第三方合法权益' },
      { label: '属于三类内部事务信息' },
      { label: '属于四类过程性信息' },
      { label: '属于行政执法案卷' },
      { label: '属于行政查询事项' },
    ]),
    ...groupRows('无法提供', '（四）无法提供', [
      { label: '本机关不掌握相关政府信息' },
      { label: '没有现成信息需要另行制作' },
      { label: '补正后申请内容仍不明确' },
    ]),
    ...groupRows('不予处理', '（五）不予处理', [
      { label: '信访举报投诉类申请' },
      { label: '重复申请' },
      { label: '要求提供公开出版物' },
      { label: '无正当理由大量反复申请' },
      { label: '要求行政机关确认或重新出具已获取信息' },
    ]),
    ...otherHandling,
  ];
  const newlyReceived = applicationRow('本年新收', ['一、本年新收政府信息公开申请数量'], {
    aliases: ['本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量'],
  });
  const carriedOver = applicationRow('上年结转', ['二、上年结转政府信息公开申请数量'], {
    aliases: ['上年结转政府信息公开申请数量', '二、上年结转政府信息公开申请数量'],
  });
  const resultTotal = applicationRow(TOTAL, [RESULTS, '（七）总计'], { aliases: ['（七）总计'] });
  const carriedForward = applicationRow('结转下年度继续办理', ['四、结转下年度继续办理'], {
    aliases: ['结转下年度', '四、结转下年度继续办理'],
  });
  const rules: RuleDef[] = [
    { kind: 'row-sum', code: 'applicant-total', total: TOTAL, addends: APPLICANTS },
    {
      kind: 'column-sum',
      code: 'result-total',
      total: resultTotal.id,
      addends: resultRows.map((r) => r.id),
    },
    {
      kind: 'balance',
      code: 'balance',
      left: [newlyReceived.id, carriedOver.id],
      right: [resultTotal.id, carriedForward.id],
      printed: BALANCE_NOTE,
    },
  ];
  return {
    id: 'application',
    key: '依申请公开',
    part: 3,
    format,
    columns: applicationColumns,
    groups: applicationGroups,
    rows: [newlyReceived, carriedOver, ...resultRows, resultTotal, carriedForward],
    blocks: [],
    header: applicationHeader,
    labelColumns: 3,
    rules,
  };
}

// ── Table under 四、政府信息公开行政复议、行政诉讼情况 (same in both layouts) ─────

const OUTCOMES = ['结果维持', '结果纠正', '其他结果', '尚未审结'];
const LITIGATION = '行政诉讼';

function reviewTable(format: Format): TableDef {
  const columns: ColumnDef[] = [...OUTCOMES, TOTAL].map((key) => ({ key, kind: 'count' }));
  const columnKeys = columns.map((c) => c.key);
  const outcomeCells = (rowSpan?: number): HeaderCell[] =>
    columnKeys.map((text) => (rowSpan ? { text, rowSpan } : { text }));
  return {
    id: 'review',
    key: '复议诉讼',
    part: 4,
    format,
    columns,
    groups: [],
    rows: [
      { id: '行政复议', key: '行政复议', labels: ['行政复议'], columns: columnKeys },
      {
        id: '未经复议直接起诉',
        key: '未经复议直接起诉',
        labels: [LITIGATION, '未经复议直接起诉'],
        columns: columnKeys,
      },
      {
        id: '复议后起诉',
        key: '复议后起诉',
        labels: [LITIGATION, '复议后起诉'],
        columns: columnKeys,
      },
    ],
    blocks: [],
    header: [
      [
        { text: '行政复议', colSpan: 5 },
        { text: LITIGATION, colSpan: 10 },
      ],
      [
        ...outcomeCells(2),
        { text: '未经复议直接起诉', colSpan: 5 },
        { text: '复议后起诉', colSpan: 5 },
      ],
      [...outcomeCells(), ...outcomeCells()],
    ],
    labelColumns: 0,
    rules: [{ kind: 'row-sum', code: 'review-total', total: TOTAL, addends: OUTCOMES }],
  };
}

// ── The catalogue ─────────────────────────────────────────────────────────────

export const TABLE_IDS: readonly TableId[] = ['disclosure', 'application', 'review'];

export const TABLES: Readonly<Record<TableId, Readonly<Record<Format, TableDef>>>> = {
  disclosure: { 2021: disclosure2021, 2019: disclosure2019 },
  application: { 2021: applicationTable(2021), 2019: applicationTable(2019) },
  review: { 2021: reviewTable(2021), 2019: reviewTable(2019) },
};

export function tableDef(id: TableId, format: Format): TableDef {
  return TABLES[id][format];
}

/** The layout a report year uses by default (spec §2: 2021 format for report year ≥ 2021). */
export function defaultFormat(year: number): Format {
  return year >= 2021 ? 2021 : 2019;
}

/** Headings of the six parts (spec §1.1), used by the template and the narrative parser. */
export const PARTS = [
  { number: '一', title: '总体情况', aliases: ['总体情况'] },
  {
    number: '二',
    title: '主动公开政府信息情况',
    aliases: ['主动公开情况', '主动公开信息情况', '主动公开'],
  },
  {
    number: '三',
    title: '收到和处理政府信息公开申请情况',
    aliases: ['收到和处理依申请公开信息情况', '依申请公开情况', '依申请公开'],
  },
  {
    number: '四',
    title: '政府信息公开行政复议、行政诉讼情况',
    aliases: ['政府信息公开行政复议和行政诉讼情况', '行政复议、行政诉讼情况', '复议诉讼'],
  },
  {
    number: '五',
    title: '存在的主要问题及改进情况',
    aliases: [
      '政府信息公开工作存在的主要问题及改进情况',
      '存在主要问题和改进情况',
      '主要问题及改进情况',
    ],
  },
  {
    number: '六',
    title: '其他需要报告的事项',
    aliases: ['其他需要报告事项', '其它需要报告的事项', '其他事项'],
  },
] as const;
