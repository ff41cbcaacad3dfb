// The API token: taken from a `#token=…` fragment on first load, kept in sessionStorage
// (gone when the tab closes), and stripped from the address bar so it is not bookmarked,
// shared or kept in history. With no token, requests carry no Authorization header.
const KEY = "partnergraph.token";

export function captureToken(loc = window.location, storage = window.sessionStorage) {
  const m = /^#token=([^&]+)(?:&(.*))?$/.exec(loc.hash);
  if (!m) return;
  storage.setItem(KEY, decodeURIComponent(m[1]));
  const rest = m[2] ? `#${m[2]}` : "";
  window.history.replaceState(null, "", loc.pathname + loc.search + rest);
}

export function token(storage = window.sessionStorage) {
  return storage.getItem(KEY);
}

export function authHeaders() {
  const t = token();
  return t ? { Authorization: `Bearer ${t}` } : {};
}

export function setToken(value, storage = window.sessionStorage) {
  storage.setItem(KEY, value.trim());
}
