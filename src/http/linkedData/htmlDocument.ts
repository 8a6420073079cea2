import { createHash } from 'node:crypto';
import { escapeHtml } from './escapeHtml.js';

/** A link to another representation of the same resource. */
export interface Alternate {
  title: string;
  mediaType: string;
  href: string;
}

/** What every page has around its content. */
export interface HtmlDocumentInput {
  /** The page's language, for `<html lang>`: `sv` or `en`. */
  language: string;
  /** Plain text; escaped here. */
  title: string;
  /** The content of `<body>`: HTML, already escaped by its author. */
  body: string;
  alternates?: readonly Alternate[];
}

const style = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
header{border-bottom:1px solid #ddd;padding-bottom:.5rem}
h1{font-size:1.8rem;margin:.5rem 0 .25rem}
h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #eee}
a{color:#0b57a3}
code,.iri{font-family:ui-monospace,monospace;font-size:.9em;word-break:break-all}
small{color:#5a5a5a}
dl.properties{display:grid;grid-template-columns:minmax(10rem,18rem) 1fr;gap:.25rem 1rem}
dl.properties>dt{font-weight:600}
dl.properties>dd{margin:0}
dd ul,td ul{margin:0;padding-left:1.1rem}
.blank{border-left:3px solid #ddd;padding-left:.75rem;margin:.25rem 0}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #eee;padding:.3rem .5rem;text-align:left;vertical-align:top}
tr:target{background:#fff6d5}
nav.formats a{margin-right:.75rem}
footer{border-top:1px solid #ddd;margin-top:2rem;padding-bottom:2rem}
.language{float:right;margin:.75rem 0}
td details p{margin:.25rem 0}
summary{cursor:pointer}
figure{margin:1rem 0}
figcaption{color:#5a5a5a;font-size:.9em}
svg{max-width:100%;height:auto}
svg text{font:13px system-ui,sans-serif;fill:#1b1b1b}
svg .column-heading{font-weight:600;fill:#5a5a5a}
svg .group-heading{font-weight:600}
svg .node rect{fill:#eef4fb;stroke:#0b57a3}
svg .node.principal rect{fill:#fff6d5;stroke:#a36b00;stroke-width:3}
svg .node.collaboration rect{fill:#0b57a3}
svg .node.county rect{fill:#eef7ee;stroke:#2e7d32}
svg .node.project rect{fill:#f3eefb;stroke:#6a3fa0}
svg .node.funder rect,svg .node.initiator rect{fill:#fdf0ee;stroke:#a33b2b}
svg .node .caption{font-size:11px;fill:#5a5a5a}
svg .node.collaboration text{fill:#fff}
svg a:focus rect,svg a:hover rect{stroke-width:3}
svg .edge path{fill:none;stroke:#8aa4c0;stroke-width:1.5}
svg .edge.principal path{stroke:#a36b00;stroke-width:3}
svg .edge-label{font-size:11px;text-anchor:end;fill:#5a5a5a;paint-order:stroke;stroke:#fff;stroke-width:3px}
svg .all{fill:#dde5ee}
svg .members{fill:#0b57a3}
svg .bar-label{text-anchor:end}
`.trim();

/**
 * The Content-Security-Policy of every page: nothing loads, nothing runs;
 * only the one inline style block (by its hash) applies.
 */
export const HTML_CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** A whole HTML page: no script, no external asset, one inline style; the title and alternates escaped. */
export function htmlDocument({ language, title, body, alternates = [] }: HtmlDocumentInput): string {
  const links = alternates
    .map((alternate) => `<link rel="alternate" type="${escapeHtml(alternate.mediaType)}" href="${escapeHtml(alternate.href)}" title="${escapeHtml(alternate.title)}">`)
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${links}
<style>${style}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
