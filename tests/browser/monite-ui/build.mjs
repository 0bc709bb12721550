// Bundles the page (app.jsx with React and @monite/sdk-react) into monite-ui/dist with esbuild: `npm run build:monite-ui`.
// The browser test runs it before it opens the page, so the bundle always matches the installed packages.
import * as esbuild from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');

export async function build() {
  await mkdir(dist, { recursive: true });
  await esbuild.build({
    entryPoints: [join(here, 'app.jsx')],
    outfile: join(dist, 'app.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    minify: true,
    sourcemap: false,
    logLevel: 'warning',
    // React and the UI's libraries read process.env.NODE_ENV to pick their production builds.
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  await copyFile(join(here, 'index.html'), join(dist, 'index.html'));
  return dist;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build();
