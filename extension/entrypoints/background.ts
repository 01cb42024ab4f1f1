import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ACCOUNT_MENUS } from '../background/accounts.ts';
import { CloudJobs } from '../background/cloud-jobs.ts';
import { feedConfigService } from '../background/feed-config.ts';
import { FilterSyncService } from '../background/filter-sync.ts';
import { backgroundHandlers } from '../background/handlers.ts';
import { installImageMenu } from '../background/images-like-this.ts';
import { LEARNING_MENUS } from '../background/learning-menus.ts';
import { PackUpdater, pinnedPackKey } from '../background/packs.ts';
import { installPostMenus, updatePostMenus } from '../background/post-menus.ts';
import { Push } from '../background/push.ts';
import { SessionKeeper } from '../background/session.ts';
import { statusOf } from '../background/status.ts';
import { Subscriptions, subscribedFilters } from '../background/subscriptions.ts';
import { installWelcome } from '../background/welcome.ts';
import { onPermissionsAdded, syncMastodonRegistration } from '../lib/mastodon-hosts.ts';
import { forgetPageReport } from '../lib/page-reports.ts';
import { loadSession, loadSettings } from '../lib/storage.ts';
import { edgeUrlOf, FILTERS_STORAGE_KEY, SETTINGS_STORAGE_KEY, SettingsSchema } from '../lib/storage-keys.ts';
import { onDeviceModels } from '../services/model-host.ts';
import { jobFrameMessenger } from '../services/protocol.ts';
import { serveBackground } from '../services/serve-background.ts';

const PACK_CHECK_ALARM = 'veneer-packs';
const LISTS_ALARM = 'veneer-lists';

/** The background: the modules below, wired together. Each module has its own file and tests. */
export default defineBackground(() => {
  let lastError: string | null = null;
  const report = (message: string) => {
    lastError = message;
  };

  const sessions = new SessionKeeper();
  const push = new Push({
    // A job's frames go to the page that asked: a tab's frame, or an extension page.
    deliver: (route, frame) => {
      const data = { clientRef: route.clientRef, frame };
      const sent = route.extensionPage
        ? jobFrameMessenger.sendMessage('jobFrame', data)
        : jobFrameMessenger.sendMessage('jobFrame', data, { tabId: route.tabId, frameId: route.frameId });
      sent.catch(() => undefined); // the page went away: nothing to show the frame in
    },
    onRevoked: () => {
      report('this install was signed out by the server; registering again');
      void sessions.forget().then(connect);
    },
    session: loadSession,
  });
  const cloud = new CloudJobs({
    ensureSession: () => sessions.ensure(),
    forgetSession: () => sessions.forget(),
    openPush: (session) => push.open(session),
    track: (jobId, route) => push.track(jobId, route),
    onError: report,
  });
  const filterSync = new FilterSyncService(() => sessions.ensure(), report);
  let packKey: Promise<CryptoKey> | null = null;
  const packs = new PackUpdater({
    edgeUrl: async () => edgeUrlOf(await loadSettings()),
    publicKey: () => (packKey ??= pinnedPackKey()),
    onChange: () => feedConfig.refresh(),
  });
  const lists = new Subscriptions({
    edgeUrl: async () => edgeUrlOf(await loadSettings()),
    onChange: () => feedConfig.refresh(),
  });
  const feedConfig = feedConfigService(
    onDeviceModels,
    report,
    () => packs.packs(),
    async () => subscribedFilters(await lists.list()),
  );

  async function connect(): Promise<void> {
    try {
      await push.open(await sessions.ensure());
      void filterSync.sync();
      lastError = null;
    } catch (error) {
      report((error as Error).message);
      setTimeout(() => void connect(), 15_000);
    }
  }

  serveBackground(
    backgroundHandlers({
      models: onDeviceModels,
      cloud,
      packs,
      lists,
      ensureSession: () => sessions.ensure(),
      publishFeedConfig: feedConfig.publish,
      status: () => statusOf(push, cloud, lastError),
    }),
  );
  installImageMenu(onDeviceModels);
  installWelcome();
  const postMenus = [...ACCOUNT_MENUS, ...LEARNING_MENUS];
  installPostMenus(postMenus);
  const updateMenus = (hosts: readonly string[]) => updatePostMenus(postMenus, hosts);
  const syncMastodon = async () => updateMenus(await syncMastodonRegistration());
  // Newer selector packs once a day (and at once, then every few seconds, while a site looks broken).
  // Subscribed filter lists once a day too (conditional requests: a 304 when unchanged).
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PACK_CHECK_ALARM) void packs.check();
    if (alarm.name === LISTS_ALARM) void lists.refresh().catch(() => undefined);
  });
  for (const name of [PACK_CHECK_ALARM, LISTS_ALARM])
    void browser.alarms.get(name).then((alarm) => {
      if (!alarm) browser.alarms.create(name, { delayInMinutes: 1, periodInMinutes: 24 * 60 });
    });

  browser.permissions.onAdded.addListener(
    ({ origins }) =>
      void onPermissionsAdded(origins ?? []).then(async () =>
        updateMenus((await loadSettings()).mastodonHosts),
      ),
  );
  browser.permissions.onRemoved.addListener(() => void syncMastodon());
  browser.tabs.onRemoved.addListener((tabId) => {
    push.router.forgetTab(tabId);
    void forgetPageReport(tabId);
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (changes[FILTERS_STORAGE_KEY] || changes[SETTINGS_STORAGE_KEY]) feedConfig.refresh();
    if (changes[FILTERS_STORAGE_KEY]) filterSync.filtersChanged();
    const settings = changes[SETTINGS_STORAGE_KEY];
    if (!settings) return;
    const edgeOf = (value: unknown) =>
      edgeUrlOf(SettingsSchema.catch(SettingsSchema.parse({})).parse(value ?? {}));
    if (edgeOf(settings.oldValue) !== edgeOf(settings.newValue)) {
      sessions.reset();
      push.socket.close();
      void connect();
    } else if (SettingsSchema.safeParse(settings.newValue).data?.syncFilters) {
      filterSync.schedule();
    }
  });

  feedConfig.refresh();
  void syncMastodon();
  void connect();
});
