/**
 * Start the workbench on a port (`fundsim serve`): the app of app.ts on Node's HTTP server
 * (@hono/node-server), bound to 127.0.0.1 unless told otherwise.
 *
 * @example
 * const s = await startServer({ port: 0 }); // a free port
 * await fetch(`${s.url}api/scenarios`); await s.close();
 */
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { createApp, type AppOptions } from "./app.js";

export interface ServeOptions extends AppOptions {
  /** Port (0: any free port). */
  readonly port: number;
  /** Default 127.0.0.1: only this machine. */
  readonly host?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The names a server bound to a loopback address answers to. */
export const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"] as const;

/** Listen; rejects with the listen error (EADDRINUSE …). */
export function startServer(o: ServeOptions): Promise<RunningServer> {
  const host = o.host ?? "127.0.0.1";
  const loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].includes(host);
  const { app, jobs, analyses } = createApp({ ...(loopback ? { allowedHosts: LOOPBACK_NAMES } : {}), ...o });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, host, () => {
      server.off("error", reject);
      const port = (server.address() as AddressInfo).port;
      const shown = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
      resolve({
        url: `http://${shown}:${port}/`,
        port,
        close: () =>
          new Promise<void>((done) => {
            jobs.cancelAll();
            analyses.cancelAll();
            server.close(() => done());
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
  });
}
