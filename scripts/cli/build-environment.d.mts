/** Types of ./build-environment.mjs (plain JavaScript: the commands' launcher loads it before anything can load TypeScript). */

export const BUILD_ENVIRONMENT: Readonly<Record<string, string>>;

export function ownProcessEnvironment(command: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): NodeJS.ProcessEnv | undefined;
