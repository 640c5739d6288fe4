/** Names of the content folder's special entries, in a module of their own so the build cache's key can be computed without loading the validator. */
export const REGISTRY_DIR = "_registries";
export const PUBLISHER_FILE = "_publisher.yaml";
