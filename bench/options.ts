/** Numeric options of the bench scripts (`--docs 5000` …), read from this process's command line. */

/** The number after `--name`, or `fallback` when the option is not given. */
export function numberOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

/** A whole number of at least `least` after `--name`, or `fallback`; anything else stops the script, naming the option. */
export function wholeNumberOption(name: string, fallback: number, least: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < least) throw new Error(`--${name} needs a whole number ≥ ${least}`);
  return value;
}
