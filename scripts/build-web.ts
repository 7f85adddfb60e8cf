// `npm run web:build`: the web app into web/dist, precompressed, with its sizes (docs/web-app.md).
import { buildWebApp } from './lib/web-build';

const report = buildWebApp();
const width = Math.max(...report.files.map((file) => file.file.length));
for (const file of report.files) {
  console.log(`web: ${file.file.padEnd(width)} ${kb(file.bytes).padStart(9)}  gzip ${kb(file.gzip).padStart(8)}`);
}
// What every first visit downloads: the entry script and style sheet (admin, integrations and the
// dashboard are separate chunks, loaded when opened).
const firstLoad = report.files.filter((file) => /^assets\/index-/.test(file.file)).reduce((sum, f) => sum + f.gzip, 0);
console.log(`web: built web/dist; first load ${kb(firstLoad)} gzip, ${kb(report.totalGzip)} gzip in all`);

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
