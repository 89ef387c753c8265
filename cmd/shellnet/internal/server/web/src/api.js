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

// screen posts a list (NDJSON or CSV) to /screen, or with since to
// /screen?since=RUN for the changes since that run, calls onLine with
// each line as the server streams it, and returns the ID of the run the
// server recorded ('' when it records none).
export async function screen(body, contentType, onLine, since = '') {
  const path = since ? `/screen?since=${encodeURIComponent(since)}` : '/screen';
  const resp = await check(await fetch(path, { method: 'POST', headers: { 'Content-Type': contentType }, body }));
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
      onLine(r);
    }
    if (done) break;
  }
  return resp.headers.get('X-Shellnet-Run') || '';
}
