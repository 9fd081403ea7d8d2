import type { ModuleRequest } from '@internal/plugin-base-platform-common';
import {
  addToApplicationSet,
  MODULE_APPLICATIONSET,
  ModuleDescription,
  RenderedFile,
  renderModuleFolder,
} from './platformShapes';

/** What the renderer writes for a scaffolder request: the architecture's defaults filled in. */
export function describeRequest(request: ModuleRequest): ModuleDescription {
  const agents = request.components.agent;
  const ingestion = new Set(request.ingestionAgents ?? []);
  const agentFor = (descriptor: string) => {
    const short = descriptor.replace(/-configmap$/, '');
    return agents.find(a => a === short || a.endsWith(`-${short}`));
  };
  return {
    folder: request.moduleName,
    domain: request.domain,
    owner: request.owner,
    lifecycle: 'experimental',
    description: request.description,
    agents: agents.map(descriptor => ({
      descriptor,
      description: `The ${descriptor} agent of the ${request.moduleName} module.`,
      ...(ingestion.has(descriptor) ? { throughputTarget: '100GB/hour' } : {}),
    })),
    models: request.components.model.map(descriptor => ({ descriptor })),
    orchestrators: request.components.orchestrator.map(descriptor => ({
      descriptor,
      manages: agents,
    })),
    workflows: request.components.workflow.map(descriptor => ({
      descriptor,
      steps: agents.slice(0, 3),
    })),
    configs: request.components.config.map(descriptor => ({
      descriptor,
      readBy: agents,
    })),
    prompts: request.components.prompt.map(descriptor => {
      const agent = agentFor(descriptor);
      return { descriptor, ...(agent ? { readBy: [agent] } : {}) };
    }),
  };
}

/**
 * Every file of a new module in the real repository's shapes — its folder
 * (agent manifests, custom resources, prompts, kustomizations, namespace,
 * model server, README) and the module ApplicationSet with its element
 * added. Pure; the request must be valid.
 */
export function renderModule(
  request: ModuleRequest,
  existingApplicationSet?: string,
): RenderedFile[] {
  const description = describeRequest(request);
  return [
    ...renderModuleFolder(description),
    {
      path: MODULE_APPLICATIONSET,
      content: addToApplicationSet(existingApplicationSet, description),
    },
  ];
}
