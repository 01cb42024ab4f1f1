import { cors } from 'hono/cors';

/** Only the extension's pages may call the API from a browser (plus any configured origins). */
export function extensionCors(allowedOrigins: string) {
  const extra = allowedOrigins
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return cors({
    origin: (origin) =>
      /^(chrome-extension|moz-extension):\/\/[a-z0-9-]+$/i.test(origin) || extra.includes(origin)
        ? origin
        : null,
    allowHeaders: ['authorization', 'content-type'],
    allowMethods: ['GET', 'POST', 'PUT', 'OPTIONS'],
    exposeHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
}
