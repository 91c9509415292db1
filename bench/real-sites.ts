import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { errorMessage } from '../lambda/core/domain/error-message';
import { summarize, type RequestResult, type Summary } from './lib/real-sites-judge';
import { runSiteRequest } from './lib/run-site-request';
import { loadSitesFolder, type SitesFolder } from './lib/site-requests';

/**
 * Everyday /ux-update requests against whole website repositories, each confirmed on a fresh
 * local git copy and judged against requests.json: `npm run bench:real-sites -- [folder …]`
 * (default: ../shared/real-sites when it exists, and examples/sites). Always exits 0: it
 * measures the agent, it does not gate a build.
 */
const DEFAULT_FOLDERS = ['../shared/real-sites', 'examples/sites'];
const REASON_WIDTH = 110;

function printTable(rows: Array<Record<string, string>>): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(columns.map((column) => row[column])));
}

const cut = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

function summaryRow(name: string, summary: Summary): Record<string, string> {
  return {
    '': name,
    requests: String(summary.requests),
    correct: String(summary.correct),
    asked: `${summary.asked} (${summary.rightlyAsked} rightly)`,
    refused: String(summary.refused),
    wrong: String(summary.wrong),
    errors: String(summary.errors),
    '% correct or rightly asked': `${summary.rightPercent.toFixed(0)} %`,
  };
}

async function runFolder(folder: SitesFolder, label: string): Promise<RequestResult[]> {
  const all: RequestResult[] = [];
  for (const name of folder.missing) console.log(`\n${label}: requests.json lists ${name}, but there is no folder ${name}/; skipped.`);
  for (const site of folder.sites) {
    const started = performance.now();
    const results: RequestResult[] = [];
    for (const request of site.requests) results.push(await runSiteRequest(site.directory, request));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`\n## ${label}/${site.name}${site.generic ? ' (not in requests.json: generic requests, judged generically)' : ''} · ${seconds} s`);
    printTable(results.map((r) => ({ id: r.id, outcome: r.outcome, 'correct?': r.correct ? 'yes' : 'no', reason: cut(r.reason, REASON_WIDTH) })));
    all.push(...results);
  }
  return all;
}

async function main(): Promise<void> {
  // The SDK's Node-version notice would drown the tables.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const given = process.argv.slice(2);
  const folders = given.length > 0 ? given : DEFAULT_FOLDERS.filter((folder) => existsSync(folder));
  const perFolder: Array<{ label: string; results: RequestResult[] }> = [];
  for (const folder of folders) {
    const label = relative(process.cwd(), resolve(folder)) || '.';
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      console.error(`${folder} is not a folder; give folders that hold site folders and a requests.json.`);
      continue;
    }
    try {
      perFolder.push({ label, results: await runFolder(loadSitesFolder(folder), label) });
    } catch (error) {
      console.error(`${label} could not be benchmarked: ${errorMessage(error)}`);
    }
  }
  const everything = perFolder.flatMap((f) => f.results);
  const overall = summarize(everything);
  console.log('\n## Summary: correct = committed edit judged right; asked = clarification or choice (rightly where requests.json allows a question)');
  printTable([...perFolder.map((f) => summaryRow(f.label, summarize(f.results))), summaryRow('overall', overall)]);
  console.log(`\n${'='.repeat(20)}\nWRONG EDITS: ${overall.wrong}${overall.wrong > 0 ? '  (a Confirm button that would commit the wrong change)' : ''}\n${'='.repeat(20)}`);
}

main().catch((error: unknown) => {
  console.error(`The benchmark failed: ${errorMessage(error)}`);
});
