/** Types of ./build-environment.mjs (plain JavaScript: the commands' launcher loads it before anything can load TypeScript). */

export const BUILD_ENVIRONMENT: Readonly<Record<string, string>>;

export function v8PoolOption(cores?: number): string | undefined;

export function ownProcessEnvironment(command: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, cores?: number): NodeJS.ProcessEnv | undefined;
