// Entry: token capture, reference data, filters, and a hash router over the views.
import "./style.css";
import { authHeaders, captureToken, setToken } from "./auth.js";
import { el, runCaption, setStatus } from "./dom.js";
import { setupFilters } from "./filters.js";
import { reference } from "./reference.js";
import { METRICS } from "./vocab.js";
import { hideNetwork, prefetch, setupNetwork, showNetwork, testHook } from "./views/network.js";
import { setupRankings, showRankings } from "./views/rankings.js";
import { showPartner } from "./views/partner.js";
import { showAgreement } from "./views/agreement.js";
import { showActivity } from "./views/activity.js";
import { showGaps } from "./views/gaps.js";
import { showTrends } from "./views/trends.js";

captureToken();
// The network is the heaviest request: when it is the first view, start it with the
// reference data rather than after it.
if (/^(#\/network)?$/.test(window.location.hash)) prefetch();

const VIEWS = ["network", "rankings", "partner", "agreement", "activity", "gaps", "trends"];
let ref = null;

function route() {
  const [, view = "network", arg] = /^#\/([a-z]+)(?:\/(.+))?$/.exec(window.location.hash) ?? [];
  const name = VIEWS.includes(view) ? view : "network";
  for (const v of VIEWS) document.getElementById(`view-${v}`).hidden = v !== name;
  document.getElementById("filters").hidden = !["network", "rankings"].includes(name);
  for (const a of document.querySelectorAll("nav a")) {
    if (a.dataset.view === name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  if (name !== "network") hideNetwork();
  document.title = `${name[0].toUpperCase()}${name.slice(1)} — partnergraph`;
  if (name === "network") return showNetwork();
  if (name === "rankings") return showRankings();
  if (name === "partner") return showPartner(decodeURIComponent(arg ?? ""), ref);
  if (name === "agreement") return showAgreement(decodeURIComponent(arg ?? ""));
  if (name === "activity") return showActivity(decodeURIComponent(arg ?? ""));
  if (name === "gaps") return showGaps(ref);
  return showTrends(ref);
}

// Without a valid token the API answers 401: ask for one (it stays in this tab only).
function showSignIn(reason) {
  const input = el("input", { id: "token-input", type: "password", autocomplete: "off",
                              required: true });
  const form = el("form", { id: "sign-in", class: "sign-in" },
    el("h1", {}, "Sign in"),
    el("p", {}, `${reason} Open the address that \`partnergraph up\` printed, or paste an ` +
                "API token (`partnergraph token create`)."),
    el("label", { for: "token-input" }, "API token"), input,
    el("button", { type: "submit" }, "Sign in"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    setToken(input.value);
    window.location.reload();
  });
  for (const v of VIEWS) document.getElementById(`view-${v}`).hidden = true;
  document.getElementById("filters").hidden = true;
  document.getElementById("main").append(form);
  input.focus();
}

async function start() {
  try {
    ref = await reference();
  } catch (e) {
    if (e.status === 401) {
      showSignIn(e.message.endsWith(".") ? e.message : `${e.message}.`);
      document.body.dataset.auth = "needed";
    } else {
      setStatus(`The API is not answering: ${e.message}`, true);
    }
    document.body.dataset.ready = "true";
    return;
  }
  document.getElementById("run-banner").replaceChildren(ref.metricsForbidden
    ? el("span", { class: "run-none", title: ref.metricsForbidden },
      "Metric results: not available with your access (analysts only).")
    : runCaption(ref.run, "Latest metric run"));
  for (const select of document.querySelectorAll(".metric-select")) {
    select.append(...METRICS.map(([k, t]) => el("option", { value: k }, t)));
  }
  setupFilters(ref);
  setupNetwork(ref);
  setupRankings(ref);
  window.addEventListener("hashchange", () => {
    route();
    document.getElementById("main").focus({ preventScroll: true });
  });
  window.__dashboard = { network: testHook, route };
  // GraphiQL (same tab: it reads this tab's token) is linked only where the API serves it
  // (not in production mode).
  // The page is read to its end (it is small): a response left unread stays open.
  fetch("/graphql", { headers: { Accept: "text/html", ...authHeaders() } }).then((r) => {
    document.getElementById("nav-graphiql").hidden = !r.ok;
    return r.text();
  }).catch(() => {});
  await route();
  document.body.dataset.ready = "true";
}

start();
