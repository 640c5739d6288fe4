/**
 * The test files that run in a module graph of their own. Every other file shares its worker's
 * modules with the files before it (vitest.config.ts), so a file belongs here when it mocks a
 * module (vi.mock replaces it for the whole graph, and cannot once another file has imported it)
 * or changes the process (an environment variable set without vi.stubEnv, the working folder).
 * tests/ci/isolation.test.ts finds such files and fails until they are listed here.
 */
export const ISOLATED_TEST_FILES = ["tests/content/yaml-positions.test.ts", "tests/build/model-release.test.ts", "tests/build/merge-order.test.ts"];
