import { validateComponentName } from '@internal/plugin-base-platform-common';
import {
  parsePlatformTree,
  PlatformFile,
  readDirectoryTree,
} from '@internal/plugin-base-platform-node';
import path from 'node:path';
import { buildEntities } from './buildEntities';

const file = (p: string, content: string): PlatformFile => ({
  path: p,
  content: Buffer.from(content),
});

const moduleYaml = (wave = 4) =>
  file(
    'data_ingestion/module.yaml',
    `kind: Module\ndomain: data-foundation\nowner: group:default/data-foundation-team\nwave: ${wave}\n`,
  );
const agent = (descriptor: string, extra = '') =>
  file(
    `data_ingestion/agents/base-data-ingestion-agent-${descriptor}.yaml`,
    `kind: Agent\ndescriptor: ${descriptor}\nports: { http: 8080, metrics: 9090 }\nhealth: [/health/live]\n${extra}`,
  );

/** A module with 4 agents and every defect the provider must report. */
const defective: PlatformFile[] = [
  moduleYaml(5),
  agent(
    'data-collector',
    'dependsOn:\n  agents: [data-connector, data-retry]\n  modules: [no-such-module]\n',
  ),
  agent('data-connector'),
  file(
    'data_ingestion/agents/base-data-ingestion-agent-data-converter.yaml',
    '',
  ),
  file(
    'data_ingestion/agents/base-data-ingestion-agent-data-merger.yaml',
    'kind: Agent\n  bad: [indent\n',
  ),
  file(
    'data_ingestion/agents/base-ingest-agent-scheduler.yaml',
    'kind: Agent\n',
  ),
  file('data_ingestion/agents/ingest-agents-README.md', '# agents'),
  file('data_ingestion/scripts/run.sh', 'echo'),
  file(
    'data_ingestion/configs/base-data-ingestion-config-source-mappings.yaml',
    'kind: Config\nreadBy: [data-collector]\n',
  ),
];

describe('parsePlatformTree', () => {
  const tree = parsePlatformTree(defective);
  const module = tree.modules[0];
  const rules = (rule: string) =>
    module.findings.filter(f => f.rule === rule).map(f => f.file);

  it('reads the module with its domain, owner and declared wave', () => {
    expect(tree.modules).toHaveLength(1);
    expect(module).toMatchObject({
      folder: 'data_ingestion',
      slug: 'data-ingestion',
      domain: 'data-foundation',
      owner: 'group:default/data-foundation-team',
      wave: 5,
    });
  });

  it('reports each defect, naming the file', () => {
    expect(rules('empty-spec')).toEqual([
      'data_ingestion/agents/base-data-ingestion-agent-data-converter.yaml',
    ]);
    expect(rules('invalid-spec')).toEqual([
      'data_ingestion/agents/base-data-ingestion-agent-data-merger.yaml',
    ]);
    expect(rules('naming')).toEqual([
      'data_ingestion/agents/base-ingest-agent-scheduler.yaml',
      'data_ingestion/agents/ingest-agents-README.md',
    ]);
    expect(rules('unknown-folder')).toEqual(['data_ingestion/scripts/run.sh']);
    expect(rules('wave')).toEqual(['data_ingestion/module.yaml']);
    expect(
      module.findings.filter(f => f.rule === 'dependency').map(f => f.message),
    ).toEqual([
      'depends on agent "data-retry", which module data_ingestion does not have',
      'depends on module "no-such-module", which does not exist',
    ]);
    expect(
      module.findings.find(
        f => f.rule === 'count' && f.file?.endsWith('agents'),
      )?.message,
    ).toBe('4 agents, the architecture asks for 6');
  });

  it('still ingests everything else, marking empty and invalid specs', () => {
    const entities = buildEntities(tree, 'file:/tree/');
    const names = entities.map(e => e.metadata.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'base-data-ingestion',
        'base-data-ingestion-agent-data-collector',
        'base-data-ingestion-agent-data-connector',
        'base-data-ingestion-agent-data-converter',
        'base-data-ingestion-agent-data-merger',
        'base-data-ingestion-config-source-mappings',
        'base-data-ingestion-model-server',
      ]),
    );
    expect(names).not.toContain('base-ingest-agent-scheduler');
    const status = (name: string) =>
      entities.find(e => e.metadata.name === name)?.metadata.annotations?.[
        'base.io/spec-status'
      ];
    expect(status('base-data-ingestion-agent-data-converter')).toBe('empty');
    expect(status('base-data-ingestion-agent-data-merger')).toBe('invalid');
    expect(status('base-data-ingestion-agent-data-collector')).toBe('present');
  });

  it('relates only to what exists', () => {
    const entities = buildEntities(tree, 'file:/tree/');
    const collector = entities.find(
      e => e.metadata.name === 'base-data-ingestion-agent-data-collector',
    )!;
    expect(collector.spec?.dependsOn).toEqual([
      'component:default/base-data-ingestion-agent-data-connector',
    ]);
    const config = entities.find(
      e => e.metadata.name === 'base-data-ingestion-config-source-mappings',
    )!;
    expect(config.spec?.dependencyOf).toEqual([
      'component:default/base-data-ingestion-agent-data-collector',
    ]);
  });

  it('never throws on garbage', () => {
    expect(() =>
      parsePlatformTree([
        file('x/agents/base-x-agent-a.yaml', '\u0000\u0001: ['),
        file('platform.yaml', '- not a mapping'),
      ]),
    ).not.toThrow();
  });
});

describe('the example platform', () => {
  it('holds the complete BASE platform, every name valid', async () => {
    const files = await readDirectoryTree(
      path.resolve(__dirname, '../../../../examples/base-platform'),
    );
    const entities = buildEntities(parsePlatformTree(files), 'file:/x/');
    const count = (kind: string, type?: string) =>
      entities.filter(
        e =>
          e.kind === kind &&
          (!type || e.spec?.type === type) &&
          (kind === 'Domain' || e.metadata.annotations?.['base.io/module']),
      ).length;
    expect(count('Domain')).toBe(4);
    expect(count('System')).toBe(14);
    expect(count('Component', 'service')).toBe(168);
    expect(count('Component', 'ml-model')).toBe(70);
    expect(count('Component', 'workflow')).toBe(70);
    expect(count('Resource', 'config')).toBe(56);
    expect(count('Resource', 'prompt')).toBe(84);
    for (const e of entities.filter(
      x => x.metadata.annotations?.['base.io/type'],
    )) {
      if (e.metadata.annotations?.['base.io/type'] === 'model-server') continue;
      expect([e.metadata.name, validateComponentName(e.metadata.name)]).toEqual(
        [e.metadata.name, []],
      );
    }
  });

  it('marks ingestion agents, and only them, with their throughput target', () => {
    const entities = buildEntities(
      parsePlatformTree([
        moduleYaml(),
        agent('data-collector', 'ingestion: true\nthroughputTarget: 100GB/h\n'),
        agent(
          'data-converter',
          'ingestion: true\nthroughputTarget: 50 GB/hour\n',
        ),
        agent('data-merger', 'ingestion: true\n'),
        agent('data-connector'),
      ]),
      'file:/x/',
    );
    const target = (descriptor: string) =>
      entities.find(
        e => e.metadata.name === `base-data-ingestion-agent-${descriptor}`,
      )?.metadata.annotations?.['base.io/throughput-target-gb-per-hour'];
    expect(target('data-collector')).toBe('100');
    expect(target('data-converter')).toBe('50');
    // an ingestion agent whose spec states no target gets the default
    expect(target('data-merger')).toBe('100');
    expect(target('data-connector')).toBeUndefined();
  });
});
