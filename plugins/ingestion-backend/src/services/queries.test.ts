import { agentQuery, platformQuery } from './queries';

const rules = { recordingRules: true, rateWindow: '5m' };
const raw = { recordingRules: false, rateWindow: '30s' };

describe('queries', () => {
  it('builds one query per agent from the recording rules, bytes and records told apart', () => {
    expect(
      agentQuery({ module: 'data-ingestion', agent: 'data-collector' }, rules),
    ).toBe(
      'label_replace(sum by (source) (base:ingestion_bytes:rate5m{module="data-ingestion",agent="data-collector"}), "measure", "bytes", "", "")' +
        ' or ' +
        'label_replace(sum by (source) (base:ingestion_records:rate5m{module="data-ingestion",agent="data-collector"}), "measure", "records", "", "")',
    );
  });

  it('falls back to rate() over the configured window without recording rules', () => {
    const q = agentQuery(
      { module: 'data-ingestion', agent: 'data-merger' },
      raw,
    );
    expect(q).toContain(
      'rate(base_ingestion_bytes_total{module="data-ingestion",agent="data-merger"}[30s])',
    );
    expect(q).toContain(
      'rate(base_ingestion_records_total{module="data-ingestion",agent="data-merger"}[30s])',
    );
    expect(platformQuery(raw)).toBe(
      'sum by (module, agent) (rate(base_ingestion_bytes_total[30s]))',
    );
    expect(platformQuery(rules)).toBe(
      'sum by (module, agent) (base:ingestion_bytes:rate5m)',
    );
  });

  it('refuses label values that could change the query', () => {
    expect(() =>
      agentQuery(
        { module: 'data-ingestion"} or vector(1) #', agent: 'x' },
        rules,
      ),
    ).toThrow(/Invalid module name for a Prometheus query/);
    expect(() =>
      agentQuery({ module: 'data-ingestion', agent: 'Data_Collector' }, rules),
    ).toThrow(/Invalid agent name for a Prometheus query/);
    expect(() =>
      agentQuery(
        { module: 'data-ingestion', agent: 'data-collector' },
        { recordingRules: false, rateWindow: '5 minutes' },
      ),
    ).toThrow(/not a Prometheus duration/);
  });
});
