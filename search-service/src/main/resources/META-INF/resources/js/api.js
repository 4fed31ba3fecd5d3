// Calls to Loupe's REST API. Failures become ApiErrors carrying the problem+json title, which says
// what to do; the page shows that title as it is.

/** An error answered by the API (status 0: the service could not be reached). */
export class ApiError extends Error {
  constructor(status, title) {
    super(title);
    this.status = status;
  }
}

/** Fetches a path of the API and answers its JSON (null for 204). */
export async function api(path, options = {}) {
  let response;
  try {
    response = await fetch(path, {...options, headers: {Accept: "application/json", ...(options.headers || {})}});
  } catch (e) {
    throw new ApiError(0, "The service cannot be reached: " + e.message);
  }
  if (response.ok) {
    return response.status === 204 ? null : response.json();
  }
  let title = "The service answered HTTP " + response.status;
  try {
    const problem = await response.json();
    if (problem && typeof problem.title === "string" && problem.title) {
      title = problem.title;
    }
  } catch (ignored) {
    // not JSON: keep the status line
  }
  throw new ApiError(response.status, title);
}

/** POSTs a JSON body (none when body is undefined). */
export function post(path, body) {
  if (body === undefined) {
    return api(path, {method: "POST"});
  }
  return api(path, {
    method: "POST",
    headers: {"Content-Type": "application/json"},
    body: JSON.stringify(body),
  });
}

/** The path of a photo-scoped endpoint; ids may hold '/', so they are percent-encoded. */
export function photoPath(id, suffix = "") {
  return "/v1/photos/" + encodeURIComponent(id) + suffix;
}

/** Query-string parameters without the empty ones. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? "?" + text : "";
}
