import type { YAMLError } from 'yaml';

interface Explained {
  readonly message: string;
  readonly hint: string;
}

/** Chinese wording for the YAML parser's error codes. `line` is the offending source line. */
export function explainYamlError(error: YAMLError, line: string): Explained {
  if (/：/.test(line) && !/:(\s|$)/.test(line)) {
    return {
      message: '键和值之间用了全角冒号“：”',
      hint: `YAML 的键和值之间要用半角冒号加一个空格，例如“${line.trim().replace('：', ': ')}”`,
    };
  }
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return {
        message: '缩进里有制表符（Tab）',
        hint: 'YAML 只能用空格缩进：请把 Tab 换成空格，每一层多缩进两个空格',
      };
    case 'BAD_INDENT':
      return {
        message: '缩进不正确：同一层的键没有对齐',
        hint: '同一层的键要从同一列开始，下一层比上一层多缩进两个空格',
      };
    case 'MISSING_CHAR':
      if (/quote/.test(error.message)) {
        return {
          message: '引号没有闭合',
          hint: '在这个值的末尾补上同样的引号，或者去掉开头的引号',
        };
      }
      if (/flow (map|sequence)|[}\]]/.test(error.message)) {
        return { message: '括号没有闭合', hint: '{ } 和 [ ] 要成对出现：请补上缺少的右括号' };
      }
      return { message: '缺少必要的字符', hint: '请检查这一行的冒号、引号和括号是否完整' };
    case 'DUPLICATE_KEY':
      return {
        message: '同一层里有重复的键',
        hint: '每个键在同一层只能写一次：请删除或合并重复的一项',
      };
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return {
        message: '这一行不是“键: 值”的形式',
        hint: '每一项写成“键: 值”，冒号后面加一个空格；值里有冒号时请加引号',
      };
    case 'BAD_SCALAR_START':
      return {
        message: '值的第一个字符需要加引号',
        hint: '以 @、`、|、> 等符号开头的值要用引号括起来',
      };
    case 'BAD_DQ_ESCAPE':
      return {
        message: '双引号里有无效的转义符“\\”',
        hint: '在双引号里把 \\ 写成 \\\\，或改用单引号',
      };
    case 'BLOCK_IN_FLOW':
      return {
        message: '花括号或方括号里不能换行写下一层',
        hint: '把 { } 里的内容写在一行，或改用缩进的写法',
      };
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
      return { message: '别名（*）使用不正确', hint: '值以 * 开头时请加引号' };
    case 'MULTIPLE_DOCS':
      return {
        message: '前置数据里出现了第二个“---”',
        hint: '前置数据只能有一段：开头一行“---”，结尾一行“---”',
      };
    case 'IMPOSSIBLE':
      // e.g. a flow mapping used as a key (`{a: 1}: 3`) in a block mapping.
      return {
        message: '这一行无法读作“键: 值”',
        hint: '键只能是一段文字；以 { 或 [ 开头的值或键要加引号',
      };
    case 'UNEXPECTED_TOKEN':
      // `[821, 35, , , 2]`: a blank cell of a row list typed as nothing between two commas.
      if (/^Unexpected , in flow sequence/.test(error.message)) {
        return {
          message: '列表里两个逗号之间没有值',
          hint: '空着的格写 ~，例如“[821, 35, ~, ~, 2, 1]”；没有的写 0',
        };
      }
      return { message: `YAML 语法错误（${error.code}）`, hint: '请检查这一行的缩进、冒号和引号' };
    case 'KEY_OVER_1024_CHARS':
      return { message: '键太长（超过 1024 个字符）', hint: '键后面是否漏了冒号？' };
    case 'RESOURCE_EXHAUSTION':
      return { message: '前置数据嵌套或别名展开过深', hint: '请删去多余的层次或别名' };
    default:
      return { message: `YAML 语法错误（${error.code}）`, hint: '请检查这一行的缩进、冒号和引号' };
  }
}
