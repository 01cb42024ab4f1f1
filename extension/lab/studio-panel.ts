import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t } from '../lib/i18n.ts';
import labCss from './lab.css?inline';
import { mountLab } from './lab-panel.ts';
import { studioBackend } from './studio-backend.ts';

/**
 * The thumbnail lab inside YouTube Studio: on a video's page (`/video/<id>/...`) a "Thumbnail lab"
 * button opens the panel, in its own shadow root so Studio's styles and Veneer's never mix. The
 * title comes from the video's title field and the channel from Studio's navigation drawer.
 * Studio is a single-page app: the button follows navigation.
 */
const VIDEO_PAGE = /^\/video\/([\w-]+)\//;

function textOf(selector: string): string {
  return document.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

export function mountStudioLab(ctx: ContentScriptContext): void {
  let host: HTMLElement | null = null;
  let video: string | null = null;

  // The navigation event comes before the address changes: it carries the new one.
  const sync = (pathname = location.pathname) => {
    const current = VIDEO_PAGE.exec(pathname)?.[1] ?? null;
    // Another video (or none): the panel of the previous one goes, with its title and candidates.
    if (current !== video) {
      host?.remove();
      host = null;
      video = current;
    }
    if (!current || host) return;
    host = document.createElement('veneer-thumbnail-lab');
    host.style.cssText = 'position:fixed;right:16px;bottom:16px;z-index:2147483000;';
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = `${labCss}
      .veneer-lab { box-shadow: 0 4px 24px rgba(0,0,0,.3); border-radius: 12px; max-height: 80vh; overflow: auto; width: min(900px, 90vw); }
      button.open { font: 500 14px Roboto, Arial, sans-serif; padding: 10px 16px; border-radius: 20px; border: 0; background: #065fd4; color: #fff; cursor: pointer; }`;
    const open = document.createElement('button');
    open.className = 'open';
    open.textContent = t('lab.title');
    shadow.append(style, open);
    open.addEventListener('click', () => {
      open.remove();
      const avatar = document.querySelector<HTMLImageElement>('#avatar img, ytcp-navigation-drawer img#img');
      mountLab(shadow, {
        backend: studioBackend(shadow),
        title: textOf('#title-textarea #textbox, ytcp-social-suggestions-textbox #textbox'),
        channel: textOf('#entity-name, ytcp-navigation-drawer #channel-title') || undefined,
        avatar: avatar?.src ?? '',
      });
    });
    document.body.append(host);
  };
  sync();
  ctx.addEventListener(window, 'wxt:locationchange', (event) => sync(event.newUrl.pathname));
}
