/** Web pages in the shapes county sites publish reports in (hand-written; see test/import-html.test.ts). */

/** Table 三 as county sites print it: a rowspan of 22, Word-ish cells, labels given per row. */
export function applicationTable(labels: Record<string, string>, values: Record<string, string[]>): string {
  const zero = ['0', '0', '0', '0', '0', '0', '0'];
  const cells = (key: string) => (values[key] ?? zero).map((v) => `<td>${v}</td>`).join('');
  const label = (key: string, fallback: string) => labels[key] ?? fallback;
  const group = (name: string, items: [string, string][]) =>
    items.map(([key, text], i) => `<tr>${i === 0 ? `<td rowspan="${items.length}">${name}</td>` : ''}<td>${label(key, text)}</td>${cells(key)}</tr>`).join('\n');
  return `<table border="1" cellspacing="0" cellpadding="0">
<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业<br>企业</td><td>科研<br>机构</td><td>社会公益<br>组织</td><td>法律服务<br>机构</td><td>其他</td></tr>
<tr><td colspan="3">${label('本年新收', '一、本年新收政府信息公开申请数量')}</td>${cells('本年新收')}</tr>
<tr><td colspan="3">二、上年结转政府信息公开申请数量</td>${cells('上年结转')}</tr>
<tr><td rowspan="22">三、本<br>年度<br>办理<br>结果</td><td colspan="2">（一）予以公开</td>${cells('予以公开')}</tr>
<tr><td colspan="2">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td>${cells('部分公开')}</tr>
${group('（三）不予公开', [['国家秘密', '1.属于国家秘密'], ['禁止公开', '2.其他法律行政法规禁止公开'], ['三安全', '3.危及“三安全一稳定”'], ['第三方', '4.保护第三方合法权益'], ['内部事务', '5.属于三类内部事务信息'], ['过程性', '6.属于四类过程性信息'], ['执法案卷', '7.属于行政执法案卷'], ['查询事项', '8.属于行政查询事项']])}
${group('（四）无法提供', [['不掌握', '1.本机关不掌握相关政府信息'], ['另行制作', '2.没有现成信息需要另行制作'], ['不明确', '3.补正后申请内容仍不明确']])}
${group('（五）不予处理', [['信访', '1.信访举报投诉类申请'], ['重复', '2.重复申请'], ['出版物', '3.要求提供公开出版物'], ['大量反复', '4.无正当理由大量反复申请'], ['确认', '5.要求行政机关确认或重新出具已获取信息']])}
${group('（六）其他处理', [['逾期不补正', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'], ['逾期未缴费', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'], ['其他', '3.其他']])}
<tr><td colspan="2">（七）总计</td>${cells('总计')}</tr>
<tr><td colspan="3">四、结转下年度继续办理</td>${cells('结转')}</tr>
</table>`;
}

/** A county page: the article in a layout table, <br> bodies with full-width indents, <center>. */
export function countyPage(table3: string): string {
  return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>某县人民政府</title></head><body>
<table width="100%" border="0"><tr><td><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></td></tr>
<tr><td>
  <table width="960" align="center"><tr><td class="bt"><center><b>城关镇2023年政府信息公开工作年度报告</b></center></td></tr>
  <tr><td align="center">发布时间：2024-01-26\u3000\u3000来源：城关镇\u3000\u3000浏览次数：<span id="hits">12</span></td></tr>
  <tr><td class="content">
  <p>\u3000\u3000根据《中华人民共和国政府信息公开条例》规定，现发布本报告。本报告统计期限自2023年1月1日起至2023年12月31日止。</p>
  <p><b>一、 总体情况</b></p>
  <p>\u3000\u30002023年，城关镇坚持以公开为常态。<br>\u3000\u3000（一）主动公开。全年主动公开政府信息312条。<br>\u3000\u3000（二）依申请公开。全年收到申请3件。</p>
  <p><b>二、主动公开政府信息情况</b></p>
  <table border="1"><tr><td colspan="4">第二十条第（一）项</td></tr>
  <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
  <tr><td>规章</td><td>/</td><td>/</td><td>/</td></tr>
  <tr><td>行政规范性文件</td><td>2</td><td>0</td><td>5</td></tr>
  <tr><td colspan="4">第二十条第（五）项</td></tr><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
  <tr><td>行政许可</td><td colspan="3">１２</td></tr>
  <tr><td colspan="4">第二十条第（六）项</td></tr><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
  <tr><td>行政处罚</td><td colspan="3">&nbsp;</td></tr><tr><td>行政强制</td><td colspan="3">无</td></tr>
  <tr><td colspan="4">第二十条第（八）项</td></tr><tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr>
  <tr><td>行政事业性收费</td><td colspan="3">0</td></tr></table>
  <p><b>三、收到和处理政府信息公开申请情况</b></p>
  ${table3}
  <p><b>四、政府信息公开行政复议、行政诉讼情况</b></p>
  <table border="1"><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
  <tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
  <tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
  <tr><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>
  <p><b>五、存在的主要问题及改进情况</b></p>
  <p>\u3000\u3000一是公开内容不够丰富。二是解读形式单一。</p>
  <p><b>六、其他需要报告的事项</b></p>
  <p>\u3000\u3000本年度未收取信息处理费。</p>
  <p align="right">城关镇人民政府</p><p align="right">2024年1月20日</p>
  </td></tr></table>
</td></tr>
<tr><td>版权所有：某县人民政府\u3000网站标识码：1234567890</td></tr></table>
</body></html>`;
}

