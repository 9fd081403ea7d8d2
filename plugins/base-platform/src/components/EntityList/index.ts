export { EntityList } from './EntityList';
