/** GB/T 9704-2012 page geometry, in PDF points (spec/report-format.md §6). */

export const mm = (value: number): number => (value * 72) / 25.4;

export const pageGeometry = {
  width: mm(210),
  height: mm(297),
  /** 天头 37 mm, 订口 28 mm; 版心 156 × 225 mm, so 35 mm below and 26 mm to the right. */
  margins: { top: mm(37), left: mm(28), right: mm(26), bottom: mm(35) },
  typeWidth: mm(156),
  typeHeight: mm(225),
  /** 22 lines in the 版心: one line is a character plus 7/8 of a 3号 character. */
  pitch: 28.95,
  /** 28 characters in 156 mm: 442.2 pt / 28 (3号 is 16 pt; 16 pt would give only 27). */
  bodySize: mm(156) / 28,
  /** 2号 title, 4号 版记 and page numbers, 五号 tables. */
  titleSize: 22,
  noteSize: 14,
  /** Red of the 版头, CMYK (0, 80, 80, 0): GB/T 9704 "红色 Y80% M80%". */
  red: [0, 80, 80, 0] as const,
  /** The 一字线 of the page number sits 7 mm below the 版心. */
  pageNumberGap: mm(7),
  /** 版记 rules: 0.35 mm for the first and last, 0.25 mm between. */
  thickRule: mm(0.35),
  thinRule: mm(0.25),
} as const;

/** pdfmake's lineHeight multiplier that puts a font of `size` on the line pitch. */
export function lineHeightFor(lineEm: number, size: number, pitch: number = pageGeometry.pitch): number {
  return pitch / (size * lineEm);
}
