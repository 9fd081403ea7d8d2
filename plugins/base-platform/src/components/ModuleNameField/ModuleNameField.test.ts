import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { validateModuleName } from './ModuleNameField';

/** Runs the form's check as the scaffolder form does, collecting its errors. */
async function errorsFor(
  moduleName: string,
  formData: Record<string, unknown> = {},
): Promise<string[]> {
  const errors: string[] = [];
  const catalogApi = {
    getEntityByRef: async (ref: string) =>
      ref === 'system:default/base-data-ingestion'
        ? { kind: 'System', metadata: { name: 'base-data-ingestion' } }
        : undefined,
  };
  await validateModuleName(
    moduleName,
    { addError: (message: string) => errors.push(message) } as any,
    {
      apiHolder: {
        get: (ref: any) => (ref === catalogApiRef ? catalogApi : undefined),
      },
      formData: { moduleName, ...formData },
      schema: {},
    } as any,
  );
  return errors;
}

describe('the module name field', () => {
  it('accepts risk_analytics', async () => {
    expect(await errorsFor('risk_analytics')).toEqual([]);
  });

  it.each([
    ['upper case', 'Risk_Analytics', /use lower case only/],
    ['a "-"', 'risk-analytics', /contains "-": module folders use "_"/],
    ['a space', 'risk analytics', /contains a space/],
    ['a path', '../x', /"\.\.\/x" must not contain/],
    [
      'an object name over 63 characters',
      'risk_analytics_and_exposure_management_for_trading',
      /is 68 characters; Kubernetes object names are at most 63/,
    ],
    [
      'an existing module',
      'data_ingestion',
      /system:default\/base-data-ingestion already exists in the catalog/,
    ],
  ])('refuses %s, saying why', async (_, name, message) => {
    expect((await errorsFor(name)).join('\n')).toMatch(message);
  });

  it('refuses a duplicate descriptor in the same form', async () => {
    expect(
      (
        await errorsFor('risk_analytics', {
          agents: ['collector', 'collector'],
        })
      ).join('\n'),
    ).toMatch('agents: duplicate agent descriptor "collector"');
  });
});
