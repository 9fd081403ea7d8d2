/**
 * Local stand-in for the BASE platform's clusters, ArgoCD and ingestion metrics.
 *
 * @packageDocumentation
 */
export {
  createSandbox,
  roadieArgoCdConfig,
  sandboxKubernetesConfig,
} from './createSandbox';
export type { Sandbox, SandboxOptions } from './createSandbox';
export type { ClusterScale } from './kubernetes/buildBaseCluster';
export { loadPlatform, platformFromTree } from './platform/loadPlatform';
export type {
  SandboxModule,
  SandboxPlatform,
  SandboxService,
} from './platform/loadPlatform';
export { SCENARIOS } from './scenarios';
export type { ScenarioName } from './scenarios';
export { startPrometheus } from './testing/startPrometheus';
export type { TestPrometheus } from './testing/startPrometheus';
export { validateRendered } from './testing/validateRendered';
export { TOOL_STAND_INS, TOOL_STATES } from './tools/createToolsApi';
export type { ToolState } from './tools/createToolsApi';
