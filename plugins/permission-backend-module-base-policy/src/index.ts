/**
 * The BASE portal's permission policy.
 *
 * @packageDocumentation
 */
export { permissionModuleBasePolicy as default } from './module';
export { BasePermissionPolicy } from './BasePermissionPolicy';
