// @11ty/eleventy ships JavaScript only; these are the parts of its programmatic API Lysark uses.
declare module "@11ty/eleventy" {
  export interface EleventyOptions {
    configPath?: string | false;
    config?: (eleventyConfig: any) => void | Promise<void>;
    quietMode?: boolean;
    runMode?: "build" | "serve" | "watch";
  }
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    init(): Promise<void>;
    write(): Promise<unknown>;
    /** Silences Eleventy's console output, errors included. */
    disableLogger(): void;
    toJSON(): Promise<Array<{ url: string; inputPath: string; outputPath: string; content: string }>>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    stopWatch(): Promise<void>;
    /** Silences Eleventy's own logging, its closing "Wrote N files" line included. */
    disableLogger(): void;
  }
}
