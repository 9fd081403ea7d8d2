import { mockServices } from '@backstage/backend-test-utils';
import { OwnerNotifier } from '../services/incidents';

/** An OwnerNotifier over a catalog of the given owners; `sent` holds every notification. */
export function recordingNotifier(owners: Record<string, string>) {
  const sent: any[] = [];
  const notifier = new OwnerNotifier({
    catalog: {
      getEntityByRef: async (ref: string) =>
        owners[ref]
          ? {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: ref.split('/')[1] },
              spec: { owner: owners[ref] },
            }
          : undefined,
    } as any,
    auth: mockServices.auth(),
    notifications: { send: async options => void sent.push(options) },
    logger: mockServices.logger.mock(),
    appBaseUrl: 'https://fin.vsem-svoim.com',
  });
  return { notifier, sent };
}
