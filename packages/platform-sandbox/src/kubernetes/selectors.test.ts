import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors';

const labels = { app: 'collector', 'base.io/type': 'agent', tier: 'ingest' };

describe('label selectors', () => {
  it.each([
    ['app=collector', true],
    ['app==collector', true],
    ['app!=collector', false],
    ['app=converter', false],
    ['app in (collector, converter)', true],
    ['app notin (collector)', false],
    ['base.io/type', true],
    ['!base.io/type', false],
    ['missing', false],
    ['!missing', true],
    ['app=collector,base.io/type in (agent,model),!missing', true],
    ['app=collector,tier=serve', false],
    ['', true],
  ])('%s → %s', (selector, expected) => {
    expect(matchesLabels(labels, parseLabelSelector(selector))).toBe(expected);
  });

  it('refuses what it cannot parse', () => {
    expect(() => parseLabelSelector('a in b')).toThrow(/unable to parse/);
  });
});

describe('field selectors', () => {
  const pod = {
    metadata: { name: 'p1', namespace: 'base-data-ingestion' },
    status: { phase: 'Pending' },
    spec: { nodeName: '' },
  };
  it.each([
    ['metadata.name=p1', true],
    ['metadata.namespace==base-data-ingestion', true],
    ['status.phase!=Running', true],
    ['status.phase=Running', false],
    ['spec.nodeName=', true],
    ['metadata.name=p1,status.phase=Pending', true],
  ])('%s → %s', (selector, expected) => {
    expect(matchesFields(pod, parseFieldSelector(selector))).toBe(expected);
  });
});
