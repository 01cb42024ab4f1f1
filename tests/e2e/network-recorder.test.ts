import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NetworkRecorder, startNetworkRecorder } from './network-recorder.ts';

/**
 * The recording proxy every browser suite sends its traffic through. A reset from either side (a
 * browser closing a tab, a server stopping mid-answer) must end that one connection: an error no
 * one listened for once ended a whole e2e run ("read ECONNRESET").
 */
let upstream: http.Server;
let upstreamPort: number;
let recorder: NetworkRecorder;
let proxy: URL;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    if (req.url === '/cut') {
      res.write('partial');
      setTimeout(() => res.socket?.resetAndDestroy(), 30);
    } else res.end('whole');
  });
  await new Promise<void>((ready) => upstream.listen(0, '127.0.0.1', ready));
  upstreamPort = (upstream.address() as net.AddressInfo).port;
  recorder = await startNetworkRecorder();
  proxy = new URL(recorder.url);
});

afterAll(async () => {
  await recorder?.stop();
  upstream?.close();
});

/** A GET through the proxy: its status and body, or the error that ended it. */
const get = (path: string) =>
  new Promise<string>((done) => {
    const req = http.request(
      { host: proxy.hostname, port: proxy.port, path: `http://127.0.0.1:${upstreamPort}${path}` },
      (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => done(`${res.statusCode} ${body}`));
        res.on('error', () => done('cut'));
      },
    );
    req.on('error', () => done('cut'));
    req.end();
  });

/** A raw connection to the proxy that sends `text`, then is reset. */
const resetAfter = (text: string) =>
  new Promise<void>((done) => {
    const socket = net.connect(Number(proxy.port), proxy.hostname, () => {
      socket.write(text);
      setTimeout(() => {
        socket.resetAndDestroy();
        setTimeout(done, 100);
      }, 30);
    });
    socket.on('error', () => undefined);
  });

describe('the recording proxy', () => {
  it('survives resets on either side, and serves the next request', async () => {
    expect(await get('/cut')).toBe('cut');
    await resetAfter('CONNECT example.invalid:443 HTTP/1.1\r\nHost: example.invalid:443\r\n\r\n');
    await resetAfter(
      `POST http://127.0.0.1:${upstreamPort}/post HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc`,
    );
    await resetAfter(`CONNECT 127.0.0.1:${upstreamPort} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(await get('/whole')).toBe('200 whole');
  });
});
