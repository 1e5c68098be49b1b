/**
 * Font roles of a 公文 and where each resolves: the source's 字体 → fonts beside the report →
 * installed system fonts → the Fandol family shipped in fonts/. Names and files, as data.
 */
import type { FONT_ROLES } from '../model/fields.js';

export type FontRole = (typeof FONT_ROLES)[number];

/** File names of the usual installed faces for each role (Windows, macOS, Linux, 方正). */
export const SYSTEM_FONT_FILES: Readonly<Record<FontRole, readonly string[]>> = {
  正文: ['仿宋_GB2312.ttf', 'FangSong_GB2312.ttf', 'simfang.ttf', '仿宋.ttf', 'FZFSK.TTF', '方正仿宋_GBK.ttf', 'STFangsong.ttf'],
  标题: ['方正小标宋简体.ttf', '方正小标宋_GBK.ttf', 'FZXBSJW.TTF', 'FZXBSK.TTF', 'FZXiaoBiaoSong-B05S.ttf'],
  发文机关标志: ['方正小标宋简体.ttf', '方正小标宋_GBK.ttf', 'FZXBSJW.TTF', 'FZXBSK.TTF', 'FZXiaoBiaoSong-B05S.ttf'],
  一级标题: ['黑体.ttf', 'simhei.ttf', 'FZHTK.TTF', '方正黑体_GBK.ttf', 'STHeiti.ttf'],
  二级标题: ['楷体_GB2312.ttf', 'KaiTi_GB2312.ttf', 'simkai.ttf', '楷体.ttf', 'FZKTK.TTF', '方正楷体_GBK.ttf', 'STKaiti.ttf'],
  页码: ['宋体.ttf', 'simsun.ttf', 'FZSSK.TTF', '方正书宋_GBK.ttf', 'STSong.ttf'],
};

/** The shipped fallback for each role (fonts/, converted Fandol TrueType). */
export const SHIPPED_FONT_FILES: Readonly<Record<FontRole, string>> = {
  正文: 'FandolFang-Regular.ttf',
  标题: 'FandolSong-Bold.ttf',
  发文机关标志: 'FandolSong-Bold.ttf',
  一级标题: 'FandolHei-Regular.ttf',
  二级标题: 'FandolKai-Regular.ttf',
  页码: 'FandolSong-Regular.ttf',
};

/** Where system fonts live; searched by file name, once per process. */
export function systemFontDirectories(home: string, platform: NodeJS.Platform): string[] {
  if (platform === 'win32') return ['C:\\Windows\\Fonts', `${home}\\AppData\\Local\\Microsoft\\Windows\\Fonts`];
  if (platform === 'darwin') return ['/Library/Fonts', '/System/Library/Fonts', `${home}/Library/Fonts`];
  return ['/usr/share/fonts', '/usr/local/share/fonts', `${home}/.fonts`, `${home}/.local/share/fonts`];
}
