export { ConformanceReportPage } from './ConformanceReportPage';
