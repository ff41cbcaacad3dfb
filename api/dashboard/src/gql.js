// A minimal GraphQL client: POST /graphql (same origin), bearer token when there is one.
import { authHeaders } from "./auth.js";

export class GraphQLError extends Error {
  constructor(message, errors = [], status = 200) {
    super(message);
    this.errors = errors;
    this.status = status;
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
      response.status);
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
