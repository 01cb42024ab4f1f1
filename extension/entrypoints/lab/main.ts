import { mountLab } from '../../lab/lab-panel.ts';
import { pageBackend } from '../../lab/page-backend.ts';

/** The thumbnail lab as a page of the extension (for creators outside YouTube Studio). */
mountLab(document.getElementById('lab')!, { backend: pageBackend(), askChannel: true });
