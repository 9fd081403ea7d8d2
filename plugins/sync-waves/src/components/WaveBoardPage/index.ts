export { WaveBoardPage } from './WaveBoardPage';
