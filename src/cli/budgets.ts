// Budgets and CI summaries at the CLI's edge: prints each budget's result on stderr, writes the
// Markdown summary to --markdown and to GitHub's step summary when the job has one.

import { appendFile } from 'node:fs/promises';
import { checkBudgets, type Budget } from '../analyze/budgets.js';
import type { Summary } from '../analyze/summary.js';
import { fromWriteError } from '../errors.js';
import { budgetLines } from '../report/budgets.js';
import { renderMarkdown } from '../report/markdown.js';
import { writeOutput } from './output.js';

/** Checks the budgets, says each result, writes the Markdown; true when a budget failed. */
export async function applyBudgets(summary: Summary, budgets: Budget[], markdownPath: string | undefined, title?: string): Promise<boolean> {
  const results = checkBudgets(summary, budgets);
  for (const line of budgetLines(results)) process.stderr.write(`gclog: ${line}\n`);
  await writeMarkdown(renderMarkdown(summary, results, title), markdownPath);
  return results.some((result) => result.failed);
}

/** To --markdown (atomically), and appended to `$GITHUB_STEP_SUMMARY` (GitHub Actions' job page) when set. */
export async function writeMarkdown(markdown: string, path: string | undefined): Promise<void> {
  if (path !== undefined) {
    try {
      await writeOutput(path, markdown);
    } catch (error) {
      throw fromWriteError(error, path, '--markdown');
    }
  }
  const stepSummary = process.env['GITHUB_STEP_SUMMARY'];
  if (stepSummary) {
    try {
      await appendFile(stepSummary, `${markdown}\n`);
    } catch (error) {
      throw fromWriteError(error, stepSummary, 'GITHUB_STEP_SUMMARY');
    }
  }
}
