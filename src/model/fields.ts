/**
 * The front matter's metadata keys, as data: the model builder walks them, and the JSON Schema
 * is generated from them and the table definitions.
 */
import { TABLE_IDS, TABLES } from '../tables/definitions.js';

export type FieldType = 'year' | 'text' | 'date' | 'text-list' | 'format' | 'section' | 'table';

export interface FieldDef {
  readonly key: string;
  readonly type: FieldType;
  readonly required?: boolean;
  /** Shown in hints and in the editor's completion list. */
  readonly description: string;
  readonly children?: readonly FieldDef[];
  /** Characters a text field may hold (default TEXT_MAX_LENGTH). */
  readonly maxLength?: number;
}

/**
 * Limits on what the metadata may hold, so that no value can make the layout's work unbounded:
 * a name, 文号 or 主送机关 fits in a few lines; a path in 1,000 characters. The title's own
 * limit is the title layout's (src/layout/title.ts).
 */
export const TEXT_MAX_LENGTH = 200;
export const PATH_MAX_LENGTH = 1000;
export const LIST_MAX_ITEMS = 100;

/** Font roles a source may set under 字体 (file path or family name). */
export const FONT_ROLES = ['标题', '正文', '一级标题', '二级标题', '页码', '发文机关标志'] as const;

export const FRONT_MATTER_FIELDS: readonly FieldDef[] = [
  {
    key: '年度',
    type: 'year',
    required: true,
    description: '报告年度：统计期为该年 1月1日至12月31日',
  },
  { key: '机关', type: 'text', required: true, description: '发布报告的行政机关全称' },
  {
    key: '报告主体',
    type: 'text',
    description: '谁报告，决定公布期限（条例第四十九条）：人民政府（县级以上人民政府，3月31日前）、部门（1月31日前）或 乡镇街道（1月31日前）；省略时由“机关”名称判断',
  },
  {
    key: '标题',
    type: 'text',
    description: '报告标题；省略时为“机关 + 年度 + 年政府信息公开工作年度报告”',
    maxLength: Number.POSITIVE_INFINITY,
  },
  {
    key: '格式',
    type: 'format',
    description: '统计表格式：2021 或 2019；省略时 2021 年度起用 2021 格式',
  },
  { key: '模板', type: 'text', description: '模板名称（templates/ 下的目录），默认“年度报告”', maxLength: PATH_MAX_LENGTH },
  {
    key: '版头',
    type: 'section',
    description: '红头公文的版头；网页发布的报告不写',
    children: [
      {
        key: '发文机关标志',
        type: 'text',
        required: true,
        description: '红色的发文机关标志，如“××镇人民政府文件”',
      },
      { key: '发文字号', type: 'text', description: '发文字号，如“临南政发〔2022〕60号”' },
      { key: '签发人', type: 'text-list', description: '上行文的签发人姓名' },
    ],
  },
  { key: '主送机关', type: 'text', description: '主送机关，如“市政府信息中心”' },
  { key: '署名', type: 'text', description: '发文机关署名；省略时用“机关”' },
  { key: '成文日期', type: 'date', description: '成文日期，如“2022年2月21日”或“2022-02-21”' },
  {
    key: '发布日期',
    type: 'date',
    description: '在网站上公布的日期（照录网页上的发布时间），核对公布期限；不印在报告里',
  },
  {
    key: '版记',
    type: 'section',
    description: '版记：抄送、印发机关和印发日期',
    children: [
      { key: '抄送', type: 'text-list', description: '抄送机关，一个或多个' },
      { key: '印发机关', type: 'text', description: '印发机关' },
      { key: '印发日期', type: 'date', description: '印发日期' },
    ],
  },
  {
    key: '字体',
    type: 'section',
    description: '各角色使用的字体（字体文件路径或已安装的字体名）',
    children: FONT_ROLES.map((role) => ({
      key: role,
      type: 'text' as const,
      description: `${role}的字体`,
      maxLength: PATH_MAX_LENGTH,
    })),
  },
  ...TABLE_IDS.map((id) => ({
    key: TABLES[id][2021].key,
    type: 'table' as const,
    description: `第${['', '', '二', '三', '四'][TABLES[id][2021].part]}部分的统计表`,
  })),
];

/** Keys every table mapping may carry besides its rows. */
export const TABLE_OPTION_KEYS = { format: '格式', omitted: '缺省' } as const;
