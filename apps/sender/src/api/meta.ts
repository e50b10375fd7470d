/** Where a procedure is also served as plain REST (see src/rest): read by the REST adapter and OpenAPI. */
export interface RestRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI-style template; `{name}` segments fill the input field of that name. */
  path: `/api/${string}`;
  summary: string;
  /** OpenAPI tag (groups operations in docs). */
  tag: string;
  /** Success status (default 200; 201 for creations). */
  status?: 200 | 201;
}

export interface ApiMeta {
  rest?: RestRoute;
}
