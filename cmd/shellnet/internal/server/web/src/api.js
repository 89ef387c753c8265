// The server's API, on the page's own origin only.

class APIError extends Error {}

async function check(resp) {
  if (resp.ok) return resp;
  let detail = `${resp.status} ${resp.statusText}`;
  try {
    const body = await resp.json();
    if (body.detail) detail = body.detail;
  } catch {
    // not JSON: keep the status line
  }
  throw new APIError(detail);
}

export async function getJSON(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const qs = q.toString();
  const resp = await fetch(qs ? `${path}?${qs}` : path, { headers: { Accept: 'application/json' } });
  return (await check(resp)).json();
}

export const entityPath = (id) => `/entities/${encodeURIComponent(id)}`;

// screen posts a list (NDJSON or CSV) to /screen and calls onResult with
// each verdict as the server streams it.
export async function screen(body, contentType, onResult) {
  const resp = await check(await fetch('/screen', { method: 'POST', headers: { 'Content-Type': contentType }, body }));
  const reader = resp.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buf += value;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (!line) continue;
      const r = JSON.parse(line);
      if (r.detail) throw new APIError(r.detail);
      onResult(r);
    }
    if (done) break;
  }
}
