export * from './ApplicationSync';
