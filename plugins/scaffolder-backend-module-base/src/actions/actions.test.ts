import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parsePlatformTree } from '@internal/plugin-base-platform-node';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const CUSTOM_RESOURCES = ['Model', 'Orchestrator', 'Workflow', 'Config'];
import type { PublishConfig } from '../config';
import { validateRendered } from '@internal/platform-sandbox';
import { createComponentAddAction } from './componentAction';
import { listFiles } from './files';
import {
  createModuleRenderAction,
  createModuleValidateAction,
} from './moduleActions';
import { createPublishLocalAction } from './publishActions';
import { renderPlatformFolders } from '../render/platformFolders';

const exec = promisify(execFile);

/** The scaffolder's mock action context; outputs collected. */
function mockContext(input: Record<string, unknown>, workspacePath: string) {
  const outputs: Record<string, unknown> = {};
  const ctx = createMockActionContext({
    input: input as any,
    workspacePath,
    user: { ref: 'user:default/ada' },
  }) as any;
  // the mock's output is a jest.fn; keep what the action outputs by name
  ctx.output.mockImplementation((name: string, value: unknown) => {
    outputs[name] = value;
  });
  return { outputs, ctx };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'base-scaffold-'));

const system = (slug: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: `base-${slug}`, annotations: { 'base.io/module': slug } },
  spec: { owner: 'group:default/platform-team' },
});

const publish = (platformDir?: string): PublishConfig => ({
  mode: 'local',
  platformDir,
  branch: 'main',
  gitUrl: 'https://github.com/vsem-svoim/base-app-layer.git',
});

const OWNER: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'processing-analytics-team' },
  spec: { type: 'team', children: [] },
};

const deps = (entities: Entity[] = [], platformDir?: string) => ({
  catalog: catalogServiceMock({ entities: [OWNER, ...entities] }),
  auth: mockServices.auth(),
  publish: publish(platformDir),
});

const REQUEST = {
  moduleName: 'risk_analytics',
  domain: 'processing-analytics',
  owner: 'group:default/processing-analytics-team',
};

describe('base:module:validate', () => {
  const run = (input: Record<string, unknown>, entities: Entity[] = []) =>
    createModuleValidateAction(deps(entities)).handler(
      mockContext(input, tmp()).ctx,
    );

  it('accepts risk_analytics with the standard components', async () => {
    const { ctx, outputs } = mockContext(REQUEST, tmp());
    await createModuleValidateAction(deps()).handler(ctx);
    expect(outputs).toEqual({
      slug: 'risk-analytics',
      systemRef: 'system:default/base-risk-analytics',
    });
  });

  it.each([
    ['upper case', { moduleName: 'Risk_Analytics' }, /use lower case only/],
    [
      'a "-"',
      { moduleName: 'risk-analytics' },
      /contains "-": module folders use "_"/,
    ],
    ['a space', { moduleName: 'risk analytics' }, /contains a space/],
    ['a path', { moduleName: '../x' }, /"\.\.\/x" must not contain "\/"/],
    [
      'an object name over 63 characters',
      {
        moduleName: 'risk_analytics',
        components: {
          orchestrator: ['a-very-long-descriptor-that-overflows-dns'],
        },
      },
      /"base-risk-analytics-orchestrator-a-very-long-descriptor-that-overflows-dns" is 74 characters; Kubernetes object names are at most 63/,
    ],
    [
      'a duplicate descriptor',
      { components: { agent: ['collector', 'collector'] } },
      /components.agents: duplicate agent descriptor "collector"/,
    ],
    [
      'an unknown domain',
      { domain: 'finance' },
      /"finance" is not a BASE domain/,
    ],
    [
      'a module without agents',
      { components: { agent: [] } },
      /components.agents: a module needs at least one agent/,
    ],
    [
      '1,000 agents',
      {
        components: {
          agent: Array.from({ length: 1000 }, (_, i) => `agent-n${i}`),
        },
      },
      /components.agents: 1000 agents: the architecture allows 6/,
    ],
    [
      '7 agents without the override',
      {
        components: {
          agent: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(x => `agent-${x}`),
        },
      },
      /7 agents: the architecture allows 6 \(set allowMoreComponents to go up to 20\)/,
    ],
    [
      '21 agents even with the override',
      {
        allowMoreComponents: true,
        components: {
          agent: Array.from({ length: 21 }, (_, i) => `agent-n${i}`),
        },
      },
      /21 agents: at most 20 even with allowMoreComponents/,
    ],
    [
      'an owner the catalog does not have',
      { owner: 'group:default/nobody-team' },
      /owner: group:default\/nobody-team is not a Group in the catalog/,
    ],
  ])('refuses %s, saying why', async (_, override, message) => {
    await expect(run({ ...REQUEST, ...override })).rejects.toThrow(message);
  });

  it('accepts more components than the architecture with the documented override', async () => {
    const { ctx, outputs } = mockContext(
      {
        ...REQUEST,
        allowMoreComponents: true,
        components: {
          agent: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(x => `agent-${x}`),
        },
      },
      tmp(),
    );
    await createModuleValidateAction(deps()).handler(ctx);
    expect(outputs.slug).toBe('risk-analytics');
  });

  it('refuses a module the catalog already has', async () => {
    await expect(
      run({ ...REQUEST, moduleName: 'data_ingestion' }, [
        system('data-ingestion'),
      ]),
    ).rejects.toThrow(
      'moduleName: system:default/base-data-ingestion already exists in the catalog',
    );
  });
});

describe('base:module:render', () => {
  let workspace: string;
  let systemRef: unknown;
  beforeAll(async () => {
    workspace = tmp();
    const { ctx, outputs } = mockContext(
      { ...REQUEST, ingestionAgents: ['collector'] },
      workspace,
    );
    await createModuleRenderAction(deps()).handler(ctx);
    systemRef = outputs.systemRef;
  });

  it('writes the specs by the convention, in their type folders', async () => {
    expect(systemRef).toBe('system:default/base-risk-analytics');
    const files = await listFiles(workspace);
    const specs = files.filter(f =>
      /^risk_analytics\/[a-z]+\/base-[^/]+\.yaml$/.test(f),
    );
    expect(specs).toHaveLength(6 + 5 + 5 + 5 + 4 + 6);
    expect(files).toContain(
      'risk_analytics/agents/base-risk-analytics-agent-collector.yaml',
    );
    expect(files).toContain('risk_analytics/model-server.yaml');
    expect(files).toContain('risk_analytics/namespace.yaml');
    expect(files).toContain(
      'platform-services-v2/automation/gitops/applicationsets/base-layer-apps.yaml',
    );
    for (const folder of [
      '',
      'agents/',
      'models/',
      'orchestrators/',
      'workflows/',
      'configs/',
      'prompts/',
    ]) {
      expect(files).toContain(`risk_analytics/${folder}kustomization.yaml`);
    }
  });

  it('is read by the catalog provider without a finding, with 12 services', () => {
    const tree = parsePlatformTree(
      fs
        .readdirSync(workspace, { recursive: true })
        .map(String)
        .filter(f => fs.statSync(path.join(workspace, f)).isFile())
        .map(f => ({
          path: f,
          content: fs.readFileSync(path.join(workspace, f)),
        }))
        // committed into the platform tree: its node pools place the pods
        .concat(
          renderPlatformFolders().map(f => ({
            path: f.path,
            content: Buffer.from(f.content),
          })),
        ),
    );
    const module = tree.modules[0];
    expect(module.findings).toEqual([]);
    expect(tree.findings).toEqual([]);
    expect(module.wave).toBe(5);
    expect(module.application?.name).toBe('risk-analytics');
    const services = module.components.filter(
      c => ['agent', 'orchestrator'].includes(c.type) && c.workload,
    );
    expect(services.length).toBe(11);
    expect(module.modelServer.workload).toBeDefined();
  });

  it('renders with kubectl kustomize, every object valid against its schema', async () => {
    const { stdout } = await exec('kubectl', [
      'kustomize',
      path.join(workspace, 'risk_analytics'),
    ]);
    // the base.io/v1 custom resources have no schema here; the rest is validated
    const objects = validateRendered(stdout, CUSTOM_RESOURCES);
    const count = (kind: string) => objects.filter(o => o.kind === kind).length;
    expect(count('Namespace')).toBe(1);
    expect(count('Deployment')).toBe(12);
    expect(count('Service')).toBe(12);
    expect(count('HorizontalPodAutoscaler')).toBe(12);
    // each agent's config and the six prompts
    expect(count('ConfigMap')).toBe(6 + 6);
    expect(count('Model')).toBe(5);
    expect(count('Orchestrator')).toBe(5);
    expect(count('Workflow')).toBe(5);
    expect(count('Config')).toBe(4);
    for (const o of objects)
      expect(o.metadata.namespace ?? o.metadata.name).toBe(
        'base-risk-analytics',
      );
    const collector = objects.find(
      o =>
        o.kind === 'Deployment' &&
        o.metadata.name === 'base-risk-analytics-agent-collector',
    );
    const pod = collector.spec.template;
    expect(pod.metadata.labels['backstage.io/kubernetes-id']).toBe(
      'base-risk-analytics-agent-collector',
    );
    expect(pod.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9090',
      'base.io/ingestion-metrics':
        'base_ingestion_bytes_total,base_ingestion_records_total',
    });
    expect(pod.spec.containers[0].livenessProbe.httpGet.path).toBe(
      '/health/live',
    );
    const hpa = objects.find(o => o.kind === 'HorizontalPodAutoscaler');
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([2, 20]);
  });

  it('adds the module to the module ApplicationSet in the wave of the domain', () => {
    const set = parse(
      fs.readFileSync(
        path.join(
          workspace,
          'platform-services-v2/automation/gitops/applicationsets/base-layer-apps.yaml',
        ),
        'utf8',
      ),
    );
    expect(set.kind).toBe('ApplicationSet');
    expect(set.spec.generators[0].list.elements).toEqual([
      expect.objectContaining({
        module: 'risk_analytics',
        name: 'risk-analytics',
        namespace: 'base-risk-analytics',
        wave: '5',
      }),
    ]);
  });
});

describe('base:component:add and base:publish:local', () => {
  let platformDir: string;
  let published: { commit: unknown; events: unknown };
  const git = (...args: string[]) => exec('git', args, { cwd: platformDir });

  beforeAll(async () => {
    platformDir = tmp();
    await git('init', '-q', '-b', 'main');
    const workspace = tmp();
    await createModuleRenderAction(deps()).handler(
      mockContext(REQUEST, workspace).ctx,
    );
    const events = mockServices.events.mock();
    const { ctx, outputs } = mockContext(
      { commitMessage: 'Add module risk_analytics' },
      workspace,
    );
    await createPublishLocalAction({
      publish: publish(platformDir),
      events,
    }).handler(ctx);
    published = { commit: outputs.commit, events: events.publish };
  });

  const agents = ['collector', 'validator'].map(d => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `base-risk-analytics-agent-${d}`,
      annotations: {
        'base.io/module': 'risk-analytics',
        'base.io/type': 'agent',
        'base.io/descriptor': d,
      },
    },
    spec: {},
  }));

  it('committed the module into the platform tree', async () => {
    expect(published.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(published.events).toHaveBeenCalledWith(
      expect.objectContaining({ topic: 'base-platform.changed' }),
    );
    const { stdout } = await git('log', '--format=%s%n%b', '-1');
    expect(stdout).toContain('Add module risk_analytics');
    expect(stdout).toContain('Requested by user:default/ada');
    expect(
      fs.existsSync(
        path.join(platformDir, 'risk_analytics/kustomization.yaml'),
      ),
    ).toBe(true);
    // nothing left aside
    expect(fs.readdirSync(platformDir).filter(f => f.endsWith('.tmp'))).toEqual(
      [],
    );
  });

  it('adds an agent, updating the kustomization in place, and publishes it', async () => {
    const workspace = tmp();
    const { ctx, outputs } = mockContext(
      {
        module: 'system:default/base-risk-analytics',
        componentType: 'agent',
        descriptor: 'exposure-calculator',
      },
      workspace,
    );
    await createComponentAddAction(
      deps([system('risk-analytics'), ...agents], platformDir),
    ).handler(ctx);
    expect(outputs.entityRef).toBe(
      'component:default/base-risk-analytics-agent-exposure-calculator',
    );
    const kustomization = fs.readFileSync(
      path.join(workspace, 'risk_analytics/agents/kustomization.yaml'),
      'utf8',
    );
    expect(kustomization).toContain('base-risk-analytics-agent-collector.yaml');
    expect(kustomization).toContain(
      'base-risk-analytics-agent-exposure-calculator.yaml',
    );

    const events = mockServices.events.mock();
    await createPublishLocalAction({
      publish: publish(platformDir),
      events,
    }).handler(mockContext({ commitMessage: 'Add agent' }, workspace).ctx);
    const { stdout } = await exec('kubectl', [
      'kustomize',
      path.join(platformDir, 'risk_analytics'),
    ]);
    const names = validateRendered(stdout, CUSTOM_RESOURCES)
      .filter(o => o.kind === 'Deployment')
      .map(o => o.metadata.name);
    expect(names).toContain('base-risk-analytics-agent-exposure-calculator');
    expect(names).toHaveLength(13);
  });

  it('refuses a duplicate, a bad descriptor and an unknown module', async () => {
    const run = (input: Record<string, unknown>) =>
      createComponentAddAction(
        deps([system('risk-analytics'), ...agents], platformDir),
      ).handler(mockContext(input, tmp()).ctx);
    const module = 'system:default/base-risk-analytics';
    await expect(
      run({ module, componentType: 'agent', descriptor: 'collector' }),
    ).rejects.toThrow(
      'descriptor: base-risk-analytics-agent-collector already exists',
    );
    await expect(
      run({ module, componentType: 'agent', descriptor: '../etc' }),
    ).rejects.toThrow(/must not contain/);
    await expect(
      run({ module, componentType: 'pipeline', descriptor: 'x' }),
    ).rejects.toThrow(/"pipeline" is not a component type/);
    await expect(
      run({
        module: 'system:default/base-nope',
        componentType: 'agent',
        descriptor: 'x',
      }),
    ).rejects.toThrow(
      'module: system:default/base-nope is not a BASE module in the catalog',
    );
  });

  it('refuses to overwrite what exists', async () => {
    const workspace = tmp();
    await createModuleRenderAction(deps()).handler(
      mockContext(REQUEST, workspace).ctx,
    );
    fs.rmSync(path.join(workspace, 'risk_analytics/agents/kustomization.yaml'));
    await expect(
      createPublishLocalAction({
        publish: publish(platformDir),
        events: mockServices.events.mock(),
      }).handler(mockContext({ commitMessage: 'again' }, workspace).ctx),
    ).rejects.toThrow(
      'risk_analytics/README.md already exists in the platform tree',
    );
  });
});
