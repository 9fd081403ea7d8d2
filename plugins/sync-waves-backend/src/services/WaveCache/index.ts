export { WaveCache } from './WaveCache';
