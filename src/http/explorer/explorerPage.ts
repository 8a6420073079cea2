import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendCompressed } from '../sendCompressed.js';
import { explorerAssets } from './explorerAssets.js';

/**
 * The explorer page's Content-Security-Policy: scripts, styles and requests
 * from this origin only, so the page cannot reach a CDN, a font service or
 * a telemetry endpoint even if a script tried; fonts and images also as
 * data: URLs, the form in which GraphiQL's stylesheet carries its fonts.
 * `styleNonce` admits the one style element GraphiQL's dialogs add (to stop
 * the page scrolling behind them), which carries it.
 */
export function explorerContentSecurityPolicy(styleNonce: string): string {
  return `default-src 'none'; script-src 'self'; style-src 'self' 'nonce-${styleNonce}'; font-src data:; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

const { react, reactDom, graphiql, graphiqlStyle, pageStyle, start } = explorerAssets;

/** The explorer page: GraphiQL over /graphql, every file it loads served from /explorer/; the start script gives `styleNonce` to GraphiQL. */
export function explorerPage(styleNonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="style-nonce" content="${styleNonce}">
<title>Kulturskolegrafen: GraphQL explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${graphiqlStyle.path}">
<link rel="stylesheet" href="${pageStyle.path}">
</head>
<body>
<div id="graphiql">Loading the GraphQL explorer…</div>
<noscript>The explorer needs JavaScript. Without it, send POST /graphql with a JSON body {"query": "…"}.</noscript>
<script src="${react.path}"></script>
<script src="${reactDom.path}"></script>
<script src="${graphiql.path}"></script>
<script src="${start.path}"></script>
</body>
</html>
`;
}

/**
 * Sends the explorer page (HEAD: its headers), with a nonce of its own, so
 * it is never stored; the files it loads are cached for good (see
 * createExplorerRouter), so a new version of the server brings its new
 * files at once.
 */
export function sendExplorerPage(request: IncomingMessage, response: ServerResponse): void {
  const styleNonce = randomBytes(16).toString('base64url');
  // /graphql answers JSON or this page by Accept, so caches must keep them apart.
  response.setHeader('Vary', 'Accept');
  sendCompressed(request, response, {
    status: 200,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': explorerContentSecurityPolicy(styleNonce),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
    body: explorerPage(styleNonce),
  });
}
