/**
 * Scaffolder actions of the BASE templates.
 *
 * @packageDocumentation
 */
export { scaffolderModuleBase as default } from './module';
export { renderModule } from './render/renderModule';
export { renderComponent, addToKustomization } from './render/renderComponent';
