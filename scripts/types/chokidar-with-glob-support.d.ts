// @11ty/chokidar-with-glob-support (Eleventy's own chokidar 4 wrapper) ships no types; this names what serve.ts uses.
declare module "@11ty/chokidar-with-glob-support" {
  interface Watcher {
    on(event: "all", listener: (event: string, file: string) => void): Watcher;
    on(event: "ready", listener: () => void): Watcher;
    on(event: "error", listener: (error: Error) => void): Watcher;
    close(): Promise<void>;
  }
  export function watch(paths: string[], options?: { ignoreInitial?: boolean; ignored?: string[]; followSymlinks?: boolean }): Watcher;
}
