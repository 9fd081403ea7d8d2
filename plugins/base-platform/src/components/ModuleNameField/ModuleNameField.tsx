import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import {
  moduleSlugFromFolder,
  validateModuleRequest,
  withDefaults,
} from '@internal/plugin-base-platform-common';
import TextField from '@mui/material/TextField';

/** The module name input: snake_case, checked as the server checks it. */
export const ModuleNameInput = ({
  onChange,
  rawErrors,
  required,
  formData,
  schema,
  idSchema,
}: FieldExtensionComponentProps<string>) => (
  <TextField
    id={idSchema?.$id}
    label={schema.title ?? 'Module name'}
    helperText={schema.description}
    required={required}
    value={formData ?? ''}
    onChange={e => onChange(e.target.value)}
    error={(rawErrors?.length ?? 0) > 0 && !formData}
    margin="normal"
    fullWidth
    inputProps={{ 'aria-label': 'Module name' }}
  />
);

/**
 * The same checks as the server's base:module:validate: the convention, every
 * object name within 63 characters (with the standard components), no path
 * tricks; and no module of that name in the catalog yet.
 */
export const validateModuleName: CustomFieldValidator<string> = async (
  value,
  validation,
  { apiHolder, formData },
) => {
  const name = value ?? '';
  const list = (key: string) =>
    Array.isArray(formData?.[key]) ? (formData[key] as string[]) : undefined;
  const problems = validateModuleRequest(
    withDefaults({
      moduleName: name,
      domain: 'data-foundation',
      owner: 'group:default/platform-team',
      components: {
        agent: list('agents'),
        model: list('models'),
        orchestrator: list('orchestrators'),
        workflow: list('workflows'),
        config: list('configs'),
        prompt: list('prompts'),
      },
      ingestionAgents: list('ingestionAgents'),
    }),
  ).filter(p => !['domain', 'owner'].includes(p.field));
  for (const problem of problems) {
    validation.addError(
      problem.field === 'moduleName'
        ? problem.message
        : `${problem.field.replace('components.', '')}: ${problem.message}`,
    );
  }
  if (problems.length > 0 || !name) return;
  const systemRef = `system:default/base-${moduleSlugFromFolder(name)}`;
  const existing = await apiHolder
    .get(catalogApiRef)
    ?.getEntityByRef(systemRef)
    .catch(() => undefined);
  if (existing) {
    validation.addError(`${systemRef} already exists in the catalog`);
  }
};
