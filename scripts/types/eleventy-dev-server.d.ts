// @11ty/eleventy-dev-server ships no types; this names the calls scripts/cli/serve.ts makes.
declare module "@11ty/eleventy-dev-server" {
  interface DevServerOptions {
    port?: number;
    domDiff?: boolean;
    /** Serve the folder under this path ("/lysark/"); "/" redirects there. */
    pathPrefix?: string;
    /** What to print once the port is open; localhostUrl has the port actually used. */
    messageOnStart?: (info: { localhostUrl: string }) => string | false;
    logger?: { info(message: string): void; log(message: string): void; error(message: string): void };
    /** Connect-style functions run on each request after `onRequest`, before the server looks for a file. */
    middleware?: Array<(request: import("node:http").IncomingMessage, response: import("node:http").ServerResponse, next: () => void) => void>;
    onRequest?: Record<string, (request: { url: URL }) => string | { status?: number; headers?: Record<string, string>; body?: string } | undefined>;
  }
  interface DevServer {
    /** The http server, made on first use; serve() listens with it. */
    readonly server: import("node:http").Server;
    serve(port: number): void;
    /** Resolves once the server listens (on a later port if the asked-for one was taken). */
    ready(): Promise<void>;
    reload(event?: { files?: string[] }): void;
    reloadFiles(files: string[]): void;
    close(): Promise<void>;
  }
  const EleventyDevServer: { getServer(name: string, dir: string, options?: DevServerOptions): DevServer };
  export default EleventyDevServer;
}
