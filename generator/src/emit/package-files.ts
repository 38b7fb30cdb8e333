/** package.json and tsconfig.json of a generated package. */
import type { PackageIdentity } from './api-file.js';

export interface PackageJsonContext {
  id: PackageIdentity;
  description: string;
  license: string;
  /** `workspace:^` inside the monorepo, a semver range outside it. */
  runtimeRange: string;
  docsUrl?: string;
  repository?: { type: 'git'; url: string; directory: string };
  keywords: string[];
}

export function emitPackageJson(ctx: PackageJsonContext): string {
  const pkg = {
    name: ctx.id.packageName,
    version: ctx.id.version,
    description: ctx.description,
    license: ctx.license,
    keywords: ctx.keywords,
    ...(ctx.docsUrl ? { homepage: ctx.docsUrl } : {}),
    ...(ctx.repository ? { repository: ctx.repository } : {}),
    type: 'module',
    sideEffects: false,
    exports: {
      '.': { types: './dist/index.d.ts', import: './dist/index.js' },
      './funcs': { types: './dist/funcs.d.ts', import: './dist/funcs.js' },
      './core': { types: './dist/core.d.ts', import: './dist/core.js' },
      './ops/*': { types: './dist/ops/*.d.ts', import: './dist/ops/*.js' },
      './components/*': { types: './dist/components/*.d.ts', import: './dist/components/*.js' },
      './package.json': './package.json',
    },
    main: './dist/index.js',
    types: './dist/index.d.ts',
    files: ['dist', 'README.md', 'CHANGELOG.md', 'LICENSE', 'NOTICE'],
    engines: { node: '>=20' },
    publishConfig: { access: 'restricted' },
    scripts: { build: 'tsc -p tsconfig.json' },
    dependencies: {
      [ctx.id.runtimePackage]: ctx.runtimeRange,
    },
    devDependencies: { typescript: '5.9.3' },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function emitTsconfig(): string {
  const config = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      skipLibCheck: true,
      declaration: true,
      rootDir: 'src',
      outDir: 'dist',
    },
    include: ['src'],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
