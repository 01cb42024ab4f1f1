import { afterAll } from 'vitest';
import { failOnFoundProblems } from './privacy-guard.ts';

// Registered before a test file's own hooks, so it runs after them (vitest runs after-hooks in
// reverse): the file's browsers are closed and its stack stopped when a privacy problem fails it.
afterAll(() => failOnFoundProblems());
