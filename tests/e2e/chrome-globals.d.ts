/** The part of the extension API the tests call inside the service worker (page.evaluate bodies). */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: {
    local: {
      get(key: string): Promise<Record<string, { edgeUrl?: string; token?: string }>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
  };
};
