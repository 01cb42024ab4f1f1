export * from './checks.ts';
export * from './classifier-checks.ts';
export * from './judge.ts';
export * from './rulebook.ts';
export * from './text-check.ts';
export * from './verdict.ts';
