// A minimal GraphQL client: POST /graphql (same origin), bearer token when there is one.
import { authHeaders } from "./auth.js";

export class GraphQLError extends Error {
  constructor(message, errors = [], status = 200, data = null) {
    super(message);
    this.errors = errors;
    this.status = status;
    this.data = data; // what the API answered beside the errors
  }
}

export async function gql(query, variables = {}) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", ...authHeaders() },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new GraphQLError(`The API answered ${response.status}`, [], response.status);
  }
  if (body.errors?.length) {
    throw new GraphQLError(body.errors.map((e) => e.message).join("; "), body.errors,
      response.status, body.data ?? null);
  }
  if (!response.ok) throw new GraphQLError(`The API answered ${response.status}`, [], response.status);
  return body.data;
}

// The API's reason when every error of a failed request is FORBIDDEN (metric results beyond
// the caller's access, see docs/SECURITY.md), else null.
export function forbiddenReason(e) {
  const errors = e?.errors ?? [];
  if (!errors.length || !errors.every((x) => x.extensions?.code === "FORBIDDEN")) return null;
  return errors[0].message;
}

// A lookup by id that found nothing answers null with a BAD_USER_INPUT error naming the
// closest ids (docs/API.md, "Lookups"). Returns `{ hint }` with that message when the lookup
// `field` of a failed request is such a miss, else null.
export function lookupMiss(e, field) {
  const miss = (e?.errors ?? []).find((x) => x.extensions?.code === "BAD_USER_INPUT" &&
    x.path?.length === 1 && x.path[0] === field);
  return miss && e.data && e.data[field] === null ? { hint: miss.message } : null;
}

// `gql` for a lookup: resolves to the data with `missing` set to the API's hint (and the
// looked-up field null) when the id matched nothing the caller may see.
export async function gqlLookup(query, variables, field) {
  try {
    return { data: await gql(query, variables), missing: null };
  } catch (e) {
    const miss = lookupMiss(e, field);
    if (!miss) throw e;
    return { data: e.data, missing: miss.hint };
  }
}
