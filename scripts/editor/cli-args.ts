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

/**
 * A command's options, with -h/--help added: --help prints `help` and exits 0; an unknown or malformed option prints
 * what is wrong and `help`, and exits 2 (for the commands that run as they load: build's checks, check, docs, start).
 */
export function commandOptions(name: string, argv: string[], options: Options, help: string): Record<string, string | boolean | undefined> {
  const parsed = parseOptions(argv, { ...options, help: { type: "boolean", short: "h" } });
  if ("error" in parsed) {
    process.stderr.write(`${name}: ${parsed.error}\n\n${help}\n`);
    process.exit(2);
  }
  if (parsed.values.help) {
    process.stdout.write(`${help}\n`);
    process.exit(0);
  }
  return parsed.values;
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
