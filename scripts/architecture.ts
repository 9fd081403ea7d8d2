/*
 * Draws the package diagram of docs/architecture.md from the workspaces'
 * package.json files: each package with its one-line job (`description`)
 * and its dependencies on the other packages of the repository.
 *   node --require @backstage/cli-node/config/nodeTransform.cjs scripts/architecture.ts          writes it
 *   node --require @backstage/cli-node/config/nodeTransform.cjs scripts/architecture.ts --check  exits 1 when it is not current
 * A test (packages/backend/src/architecture.test.ts) runs the check.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const doc = path.join(root, 'docs', 'architecture.md');
const START =
  '<!-- architecture:start (scripts/architecture.ts writes this part) -->';
const END = '<!-- architecture:end -->';

interface Workspace {
  name: string;
  dir: string;
  role: string;
  job: string;
  uses: string[];
}

/** Where each kind of package sits in the diagram, left to right. */
const LAYERS: Array<[string, string[]]> = [
  ['Assembly', ['frontend', 'backend']],
  ['Frontend plugins', ['frontend-plugin']],
  ['Backend plugins and modules', ['backend-plugin', 'backend-plugin-module']],
  ['Node libraries', ['node-library']],
  ['Web libraries', ['web-library']],
  ['Common (browser and Node)', ['common-library']],
];

function readWorkspaces(): Workspace[] {
  const patterns: string[] = JSON.parse(
    fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
  ).workspaces;
  const dirs = patterns.flatMap(p => {
    const base = p.replace(/\/\*$/, '');
    return fs
      .readdirSync(path.join(root, base), { withFileTypes: true })
      .filter(e => e.isDirectory())
      .map(e => `${base}/${e.name}`)
      .filter(d => fs.existsSync(path.join(root, d, 'package.json')));
  });
  const manifests = dirs.map(dir => ({
    dir,
    json: JSON.parse(
      fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'),
    ),
  }));
  const names = new Set(manifests.map(m => m.json.name as string));
  return manifests
    .map(({ dir, json }) => ({
      name: json.name,
      dir,
      role: json.backstage?.role ?? 'other',
      job: json.description ?? '',
      uses: Object.keys(json.dependencies ?? {})
        .filter(d => names.has(d))
        .sort(),
    }))
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

const id = (name: string) =>
  name.replace(/^@internal\//, '').replace(/\W/g, '_');
const short = (name: string) => name.replace(/^@internal\/(plugin-)?/, '');

/** Problems that keep the diagram from saying what each package is for. */
function problems(workspaces: Workspace[]): string[] {
  return workspaces.flatMap(w => [
    ...(w.job ? [] : [`${w.dir}: package.json has no description (its job)`]),
    ...(LAYERS.some(([, roles]) => roles.includes(w.role))
      ? []
      : [`${w.dir}: role ${w.role} has no place in the diagram`]),
  ]);
}

function render(workspaces: Workspace[]): string {
  const lines = [START, '', '```mermaid', 'flowchart LR'];
  for (const [title, roles] of LAYERS) {
    const members = workspaces.filter(w => roles.includes(w.role));
    if (members.length === 0) continue;
    lines.push(`  subgraph ${id(title)}["${title}"]`);
    for (const w of members)
      lines.push(`    ${id(w.name)}["${short(w.name)}"]`);
    lines.push('  end');
  }
  for (const w of workspaces)
    for (const dep of w.uses) lines.push(`  ${id(w.name)} --> ${id(dep)}`);
  lines.push('```', '');
  lines.push(
    `${workspaces.length} packages, ${workspaces.reduce(
      (n, w) => n + w.uses.length,
      0,
    )} dependencies between them (an arrow: "uses").`,
    '',
    '| package | path | role | its job | uses |',
    '|---|---|---|---|---|',
  );
  for (const w of workspaces)
    lines.push(
      `| \`${w.name}\` | \`${w.dir}\` | ${w.role} | ${w.job.replace(
        /\|/g,
        '\\|',
      )} | ${w.uses.map(u => `\`${short(u)}\``).join(', ') || '—'} |`,
    );
  lines.push('', END);
  return lines.join('\n');
}

function main() {
  const workspaces = readWorkspaces();
  const found = problems(workspaces);
  if (found.length) {
    console.error(found.join('\n'));
    process.exit(1);
  }
  const current = fs.readFileSync(doc, 'utf8');
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  if (start < 0 || end < start) {
    console.error(`${doc} has no ${START} … ${END} part`);
    process.exit(1);
  }
  const next =
    current.slice(0, start) +
    render(workspaces) +
    current.slice(end + END.length);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error(
        `${path.relative(
          root,
          doc,
        )} is not current: run scripts/architecture.ts`,
      );
      process.exit(1);
    }
    console.log(
      `${path.relative(root, doc)} is current (${workspaces.length} packages)`,
    );
    return;
  }
  fs.writeFileSync(doc, next);
  console.log(
    `wrote ${path.relative(root, doc)} (${workspaces.length} packages)`,
  );
}

main();
