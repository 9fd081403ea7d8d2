import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/*
 * The templates are run by people in the form and by assistants through the
 * scaffolder's dry-run and execute tools (MCP), which see only the schema:
 * every input says what it takes.
 */
const TEMPLATES = path.resolve(__dirname, '../../../templates');

describe('the templates under templates/', () => {
  const names = fs
    .readdirSync(TEMPLATES, { withFileTypes: true })
    .filter(e => e.isDirectory())
    .map(e => e.name);

  it('are the module and component templates', () => {
    expect(names.sort()).toEqual(['base-component', 'base-module']);
  });

  it.each(names)(
    '%s documents every input with a title and a description',
    name => {
      const template = parse(
        fs.readFileSync(path.join(TEMPLATES, name, 'template.yaml'), 'utf8'),
      );
      const inputs = (template.spec.parameters as any[]).flatMap(page =>
        Object.entries(page.properties ?? {}),
      ) as Array<[string, { title?: string; description?: string }]>;
      expect(inputs.length).toBeGreaterThan(2);
      const undocumented = inputs
        .filter(([, p]) => !p.title || (p.description ?? '').length < 20)
        .map(([key]) => key);
      expect(undocumented).toEqual([]);
    },
  );
});
