import { FILTERS_STORAGE_KEY } from '@veneer/shared/filters';
import { z } from 'zod';

export { FILTERS_STORAGE_KEY };
export const SETTINGS_STORAGE_KEY = 'veneer.settings';
export const SESSION_STORAGE_KEY = 'veneer.session';

/** Built-in edge address; builds for another deployment set WXT_VENEER_EDGE_URL. */
export const DEFAULT_EDGE_URL: string = import.meta.env.WXT_VENEER_EDGE_URL ?? 'http://127.0.0.1:8787';

export const SettingsSchema = z.object({
  /**
   * Off until the user turns it on: without it no post text or image leaves the device,
   * so filters that need the inference node (blur faces) do nothing.
   */
  cloudProcessing: z.boolean().default(false),
  /** Self-hosted edge; empty means the built-in one. */
  edgeUrl: z.string().default(''),
  /** Keep the filter list on the edge too, so this user's other sessions get it. */
  syncFilters: z.boolean().default(true),
  /** Host names where the user turned Veneer off ("www.reddit.com", "mastodon.social"). */
  disabledHosts: z.array(z.string()).default([]),
  /** Mastodon instances (host names) where the user turned Veneer on from the popup. */
  mastodonHosts: z.array(z.string()).default([]),
  /**
   * The allowlist: accounts and communities whose posts no filter ever changes ("@friend",
   * "r/AskHistorians", a channel's name; the forms of a filter's `from`).
   */
  alwaysShow: z.array(z.string().trim().min(1).max(200)).max(1000).default([]),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SessionSchema = z.object({
  edgeUrl: z.string(),
  userId: z.string(),
  token: z.string(),
  expiresAt: z.number(),
});
export type Session = z.infer<typeof SessionSchema>;

/** The filter list this device and the edge last agreed on (the base of a three-way merge). */
export const FILTERS_SYNCED_STORAGE_KEY = 'veneer.filters.synced';

/** This browser's push position: its session id at the edge and the last frame it handled. */
export const PUSH_STORAGE_KEY = 'veneer.push';
export const PushStateSchema = z.object({
  /** Which user and edge the position belongs to (`userId@edgeUrl`). */
  owner: z.string(),
  sessionId: z.string(),
  lastSeq: z.number().int().min(0),
});
export type PushState = z.infer<typeof PushStateSchema>;

export const edgeUrlOf = (settings: Settings) => settings.edgeUrl.trim() || DEFAULT_EDGE_URL;

/** The thumbnails of the creator's youtube.com home feed, as last seen (the lab compares candidates with them). */
export const FEED_THUMBNAILS_STORAGE_KEY = 'veneer.thumbs.feed';
export const FeedThumbnailsSchema = z.object({
  urls: z.array(z.string().url().startsWith('https://i.ytimg.com/')).max(48),
  seenAt: z.number(),
});
