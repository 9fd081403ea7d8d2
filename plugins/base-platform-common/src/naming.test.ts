import {
  formatComponentName,
  moduleFolderFromSlug,
  moduleSlugFromFolder,
  parseComponentName,
  validateComponentName,
  validateModuleFolder,
} from './naming';

describe('parseComponentName', () => {
  it.each([
    [
      'base-data-ingestion-agent-data-collector',
      { module: 'data-ingestion', type: 'agent', descriptor: 'data-collector' },
    ],
    [
      'base-pipeline-management-orchestrator-master-manager',
      {
        module: 'pipeline-management',
        type: 'orchestrator',
        descriptor: 'master-manager',
      },
    ],
    [
      'base-data-quality-prompt-detector-configmap',
      {
        module: 'data-quality',
        type: 'prompt',
        descriptor: 'detector-configmap',
      },
    ],
    [
      'base-data-control-model-drift-detection',
      { module: 'data-control', type: 'model', descriptor: 'drift-detection' },
    ],
  ])('%s', (name, parts) => {
    expect(parseComponentName(name)).toEqual(parts);
  });

  it('prefers a known module whose slug holds a type word', () => {
    expect(
      parseComponentName('base-model-registry-agent-indexer', [
        'model-registry',
      ]),
    ).toEqual({
      module: 'model-registry',
      type: 'agent',
      descriptor: 'indexer',
    });
  });

  it.each([
    'base-ingest-prompt',
    'ingest-agents-README',
    'base-data-ingestion',
  ])('has no parts: %s', name =>
    expect(parseComponentName(name)).toBeUndefined(),
  );
});

describe('validateComponentName', () => {
  it.each([
    'base-data-ingestion-agent-data-collector',
    'base-data-storage-config-storage-tiers',
    'base-risk-analytics-workflow-var-calc2',
    `base-a-agent-${'x'.repeat(63 - 'base-a-agent-'.length)}`,
  ])('accepts %s', name => {
    expect(validateComponentName(name)).toEqual([]);
  });

  it.each([
    ['upper case', 'base-Data-ingestion-agent-collector', 'case'],
    ['_ in the slug', 'base-data_ingestion-agent-collector', 'characters'],
    ['unknown type', 'base-data-ingestion-service-collector', 'type'],
    ['empty descriptor', 'base-data-ingestion-agent', 'descriptor'],
    ['empty descriptor after -', 'base-data-ingestion-agent-', 'descriptor'],
    ['too long', `base-data-ingestion-agent-${'x'.repeat(40)}`, 'too-long'],
    ['..', 'base-data-ingestion-agent-..collector', 'characters'],
    ['/', 'base-data-ingestion-agent-a/b', 'characters'],
    ['no base- prefix', 'data-ingestion-agent-collector', 'prefix'],
    ['leading digit in the module', 'base-1data-agent-collector', 'segment'],
    [
      'leading digit in the descriptor',
      'base-data-ingestion-agent-9collector',
      'descriptor',
    ],
    ['trailing -', 'base-data-ingestion-agent-collector-', 'descriptor'],
    ['space', 'base-data ingestion-agent-collector', 'characters'],
  ])('refuses %s: %s', (_what, name, code) => {
    const problems = validateComponentName(name);
    expect(problems.map(p => p.code)).toContain(code);
    expect(problems.every(p => p.message.length > 0)).toBe(true);
  });
});

describe('module folders and slugs', () => {
  it.each([
    ['data_ingestion', 'data-ingestion'],
    ['risk_analytics', 'risk-analytics'],
    ['quality_monitoring', 'quality-monitoring'],
  ])('%s <-> %s', (folder, slug) => {
    expect(moduleSlugFromFolder(folder)).toBe(slug);
    expect(moduleFolderFromSlug(slug)).toBe(folder);
  });

  it.each([
    ['Risk_analytics', 'case'],
    ['risk-analytics', 'characters'],
    ['risk analytics', 'characters'],
    ['../x', 'characters'],
    ['1risk', 'characters'],
    ['risk_', 'characters'],
  ])('refuses the folder %s', (folder, code) => {
    expect(validateModuleFolder(folder).map(p => p.code)).toContain(code);
  });

  it('accepts risk_analytics', () => {
    expect(validateModuleFolder('risk_analytics')).toEqual([]);
  });
});

describe('formatComponentName', () => {
  it('formats and round-trips', () => {
    const name = formatComponentName({
      module: 'data-ingestion',
      type: 'agent',
      descriptor: 'data-collector',
    });
    expect(name).toBe('base-data-ingestion-agent-data-collector');
    expect(parseComponentName(name)?.descriptor).toBe('data-collector');
  });

  it('refuses what it cannot format validly', () => {
    expect(() =>
      formatComponentName({ module: 'data', type: 'agent', descriptor: '' }),
    ).toThrow(/descriptor/);
  });
});
