/*
 * `./portal check DIR [--json]`: reads a platform tree offline with the
 * catalog provider's reader and prints its modules, services and findings;
 * exits 1 when a finding is an error, 2 when the tree cannot be read.
 */
import { readDirectoryTree } from '../discover';
import { parsePlatformTree } from '../tree/parsePlatformTree';
import { checkReport, formatCheckReport } from './checkReport';

async function main(args: string[]) {
  const json = args.includes('--json');
  const dirs = args.filter(a => !a.startsWith('--'));
  if (dirs.length !== 1) {
    process.stderr.write('usage: ./portal check DIR [--json]\n');
    return 2;
  }
  let files;
  try {
    files = await readDirectoryTree(dirs[0]);
  } catch (error) {
    process.stderr.write(
      `cannot read ${dirs[0]}: ${(error as Error).message}\n`,
    );
    return 2;
  }
  const report = checkReport(parsePlatformTree(files));
  process.stdout.write(
    json
      ? `${JSON.stringify(report, null, 2)}\n`
      : `${formatCheckReport(report)}\n`,
  );
  return report.summary.errors > 0 ? 1 : 0;
}

// exitCode, not exit(): a piped stdout is written out before the process ends
main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exitCode = 2;
  },
);
