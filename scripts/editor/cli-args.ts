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

/**
 * Parsed options (and, where `allowPositionals`, the other arguments), or an error message with a suggestion for a
 * mistyped flag. A command exits 2 on such an error (`USAGE_ERROR`), as on a required option missing.
 */
export function parseOptions(
  argv: string[],
  options: Options,
  allowPositionals = false,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } | { error: string } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, strict: true, allowPositionals });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    return { error: optionError(error, options) };
  }
}

/** What parseArgs threw, said for the user: an unknown option with the one likely meant. */
export function optionError(error: unknown, options: Options): string {
  const message = (error as Error).message;
  const unknown = /Unknown option '(--?([^']+))'/.exec(message);
  if (!unknown) return message;
  const suggestion = suggestOption(unknown[2]!, Object.keys(options));
  // With a suggestion, Node's advice on a file name that starts with "-" only hides it.
  return suggestion ? `Unknown option '${unknown[1]}'.${suggestion}` : `${message}.`;
}

/** The exit status of a command given an option it does not know, a malformed value, or too little to run. */
export const USAGE_ERROR = 2;

/**
 * A command's options, with -h/--help added: --help prints `help` and exits 0; an unknown or malformed option prints
 * what is wrong and `help`, and exits 2 (for the commands that run as they load: build's checks, check, docs, start).
 */
export function commandOptions(name: string, argv: string[], options: Options, help: string): Record<string, string | boolean | undefined> {
  const parsed = parseOptions(argv, { ...options, help: { type: "boolean", short: "h" } });
  if ("error" in parsed) {
    process.stderr.write(`${name}: ${parsed.error}\n\n${help}\n`);
    process.exit(USAGE_ERROR);
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
