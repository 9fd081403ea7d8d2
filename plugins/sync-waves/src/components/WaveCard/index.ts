export { WaveCard } from './WaveCard';
