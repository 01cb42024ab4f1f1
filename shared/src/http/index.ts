export * from './api-failure.ts';
export * from './read-json.ts';
