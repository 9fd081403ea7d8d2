/**
 * Reading the BASE platform tree: shared by the catalog provider, the
 * platform sandbox and the scaffolder.
 *
 * @packageDocumentation
 */
export { readDirectoryTree, readUrlTree } from './discover';
export type { PlatformFile } from './discover';
export { parsePlatformTree, specDependencies } from './parseTree';
export type {
  ComponentFile,
  ModuleTree,
  PlatformDefinition,
  PlatformTree,
} from './parseTree';
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
