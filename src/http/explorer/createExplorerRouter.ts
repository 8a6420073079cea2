import { Router } from 'express';
import { sendCompressed } from '../sendCompressed.js';
import { strongEtag } from '../strongEtag.js';
import { explorerAssets, type ExplorerAsset } from './explorerAssets.js';

/** A year, the longest a cache is asked to keep anything. */
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Serves the files of the GraphQL explorer under /explorer/ (GET and HEAD).
 * Each path names its version or a digest of its content, so each answer
 * may be cached for a year without asking again. Any other path under
 * /explorer/ is a 404 naming it.
 */
export function createExplorerRouter(): Router {
  const assets = new Map<string, ExplorerAsset>(Object.values(explorerAssets).map((asset) => [asset.path, asset]));
  const etags = new Map<string, string>();
  const router = Router();
  router.get(/^\/explorer\//, (request, response) => {
    const asset = assets.get(request.path);
    if (asset === undefined) {
      response.status(404).json({ error: `No explorer file at ${request.path}; the explorer itself is opened at /graphql in a browser` });
      return;
    }
    const bytes = asset.bytes();
    let etag = etags.get(asset.path);
    if (etag === undefined) etags.set(asset.path, (etag = strongEtag(bytes)));
    sendCompressed(request, response, {
      status: 200,
      headers: {
        'Content-Type': `${asset.mediaType}; charset=utf-8`,
        'Cache-Control': `public, max-age=${ONE_YEAR_SECONDS}, immutable`,
        'X-Content-Type-Options': 'nosniff',
      },
      body: bytes,
      etag,
    });
  });
  return router;
}
