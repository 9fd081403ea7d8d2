import type { ConformanceFinding } from '@internal/plugin-base-platform-common';
import type { PlatformTree } from '../tree/parsePlatformTree';
import type { ComponentFile, ModuleTree } from '../tree/readModule';
import type { Workload } from '../tree/workloads';

/** A service of a module as `./portal check --json` reports it. */
export interface CheckService {
  name: string;
  kind: 'agent' | 'orchestrator' | 'model-server';
  deployed: boolean;
  file?: string;
  ports: Record<string, number>;
  healthPaths: string[];
  replicas: number | null;
  hpa: { min: number; max: number } | null;
}

export interface CheckModule {
  folder: string;
  name: string;
  domain: string;
  wave: number;
  waves: ModuleTree['waves'];
  application: string | null;
  services: CheckService[];
  findings: ConformanceFinding[];
}

/** What `./portal check DIR --json` prints. */
export interface CheckReport {
  modules: CheckModule[];
  findings: ConformanceFinding[];
  summary: {
    modules: number;
    services: number;
    deployed: number;
    findings: number;
    errors: number;
    byRule: Record<string, number>;
  };
}

function hpaOf(
  workload: Workload | undefined,
  declared: ComponentFile['declared'],
): { min: number; max: number } | null {
  if (workload?.hpa) return { min: workload.hpa.min, max: workload.hpa.max };
  if (!workload && declared?.min !== undefined && declared?.max !== undefined)
    return { min: declared.min, max: declared.max };
  return null;
}

function service(
  name: string,
  kind: CheckService['kind'],
  workload: Workload | undefined,
  declared?: ComponentFile['declared'],
  file?: string,
): CheckService {
  return {
    name,
    kind,
    deployed: !!workload,
    file,
    ports: workload?.ports ?? {},
    healthPaths: workload?.healthPaths ?? declared?.healthPaths ?? [],
    replicas: workload?.deployment.replicas ?? declared?.replicas ?? null,
    hpa: hpaOf(workload, declared),
  };
}

/** The report of a read tree: modules with their services and findings, findings outside them, a summary. */
export function checkReport(tree: PlatformTree): CheckReport {
  const modules = tree.modules.map(m => ({
    folder: m.folder,
    name: `base-${m.slug}`,
    domain: m.domain,
    wave: m.wave,
    waves: m.waves,
    application: m.application?.name ?? null,
    services: [
      ...m.components
        .filter(c => c.type === 'agent' || c.type === 'orchestrator')
        .map(c =>
          service(
            c.name,
            c.type as 'agent' | 'orchestrator',
            c.workload,
            c.declared,
            c.file,
          ),
        ),
      service(
        m.modelServer.name,
        'model-server',
        m.modelServer.workload,
        undefined,
        m.modelServer.file,
      ),
    ],
    findings: m.findings,
  }));
  const all = [...tree.findings, ...modules.flatMap(m => m.findings)];
  const byRule: Record<string, number> = {};
  for (const f of all) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  const services = modules.flatMap(m => m.services);
  return {
    modules,
    findings: tree.findings,
    summary: {
      modules: modules.length,
      services: services.length,
      deployed: services.filter(s => s.deployed).length,
      findings: all.length,
      errors: all.filter(f => f.severity === 'error').length,
      byRule,
    },
  };
}

const where = (f: ConformanceFinding) =>
  f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : '(platform)';

/** The report for people: modules, then findings by rule. */
export function formatCheckReport(report: CheckReport): string {
  const lines: string[] = [];
  lines.push(
    `${report.summary.modules} modules, ${report.summary.services} services (${report.summary.deployed} deployed)`,
  );
  for (const m of report.modules) {
    const kinds = (k: string) => m.services.filter(s => s.kind === k).length;
    lines.push(
      `  ${m.folder.padEnd(24)} ${m.domain.padEnd(26)} wave ${m.wave}  ${kinds(
        'agent',
      )} agents, ${kinds('orchestrator')} orchestrators, model server ${
        m.services.find(s => s.kind === 'model-server')?.deployed
          ? 'deployed'
          : 'declared only'
      }; ${m.findings.length} findings`,
    );
  }
  const all = [...report.findings, ...report.modules.flatMap(m => m.findings)];
  const rules = [...new Set(all.map(f => f.rule))].sort();
  for (const rule of rules) {
    const of = all.filter(f => f.rule === rule);
    lines.push('', `${rule} (${of.length})`);
    for (const f of of)
      lines.push(
        `  ${f.severity === 'error' ? 'error  ' : 'warning'} ${where(f)}: ${
          f.message
        }`,
      );
  }
  lines.push(
    '',
    `${report.summary.findings} findings, ${report.summary.errors} errors`,
  );
  return lines.join('\n');
}
