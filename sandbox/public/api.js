// The tester API under /sandbox/api.

export async function api(path, init) {
  const response = await fetch(`/sandbox/api/${path}`, init);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? response.statusText);
  return body;
}

export const postJson = (path, json) => api(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(json) });
