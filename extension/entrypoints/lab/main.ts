import { mountLab } from '../../lab/lab-panel.ts';
import { pageBackend } from '../../lab/page-backend.ts';
import { localizePage } from '../../lib/i18n.ts';

/** The thumbnail lab as a page of the extension (for creators outside YouTube Studio). */
localizePage();
mountLab(document.getElementById('lab')!, { backend: pageBackend(), askChannel: true });
