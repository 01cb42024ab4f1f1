import { mountLab } from '../../lab/lab-panel.ts';
import { runtimeBackend } from '../../lab/runtime-backend.ts';

/** The thumbnail lab as a page of the extension (for creators outside YouTube Studio). */
mountLab(document.getElementById('lab')!, { backend: runtimeBackend(), askChannel: true });
