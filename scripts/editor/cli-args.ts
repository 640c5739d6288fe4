/** Argument parsing shared by the editor commands: friendly errors, "did you mean" for mistyped flags. */
import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { closest } from "../content/problems.ts";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The closest known option name, for a mistyped --flag. */
export function suggestOption(name: string, known: readonly string[]): string {
  const suggestion = closest(name, known);
  return suggestion ? ` Did you mean --${suggestion}?` : "";
}

/** Parsed string options, or an error message (with a suggestion for a mistyped flag). */
export function parseOptions(argv: string[], options: Options): { values: Record<string, string | boolean | undefined> } | { error: string } {
  try {
    const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
    return { values: values as Record<string, string | boolean | undefined> };
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '--?([^']+)'/.exec(message)?.[1];
    return { error: unknown ? `${message}.${suggestOption(unknown, Object.keys(options))}` : message };
  }
}

/** True when the module at `moduleUrl` is the script node was started with (also through a symlink). */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(path.resolve(script)) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
