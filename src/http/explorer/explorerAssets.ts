import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { exampleQuestions, type ExampleQuestion } from './exampleQuestions.js';

/** A file the explorer page loads from this server. */
export interface ExplorerAsset {
  /** Its path here, under /explorer/; it names the version or a digest of the content, so it can be cached for good. */
  path: string;
  mediaType: string;
  /** The bytes, read on the first request and then kept. */
  bytes(): Buffer;
}

const require = createRequire(import.meta.url);

/**
 * A file of an installed npm package, under a path that carries the
 * package's version: GraphiQL's and React's browser builds ship in their
 * packages (UMD), so nothing is bundled and nothing comes from a CDN.
 */
function packageFile(packageName: string, file: string, servedAs: (version: string) => string, mediaType: string): ExplorerAsset {
  // Every one of these packages exports its package.json, and only some export their browser builds.
  const manifest = require.resolve(`${packageName}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const location = path.join(path.dirname(manifest), file);
  let bytes: Buffer | undefined;
  return { path: `/explorer/${servedAs(version)}`, mediaType, bytes: () => (bytes ??= readFileSync(location)) };
}

/** A file of ours, under a path that carries a digest of its content. */
function ownFile(name: string, extension: string, text: string, mediaType: string): ExplorerAsset {
  const bytes = Buffer.from(text, 'utf8');
  const digest = createHash('sha256').update(bytes).digest('base64url').slice(0, 12);
  return { path: `/explorer/${name}.${digest}.${extension}`, mediaType, bytes: () => bytes };
}

/** A GraphiQL tab holding one example question: its title as a comment, the README's query as a named operation. */
function tabOf(question: ExampleQuestion): { query: string; headers?: string } {
  const headers = Object.entries(question.headers ?? {}).map(([name, value]) => `${name}: ${value}`);
  // The headers pane starts folded, so the query says what it sends.
  const note = headers.length === 0 ? '' : `\n# Sent with ${headers.join(', ')} (see Headers below).`;
  return {
    query: `# ${question.title}${note}\nquery ${question.operationName} ${question.query}\n`,
    ...(question.headers && { headers: JSON.stringify(question.headers, null, 2) }),
  };
}

/**
 * Starts GraphiQL in the page (React, ReactDOM and GraphiQL are globals of
 * their UMD builds). A first visit opens the example questions as tabs;
 * GraphiQL keeps the tabs in the browser's storage after that. A
 * `?query=` (and `?variables=`) in the page's address opens that query
 * too, as GraphQL-over-GET links do in a browser. Queries are POSTed to the
 * page's own path, without an operation name that the query does not
 * define: GraphiQL can send the previous tab's for a moment after a tab
 * changes, which the server would refuse. The page's style nonce goes where
 * GraphiQL's dialogs look for one (a bundler's global), so that the style
 * they add is allowed.
 */
const startScript = `'use strict';
(function () {
  window.__webpack_nonce__ = document.querySelector('meta[name="style-nonce"]').content;
  var examples = ${JSON.stringify(exampleQuestions.map(tabOf), null, 2)};
  var parameters = new URLSearchParams(location.search);
  var query = parameters.get('query');
  var variables = parameters.get('variables');
  var asked = query === null ? [] : [{ query: query, variables: variables }];
  var send = GraphiQL.createFetcher({ url: location.pathname });
  function defines(source, operationName) {
    var name = operationName.replace(/[^A-Za-z0-9_]/g, '');
    return new RegExp('\\\\b(query|mutation|subscription)\\\\s+' + name + '\\\\b').test(source);
  }
  function fetcher(parameters, options) {
    var name = parameters.operationName;
    if (name && !defines(parameters.query, name)) parameters = Object.assign({}, parameters, { operationName: undefined });
    return send(parameters, options);
  }
  var properties = {
    fetcher: fetcher,
    defaultTabs: asked.concat(examples),
  };
  if (query !== null) {
    properties.query = query;
    if (variables !== null) properties.variables = variables;
  }
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, properties));
})();
`;

/** GraphiQL fills the window. */
const pageStyle = `html,body{height:100%;margin:0}
#graphiql{height:100vh}
`;

/** What the explorer page loads, in the order it loads them. */
export const explorerAssets = {
  react: packageFile('react', 'umd/react.production.min.js', (version) => `react-${version}.production.min.js`, 'text/javascript'),
  reactDom: packageFile('react-dom', 'umd/react-dom.production.min.js', (version) => `react-dom-${version}.production.min.js`, 'text/javascript'),
  graphiql: packageFile('graphiql', 'graphiql.min.js', (version) => `graphiql-${version}.min.js`, 'text/javascript'),
  graphiqlStyle: packageFile('graphiql', 'graphiql.min.css', (version) => `graphiql-${version}.min.css`, 'text/css'),
  pageStyle: ownFile('explorer', 'css', pageStyle, 'text/css'),
  start: ownFile('start', 'js', startScript, 'text/javascript'),
} as const satisfies Record<string, ExplorerAsset>;
