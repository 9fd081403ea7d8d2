/**
 * Scaffolder actions of the BASE templates, and the renderer of the platform
 * repository's file shapes they write with (also used to generate
 * examples/base-platform).
 *
 * @packageDocumentation
 */
export { scaffolderModuleBase as default } from './module';
export { renderModule, describeRequest } from './render/renderModule';
export { renderComponent, addToKustomization } from './render/renderComponent';
export { renderPlatform } from './render/platformFolders';
export {
  renderModuleFolder,
  addToApplicationSet,
  MODULE_APPLICATIONSET,
} from './render/platformShapes';
export type {
  ModuleDescription,
  AgentDescription,
  OrchestratorDescription,
  RenderedFile,
} from './render/platformShapes';
