/** The part of the extension API the tests call inside the service worker (page.evaluate bodies). */
declare const chrome: {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    getContexts(filter: { contextTypes: string[] }): Promise<Array<{ documentUrl?: string }>>;
  };
  storage: {
    local: {
      get(key: string): Promise<Record<string, { edgeUrl?: string; token?: string }>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
    session: { get(key: string | null): Promise<Record<string, unknown>> };
  };
  tabs: {
    query(query: { url?: string }): Promise<Array<{ id?: number; url?: string }>>;
    sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
  };
  permissions: { getAll(): Promise<{ origins?: string[]; permissions?: string[] }> };
  scripting: { getRegisteredContentScripts(): Promise<Array<{ id: string; matches?: string[] }>> };
  contextMenus: {
    /** `dispatch` is the event object's own (not in the API's types): it calls the listeners. */
    onClicked: { hasListeners(): boolean; dispatch(info: unknown, tab: unknown): void };
  };
  alarms: { create(name: string, info: { when?: number; periodInMinutes?: number }): Promise<void> };
};
