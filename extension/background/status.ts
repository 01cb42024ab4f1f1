import { t } from '../lib/i18n.ts';
import { loadSession, loadSettings } from '../lib/storage.ts';
import { edgeUrlOf } from '../lib/storage-keys.ts';
import type { Status } from '../services/protocol.ts';
import type { CloudJobs } from './cloud-jobs.ts';
import type { Push } from './push.ts';

/** What the popup shows about the connection and where images are checked. */
export async function statusOf(push: Push, cloud: CloudJobs, lastError: string | null): Promise<Status> {
  const settings = await loadSettings();
  const session = await loadSession();
  return {
    edgeUrl: edgeUrlOf(settings),
    userId: session?.userId ?? null,
    socket: push.socket.state,
    lastError,
    cloudProcessing: settings.cloudProcessing,
    onDevice: settings.cloudProcessing ? cloud.onDevice : t('status.deviceOnly'),
  };
}
