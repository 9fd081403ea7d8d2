/**
 * Local stand-in for the BASE platform's clusters, ArgoCD and ingestion metrics.
 *
 * @packageDocumentation
 */
export {
  createSandbox,
  roadieArgoCdConfig,
  sandboxKubernetesConfig,
  sandboxSpotPriceConfig,
} from './createSandbox';
export { SANDBOX_ON_DEMAND, sandboxSpotPrice } from './aws/createEc2Api';
export type { Sandbox, SandboxOptions } from './createSandbox';
export type { ClusterScale } from './kubernetes/buildBaseCluster';
export { loadPlatform, platformFromTree } from './platform/loadPlatform';
export type {
  SandboxModule,
  SandboxPlatform,
  SandboxService,
} from './platform/loadPlatform';
export { AFFECTED, DRIFT, SCENARIOS } from './scenarios';
export type { ScenarioName } from './scenarios';
export { startPrometheus } from './testing/startPrometheus';
export type { TestPrometheus } from './testing/startPrometheus';
export { validateRendered } from './testing/validateRendered';
export { TOOL_STAND_INS, TOOL_STATES } from './tools/createToolsApi';
export type { ToolState } from './tools/createToolsApi';
