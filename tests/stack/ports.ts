import fs from 'node:fs';
import net from 'node:net';

/**
 * The lowest port the kernel hands out for outgoing connections. A port taken from that range can
 * be given to an outgoing connection (Chromium, workerd, Redis clients) between the moment it was
 * found free and the moment a service, still loading, binds it: tests saw 'EADDRINUSE' that way.
 */
function ephemeralLow(): number {
  try {
    const low = Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0]);
    return Number.isInteger(low) && low > 2048 ? low : 32768;
  } catch {
    return 32768;
  }
}

const LOW = 10_000;

function tryListen(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as net.AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A TCP port on 127.0.0.1 that was free a moment ago, chosen below the kernel's ephemeral range
 * (so no outgoing connection takes it meanwhile), at random so that parallel test files rarely
 * pick the same one; the kernel's choice where that range is too small.
 */
export async function freePort(): Promise<number> {
  const high = ephemeralLow() - 1;
  if (high - LOW >= 1000) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = await tryListen(LOW + Math.floor(Math.random() * (high - LOW + 1)));
      if (port !== null) return port;
    }
  }
  const port = await tryListen(0);
  if (port === null) throw new Error('no free TCP port on 127.0.0.1');
  return port;
}
