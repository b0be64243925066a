/**
 * Cloudflare Pages Function for every `/api/*` request: hands the request, unchanged (method, headers with
 * cookies, body), to the `edgeward` worker through the `API` service binding (dashboard/wrangler.toml) and
 * returns its answer as is (status, `set-cookie`, `location`). Same origin for the app and the API.
 */
interface Env {
  API: { fetch(request: Request): Promise<Response> };
}

export const onRequest = (context: { request: Request; env: Env }): Promise<Response> =>
  context.env.API.fetch(context.request);
