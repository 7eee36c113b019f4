/**
 * A stand-in for a server on another machine, for the initial-sync benchmark: it answers one
 * shape's catch-up requests (not live ones) with responses recorded from the real server earlier
 * in the run, byte for byte with their protocol headers, and forwards every other request (the
 * page, the other shapes, live polls, writes) to the real server. The device then does all of its
 * own work while the server's rendering no longer takes a core of this two-core machine.
 */
import { createServer, request } from 'node:http';

export interface RecordedResponse {
  body: string;
  /** The protocol headers (electric-*) and content-type the server sent. */
  headers: Record<string, string>;
}

export interface ReplayServer {
  url: string;
  /** Requests answered from the recording. */
  replayed(): number;
  close(): Promise<void>;
}

export async function startReplayServer(
  upstream: string,
  table: string,
  byOffset: ReadonlyMap<string, RecordedResponse>,
): Promise<ReplayServer> {
  const target = new URL(upstream);
  const recorded = new Map(
    [...byOffset].map(([offset, r]) => [offset, { headers: r.headers, body: Buffer.from(r.body) }]),
  );
  let replayed = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://replay.invalid');
    const hit =
      url.pathname === '/v1/shape' &&
      url.searchParams.get('table') === table &&
      !url.searchParams.has('live')
        ? recorded.get(url.searchParams.get('offset') ?? '')
        : undefined;
    if (hit) {
      replayed++;
      res.writeHead(200, { ...hit.headers, 'content-length': hit.body.length });
      res.end(hit.body);
      return;
    }
    const forward = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('replay server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    replayed: () => replayed,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
