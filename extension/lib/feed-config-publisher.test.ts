import { FilterSchema } from '@veneer/shared/filters';
import { describe, expect, it } from 'vitest';
import { FEED_CONFIG_FORMAT, type FeedConfig, isCurrentFeedConfig } from './feed-config.ts';
import { createFeedConfigPublisher } from './feed-config-publisher.ts';
import { SettingsSchema } from './storage-keys.ts';

/** Fake extension storage: the sources a publisher reads, and what it wrote. */
function fakeStorage() {
  const state = {
    filters: [FilterSchema.parse({ id: 'a', words: 'spiders', action: 'collapse' })],
    problem: null as string | null,
    settings: SettingsSchema.parse({}),
    published: undefined as unknown,
    writes: [] as FeedConfig[],
    /** Resolves the next loadFilters call only when released (to interleave publications). */
    gate: null as Promise<void> | null,
  };
  const sources = {
    async loadFilters() {
      const snapshot = { filters: state.filters, problem: state.problem };
      await state.gate;
      return snapshot;
    },
    async loadSettings() {
      return state.settings;
    },
    async loadPacks() {
      return {};
    },
    async readPublished() {
      return state.published;
    },
    async publish(config: FeedConfig) {
      state.writes.push(config);
      state.published = structuredClone(config);
    },
  };
  return { state, publish: createFeedConfigPublisher(sources) };
}

describe('feed config publisher', () => {
  it('publishes the validated filters and the settings content scripts need', async () => {
    const { state, publish } = fakeStorage();
    state.settings = SettingsSchema.parse({
      cloudProcessing: true,
      disabledHosts: ['old.reddit.com'],
      alwaysShow: ['@friend'],
    });
    const config = await publish();
    expect(config).toEqual({
      format: FEED_CONFIG_FORMAT,
      filters: state.filters,
      problem: null,
      cloudProcessing: true,
      disabledHosts: ['old.reddit.com'],
      alwaysShow: ['@friend'],
      packs: {},
    });
    expect(state.writes).toEqual([config]);
    expect(isCurrentFeedConfig(state.published)).toBe(true);
  });

  it('writes nothing when the config has not changed (a background restart)', async () => {
    const { state, publish } = fakeStorage();
    await publish();
    await publish();
    expect(state.writes).toHaveLength(1);
    state.problem = 'Your filter list could not be read: bad';
    state.filters = [];
    await publish();
    expect(state.writes).toHaveLength(2);
    expect(state.writes[1]!.problem).toMatch(/could not be read/);
  });

  it('publishes one at a time, so the last write holds the last change', async () => {
    const { state, publish } = fakeStorage();
    let release!: () => void;
    state.gate = new Promise((resolve) => {
      release = resolve;
    });
    const first = publish();
    state.filters = [FilterSchema.parse({ id: 'b', words: 'wasps', action: 'hide' })];
    const second = publish();
    state.gate = null;
    release();
    await Promise.all([first, second]);
    expect(state.writes.at(-1)!.filters.map((f) => f.id)).toEqual(['b']);
  });

  it('goes on after a failed publication', async () => {
    const { state, publish } = fakeStorage();
    state.gate = Promise.reject(new Error('storage is gone'));
    await expect(publish()).rejects.toThrow('storage is gone');
    state.gate = null;
    await expect(publish()).resolves.toMatchObject({ format: FEED_CONFIG_FORMAT });
  });

  it('a config of another format is not current', () => {
    expect(isCurrentFeedConfig({ format: FEED_CONFIG_FORMAT + 1, filters: [] })).toBe(false);
    expect(isCurrentFeedConfig(undefined)).toBe(false);
    expect(isCurrentFeedConfig('x')).toBe(false);
  });
});
