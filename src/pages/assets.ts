import { sha256 } from '../store/content-hash.ts';
import { embedScript } from './embed-script.ts';
import { stylesheet } from './stylesheet.ts';

export interface Asset {
  /** The content-hashed path the pages link to: new bytes, new URL, so it can be cached forever. */
  path: string;
  body: string;
  contentType: string;
}

const sources = {
  stylesheet: { name: 'page', ext: 'css', body: stylesheet, contentType: 'text/css; charset=utf-8' },
  embedScript: { name: 'embed', ext: 'js', body: embedScript, contentType: 'text/javascript; charset=utf-8' },
} as const;

export type AssetName = keyof typeof sources;
export type Assets = Record<AssetName, Asset>;

let hashed: Promise<Assets> | undefined;

/** The static assets with their hashed paths, hashed once per isolate. */
export function assets(): Promise<Assets> {
  hashed ??= (async () => {
    const entries = await Promise.all(
      Object.entries(sources).map(async ([key, { name, ext, body, contentType }]) => {
        const hash = (await sha256(body)).slice(0, 12);
        return [key, { path: `/assets/${name}.${hash}.${ext}`, body, contentType }] as const;
      }),
    );
    return Object.fromEntries(entries) as Assets;
  })();
  return hashed;
}

/**
 * The asset a file name asks for, and whether its hash is the current one. A page cached as immutable
 * before a deploy still links to the old hash: it gets today's asset, just not cached forever.
 */
export async function assetNamed(file: string): Promise<{ asset: Asset; current: boolean } | undefined> {
  const [name, , ext] = file.split('.');
  const asset = Object.values(await assets()).find(
    (a) => a.path.startsWith(`/assets/${name}.`) && a.path.endsWith(`.${ext}`),
  );
  return asset && { asset, current: asset.path === `/assets/${file}` };
}

/** Changes whenever an asset does: part of every page's ETag, since pages link to the hashed URLs. */
export async function assetsKey(): Promise<string> {
  return Object.values(await assets())
    .map((asset) => asset.path)
    .join(',');
}
