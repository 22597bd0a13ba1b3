/**
 * The monitor's local server: the dashboard page at `/`, the current snapshot at `/snapshot.json`, and a
 * WebSocket at `/ws` that sends the current snapshot on connect and every new one as it is published.
 * Binds to loopback only. Client messages follow schema.ts; anything else is logged and ignored.
 *
 * @example
 *   const server = await startMonitorServer({ monitor, logger });  // server.url: http://127.0.0.1:PORT/
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { dashboardHtml } from './dashboard.js';
import type { Monitor } from './monitor.js';
import { parseClientMessage, SCHEMA, SCHEMA_VERSION, type ServerMessage } from './schema.js';

export interface MonitorServer {
  url: string;
  wsUrl: string;
  port: number;
  /** connected WebSocket clients */
  clients(): number;
  /** drop every client connection (they reconnect by themselves; for tests and restarts) */
  dropClients(): void;
  close(): Promise<void>;
}

/** Longest client message accepted, bytes (bigger ones are dropped by `ws` and the client disconnected). */
const MAX_CLIENT_MESSAGE = 4_096;

export async function startMonitorServer(o: { monitor: Monitor; logger: Logger; port?: number; host?: string }): Promise<MonitorServer> {
  const host = o.host ?? '127.0.0.1';
  const html = dashboardHtml();
  const http: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && (path === '/' || path === '/index.html')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    } else if (req.method === 'GET' && path === '/snapshot.json') {
      res.writeHead(o.monitor.current ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(o.monitor.current ?? { error: 'no snapshot yet' }));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found\n');
    }
  });
  const wss = new WebSocketServer({ server: http, path: '/ws', maxPayload: MAX_CLIENT_MESSAGE });
  const send = (ws: WebSocket, m: ServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  };
  wss.on('connection', (ws, req) => {
    const client = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
    o.logger.info({ client }, 'dashboard client connected');
    if (o.monitor.current) send(ws, o.monitor.current);
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? null : data.toString();
      const m = text === null ? null : parseClientMessage(text);
      if (m === null) {
        o.logger.warn({ client, bytes: (data as Buffer).length, sample: text?.slice(0, 80) ?? '<binary>' }, 'malformed client message ignored');
        return;
      }
      if (m.type === 'ping') send(ws, { schema: SCHEMA, version: SCHEMA_VERSION, type: 'pong', time: Date.now() });
      else if (o.monitor.current) send(ws, o.monitor.current);
    });
    ws.on('error', (e) => o.logger.warn({ client, err: e.message }, 'client socket error'));
    ws.on('close', () => o.logger.info({ client }, 'dashboard client disconnected'));
  });
  const unlisten = o.monitor.listen((s) => {
    const text = JSON.stringify(s);
    for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(o.port ?? 0, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  o.logger.info({ url: `http://${host}:${port}/` }, 'dashboard listening');
  return {
    url: `http://${host}:${port}/`,
    wsUrl: `ws://${host}:${port}/ws`,
    port,
    clients: () => wss.clients.size,
    dropClients: () => {
      for (const ws of wss.clients) ws.terminate();
    },
    async close() {
      unlisten();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
