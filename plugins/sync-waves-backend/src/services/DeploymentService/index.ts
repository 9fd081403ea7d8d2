export { DeploymentService } from './DeploymentService';
