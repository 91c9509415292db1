import { existsSync, statSync } from 'node:fs';

export interface BenchArguments {
  /** `--site <folder>`, when given. */
  site?: string;
  /** The first bare number, when given. */
  runs?: number;
}

/** `[runs] [--site <folder>]` in any order; an unknown flag or a missing folder is an error that says what to give. */
export function benchArguments(argv: readonly string[], usage: string): BenchArguments {
  const parsed: BenchArguments = {};
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] as string;
    if (argument === '--site') {
      const folder = argv[++i];
      if (!folder) throw new Error(`--site needs a folder. Usage: ${usage}`);
      if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new Error(`${folder} is not a folder; give a website repository's folder to --site.`);
      parsed.site = folder;
    } else if (/^\d+$/.test(argument) && Number(argument) > 0) {
      parsed.runs = Number(argument);
    } else {
      throw new Error(`Unknown argument "${argument}". Usage: ${usage}`);
    }
  }
  return parsed;
}
