/**
 * Reading the BASE platform tree: shared by the catalog provider, the
 * platform sandbox and the scaffolder.
 *
 * @packageDocumentation
 */
export { readDirectoryTree, readUrlTree, treeDigest } from './discover';
export { platformLocation, readPlatformSource } from './source';
export type { PlatformSource } from './source';
export type { PlatformFile } from './discover';
export {
  detectModules,
  DEFAULT_APPLICATIONSET_FOLDERS,
  MODULE_FOLDER,
  parsePlatformTree,
} from './tree/parsePlatformTree';
export type { ParseOptions, PlatformTree } from './tree/parsePlatformTree';
export type {
  ComponentFile,
  ModelServer,
  ModuleApplication,
  ModuleTree,
  ModuleWaves,
} from './tree/readModule';
export { DEFAULT_PLATFORM, placeWorkload, tolerates } from './tree/platform';
export type {
  NodeSource,
  PlacementVerdict,
  PlatformDefinition,
  PlatformTool,
  Taint,
  Toleration,
} from './tree/platform';
export { parseThroughput } from './tree/workloads';
export type {
  DeclaredDeployment,
  DeclaredHpa,
  DeclaredService,
  Probe,
  Workload,
} from './tree/workloads';
export { parseYamlDocuments } from './tree/yamlDocuments';
export { TtlCache } from './TtlCache';
export type { Cached } from './TtlCache';
export {
  kubernetesProxy,
  listItems,
  reasonOf,
  upstreamFailure,
} from './kubernetesProxy';
export type { ClusterAnswer, ClusterList } from './kubernetesProxy';
export { sendSharedJson } from './sendJson';
export { SharedViews } from './SharedViews';
