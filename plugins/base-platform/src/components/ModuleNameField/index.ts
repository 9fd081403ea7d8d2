export { ModuleNameInput, validateModuleName } from './ModuleNameField';
