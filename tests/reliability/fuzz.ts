import { isAlive, OPERATOR_SECRET_FOR_TESTS, startStack } from '../stack/index.ts';
import { EDGE_ROUTES, type FuzzRow, fuzzRoute, NODE_ROUTES } from './fuzz-routes.ts';
import { fuzzSocket } from './fuzz-socket.ts';
import { RATE_LIMITS_FOR_LOAD } from './load-limits.ts';

async function register(base: string): Promise<string> {
  const response = await fetch(`${base}/v1/register`, { method: 'POST' });
  if (response.status !== 201) throw new Error(`register answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * `fuzz <route>` rows: the real edge (workerd) and inference node (with Redis) started on loopback
 * ports, `perRoute` generated bad inputs sent to each route of both and `perSocket` client messages
 * over the edge's sockets; then both must still be up and answering (`crashes` counts the ones
 * that are not).
 */
export async function runFuzz({ perRoute, perSocket }: { perRoute: number; perSocket: number }): Promise<{
  rows: FuzzRow[];
  crashes: number;
}> {
  const stack = await startStack({
    edgeVars: {
      RATE_LIMITS: JSON.stringify(RATE_LIMITS_FOR_LOAD),
      OPERATOR_SECRET: OPERATOR_SECRET_FOR_TESTS,
    },
  });
  try {
    const userToken = await register(stack.edge.url);
    const throwawayTokens = await Promise.all(Array.from({ length: 20 }, () => register(stack.edge.url)));
    const target = (base: string) => ({
      base,
      auth: { userToken, throwawayTokens, nodeSecret: stack.nodeSecret, tokenSecret: '' },
    });
    const rows: FuzzRow[] = [];
    for (const route of EDGE_ROUTES)
      rows.push(await fuzzRoute(route, target(stack.edge.url), { count: perRoute }));
    for (const route of NODE_ROUTES)
      rows.push(await fuzzRoute(route, target(stack.node.url), { count: perRoute }));
    rows.push(
      await fuzzSocket(stack.edge.url, userToken, stack.nodeSecret, {
        count: perSocket,
        imageUrl: `${stack.images.origin}/faces/2.jpg`,
      }),
    );
    let crashes = 0;
    for (const [part, url] of [
      [stack.edge, `${stack.edge.url}/health`],
      [stack.node, `${stack.node.url}/health`],
    ] as const) {
      const up =
        isAlive(part.pid) &&
        (await fetch(url).then(
          (r) => r.ok,
          () => false,
        ));
      if (!up) crashes++;
    }
    return { rows, crashes };
  } finally {
    await stack.stop();
  }
}
