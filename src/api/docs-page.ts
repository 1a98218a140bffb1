import { ERROR_CATALOGUE } from '../core/errors.ts';
import type { OpenApiDocument, OpenApiOperation } from './openapi.ts';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function json(value: unknown): string {
  return `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
}

const AUTH_LABEL: Record<OpenApiOperation['x-rollcall-auth'], string> = {
  public: 'public',
  member: 'any signed-in role',
  admin: 'admin only',
};

function renderOperation(method: string, path: string, op: OpenApiOperation): string {
  const parts: string[] = [];
  if (op.parameters?.length) parts.push(`<h4>Parameters</h4>${json(op.parameters)}`);
  if (op.requestBody) parts.push(`<h4>Request body</h4>${json(op.requestBody)}`);
  parts.push(`<h4>Responses</h4>${json(op.responses)}`);
  return `<section class="op" id="${escapeHtml(op.operationId)}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code>
<span class="auth ${op['x-rollcall-auth']}">${AUTH_LABEL[op['x-rollcall-auth']]}</span></h3>
<p>${escapeHtml(op.summary)}</p>
${op.description ? `<p class="desc">${escapeHtml(op.description)}</p>` : ''}
<details><summary>Schemas</summary>${parts.join('\n')}</details>
</section>`;
}

/** The API reference as one self-contained page (no scripts, no external assets). */
export function renderDocsPage(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const tag = op.tags[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), renderOperation(method, path, op)]);
    }
  }
  const sections = [...byTag]
    .map(
      ([tag, ops]) => `<h2 id="tag-${escapeHtml(tag)}">${escapeHtml(tag)}</h2>\n${ops.join('\n')}`,
    )
    .join('\n');
  const toc = [...byTag.keys()]
    .map((tag) => `<a href="#tag-${escapeHtml(tag)}">${escapeHtml(tag)}</a>`)
    .join(' · ');
  const errors = Object.entries(ERROR_CATALOGUE)
    .map(
      ([code, entry]) =>
        `<tr><td><code>${code}</code></td><td>${entry.status}</td><td>${escapeHtml(entry.message)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} ${escapeHtml(doc.info.version)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
code,pre{font-family:ui-monospace,monospace}pre{background:#f4f5f7;padding:.75rem;overflow:auto;font-size:.8rem}
.op{border-top:1px solid #ddd;padding:.5rem 0}.op h3{font-size:1rem;margin:.5rem 0}
.method{display:inline-block;min-width:4rem;text-align:center;border-radius:4px;color:#fff;font-size:.8rem;padding:.1rem .3rem}
.get{background:#2f6f3e}.post{background:#1f5fa8}.patch,.put{background:#8a5a00}.delete{background:#a82a1f}
.auth{font-size:.75rem;border:1px solid #999;border-radius:4px;padding:.05rem .3rem;margin-left:.5rem}
.auth.admin{border-color:#a82a1f;color:#a82a1f}.desc{color:#555;white-space:pre-line}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}
</style>
</head>
<body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${doc.openapi}).</p>
<nav>${toc} · <a href="#errors">errors</a></nav>
${sections}
<h2 id="errors">Error codes</h2>
<table><thead><tr><th>Code</th><th>Status</th><th>Meaning</th></tr></thead>
<tbody>
${errors}
</tbody></table>
</body>
</html>
`;
}
