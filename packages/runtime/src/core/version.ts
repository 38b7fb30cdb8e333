/** Version of `@clientgen/runtime`; kept equal to `package.json` (a test checks). */
export const VERSION = '0.2.1';
