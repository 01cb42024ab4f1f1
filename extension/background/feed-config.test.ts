import { FilterSchema } from '@veneer/shared/filters';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FEED_CONFIG_FORMAT, type FeedConfig } from '../lib/feed-config.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
const { fakeBrowser } = await import('wxt/testing/fake-browser');
const { saveFilters } = await import('../lib/storage.ts');
const { feedConfigService, textChecksUsed } = await import('./feed-config.ts');

const config = (filters: unknown[]): FeedConfig => ({
  format: FEED_CONFIG_FORMAT,
  filters: filters.map((f) => FilterSchema.parse(f)),
  problem: null,
  cloudProcessing: false,
  disabledHosts: [],
  alwaysShow: [],
  packs: {},
});

beforeEach(() => fakeBrowser.reset());

describe('the feed config service', () => {
  it('knows which text checks the active filters use', () => {
    expect(
      textChecksUsed(
        config([
          { id: 'a', classifier: 'offensive', action: 'hide' },
          { id: 'b', classifier: 'clickbait', action: 'hide', enabled: false },
          { id: 'c', words: 'cats', action: 'hide' },
        ]),
      ),
    ).toEqual(['offensive']);
  });

  it('publishes the config for feed pages and loads the models its filters use, with no text', async () => {
    await saveFilters([FilterSchema.parse({ id: 'a', classifier: 'clickbait', action: 'hide' })]);
    const checkTexts = vi.fn(async () => ({ answers: [], msPerText: 0 }));
    const service = feedConfigService({ checkTexts }, () => {});
    service.refresh();
    await vi.waitFor(() => expect(checkTexts).toHaveBeenCalledWith(['clickbait'], []));
    const published = (await fakeBrowser.storage.local.get('veneer.feed-config'))['veneer.feed-config'];
    expect(published).toMatchObject({ filters: [{ id: 'a' }], problem: null });
  });
});
