// markdown-it 15 ships its own types; the DefinitelyTyped package for the container plugin pins older ones.
declare module "markdown-it-container" {
  import type { MarkdownIt } from "markdown-it";
  export default function container(md: MarkdownIt, name: string, options?: Record<string, unknown>): void;
}
