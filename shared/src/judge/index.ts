export * from './checks.ts';
export * from './judge.ts';
export * from './rulebook.ts';
export * from './verdict.ts';
