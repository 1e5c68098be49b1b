import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, headless, with no background traffic (the machine has no network). */
export function launch(options: { shippedFonts?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ...(options.shippedFonts ? { env: { ...definedEnv(), FONTCONFIG_FILE: shippedFontsConfig() } } : {}),
  });
}

/**
 * A fontconfig file that adds the shipped Fandol fonts (fonts/) to the system's: the machine may
 * have no Chinese font, and a page printed in .notdef boxes reads back as no text.
 */
function shippedFontsConfig(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-fc-'));
  mkdirSync(path.join(dir, 'cache'));
  const file = path.join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${path.resolve('fonts')}</dir><cachedir>${path.join(dir, 'cache')}</cachedir></fontconfig>\n`,
  );
  return file;
}

function definedEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
}
