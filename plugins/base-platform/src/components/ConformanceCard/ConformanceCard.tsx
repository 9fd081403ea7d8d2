import { InfoCard, StatusOK } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { readConformanceFindings } from '@internal/plugin-base-platform-common';
import { FindingsTable } from './FindingsTable';

/** How the module departs from the architecture (6/5/5/5/4/6, specs, naming, wave, dependencies). */
export const ConformanceCard = () => {
  const { entity } = useEntity();
  const findings = readConformanceFindings(entity);
  if (findings.length === 0) {
    return (
      <InfoCard title="Conformance">
        <StatusOK>
          Conforms to the architecture: 6 agents, 5 models, 5 orchestrators, 5
          workflows, 4 configs, 6 prompts, valid specs and names, its domain's
          wave.
        </StatusOK>
      </InfoCard>
    );
  }
  return (
    <FindingsTable
      title={`Conformance: ${findings.length} findings`}
      findings={findings}
    />
  );
};
