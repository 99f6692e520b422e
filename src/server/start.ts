/**
 * Start the workbench on a port (`fundsim serve`): the app of app.ts on Node's HTTP server
 * (@hono/node-server), bound to 127.0.0.1 unless told otherwise.
 *
 * @example
 * const s = await startServer({ port: 0 }); // a free port
 * await fetch(`${s.url}api/scenarios`); await s.close();
 */
import type { AddressInfo } from "node:net";
import { availableParallelism } from "node:os";
import { createAdaptorServer } from "@hono/node-server";
import { WorkerPool } from "../pipeline/progressive.js";
import { createApp, type AppOptions } from "./app.js";

export interface ServeOptions extends Omit<AppOptions, "pool"> {
  /** Worker threads that simulate, started with the server (default: one per core; 0: none, simulate on the server's thread). */
  readonly workers?: number;
  /**
   * Warm the worker threads up once listening on these shipped scenarios (default
   * WARM_UP_SCENARIOS; false: none): the plan and a few edits of it, WARM_UP_RUNS runs per
   * thread each; stopped by the first request that simulates.
   */
  readonly warmUp?: readonly string[] | false;
  /** Port (0: any free port). */
  readonly port: number;
  /** Default 127.0.0.1: only this machine. */
  readonly host?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Resolves when the warm-up of the worker threads is over: true when it ran to the end (not stopped by a request). */
  readonly warmedUp: Promise<boolean>;
  close(): Promise<void>;
}

/** Worker threads a server starts by default: one per core (the server's own thread mostly waits). */
export const defaultWorkers = (): number => Math.max(1, availableParallelism());

/** Runs per worker thread of each model the warm-up runs. */
export const WARM_UP_RUNS = 10;
/** The shipped plans the warm-up runs: the two the workbench's latencies are measured on (a small and a large population). */
export const WARM_UP_SCENARIOS = ["linghai-2017", "jiangmen-2016"] as const;

/** The names a server bound to a loopback address answers to. */
export const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"] as const;

/** Listen; rejects with the listen error (EADDRINUSE …). */
export function startServer(o: ServeOptions): Promise<RunningServer> {
  const host = o.host ?? "127.0.0.1";
  const loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].includes(host);
  const workers = o.workers ?? defaultWorkers();
  const pool = workers > 0 ? new WorkerPool(workers) : undefined;
  const { app, jobs, analyses, warmUp, stopWarmUp } = createApp({ ...(loopback ? { allowedHosts: LOOPBACK_NAMES } : {}), ...o, ...(pool ? { pool } : {}) });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host });
  return new Promise((resolve, reject) => {
    const failed = (e: Error): void => {
      void (pool ? pool.close() : Promise.resolve()).then(() => reject(e));
    };
    server.once("error", failed);
    server.listen(o.port, host, () => {
      server.off("error", failed);
      const port = (server.address() as AddressInfo).port;
      const warming = pool && o.warmUp !== false ? warmUp(o.warmUp ?? WARM_UP_SCENARIOS, WARM_UP_RUNS * pool.size) : Promise.resolve(false);
      const shown = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
      resolve({
        url: `http://${shown}:${port}/`,
        port,
        warmedUp: warming,
        close: () =>
          new Promise<void>((done) => {
            jobs.cancelAll();
            analyses.cancelAll();
            stopWarmUp();
            // The warm-up, stopped, does not start anything on a closed pool (and is not waited for).
            server.close(() => void (pool ? pool.close() : Promise.resolve()).then(done));
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
  });
}
