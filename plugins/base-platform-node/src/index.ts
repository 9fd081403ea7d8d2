/**
 * Reading the BASE platform tree: shared by the catalog provider, the
 * platform sandbox, the scaffolder and `./portal check`. (Cluster access and
 * the upstream cache are packages of their own.)
 *
 * @packageDocumentation
 */
export { readDirectoryTree, readUrlTree, treeDigest } from './discover';
export {
  platformLocation,
  readPlatformParseOptions,
  readPlatformSource,
} from './source';
export type { PlatformSource } from './source';
export type { PlatformFile } from './discover';
export {
  detectModules,
  DEFAULT_APPLICATIONSET_FOLDERS,
  MODULE_FOLDER,
  parsePlatformTree,
  parsePlatformTreeInBatches,
} from './tree/parsePlatformTree';
export type {
  ParseOptions,
  PlatformModuleBatch,
  PlatformTree,
} from './tree/parsePlatformTree';
export type {
  ComponentFile,
  ModelServer,
  ModuleApplication,
  ModuleTree,
  ModuleWaves,
} from './tree/readModule';
export { DEFAULT_PLATFORM, placeWorkload } from './tree/platform';
export {
  KARPENTER_TF,
  NODE_GROUPS_TFVARS,
  PLATFORM_UI_PROXY,
  readPlatformFiles,
} from './tree/platformFiles';
export { parseHcl, HclSyntaxError } from './tree/hcl';
export type { HclBody, HclValue } from './tree/hcl';
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
