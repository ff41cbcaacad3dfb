// GraphiQL for partnergraph, every asset bundled (no CDN). The bearer token comes from the
// dashboard's sessionStorage (same origin, same tab: the dashboard's "GraphiQL" link) or a
// `#token=…` fragment, exactly as the dashboard takes it, and fills the Headers pane. Headers
// are never written to localStorage (shouldPersistHeaders: false).
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import "./style.css";
import { GraphiQL } from "graphiql";
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { captureToken, token } from "../../dashboard/src/auth.js";

const WELCOME = `# partnergraph's GraphQL API (docs/API.md). Run with Ctrl-Enter or the ▶ button;
# the Docs button (top left) lists every type and field.
#
# Every request carries a bearer token, in Headers below. Opened from the dashboard
# (its "GraphiQL" link), it is the dashboard's token; otherwise open
# /graphql#token=<token>, or write in Headers:
#   { "Authorization": "Bearer <token>" }
# Make a token with: partnergraph token create NAME --role analyst
{
  latestMetricRun { id computedAt }
  partners(first: 5) { totalCount edges { node { id name kind } } }
}
`;

captureToken();
const stored = token();
const prefilled = stored ? { Authorization: `Bearer ${stored}` } : {};

async function fetcher(params, options) {
  // GraphiQL asks for the schema before its Headers pane exists (no headers at all then):
  // those first requests carry the pre-filled headers. Afterwards, whatever the pane says.
  const headers = options?.headers ?? prefilled;
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
    body: JSON.stringify(params),
  });
  try {
    return await response.json();
  } catch {
    return { errors: [{ message: `The API answered ${response.status} ${response.statusText}` }] };
  }
}

const initialHeaders = JSON.stringify(prefilled, null, 2);
createRoot(document.getElementById("graphiql")).render(createElement(GraphiQL, {
  fetcher,
  initialHeaders,
  defaultHeaders: initialHeaders,
  shouldPersistHeaders: false,
  defaultQuery: WELCOME,
  defaultEditorToolsVisibility: "headers",
}));
