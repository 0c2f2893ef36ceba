// Regenerates assets/icon.png (1024 px, for electron-builder: dmg, nsis, AppImage, deb) and
// assets/icon-256.png (the window icon) from assets/icon.svg, rendered by Debian's Chromium.
// Run by hand after editing the SVG: node electron/render-icons.mjs
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const assets = path.resolve(import.meta.dirname, '../assets');
const svg = readFileSync(path.join(assets, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  for (const [size, name] of [
    [1024, 'icon.png'],
    [256, 'icon-256.png'],
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    await page.screenshot({ path: path.join(assets, name), omitBackground: true });
    await page.close();
    console.log(`wrote assets/${name}`);
  }
} finally {
  await browser.close();
}
