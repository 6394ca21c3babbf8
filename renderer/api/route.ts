/**
 * Where the user is, kept in the address (#/evaluation?plan=chuxiong&region=532322&year=2023&kind=midterm), so that a
 * reload keeps the page and its choices and Back returns to the page before. Pages replace their own choices as
 * they change; going to another page pushes a new entry.
 */
export interface Route {
  page: string;
  params: Record<string, string>;
}

export const readRoute = (hash: string = window.location.hash): Route => {
  const m = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash);
  if (!m) return { page: '', params: {} };
  return { page: m[1]!, params: Object.fromEntries(new URLSearchParams(m[2] ?? '')) };
};

export const routeHash = (route: Route): string => {
  const query = new URLSearchParams(Object.entries(route.params).filter(([, v]) => v !== '')).toString();
  return `#/${route.page}${query ? `?${query}` : ''}`;
};

/** Records a route: `push` for a new page (Back returns), `replace` for a page's own choices. */
export const writeRoute = (route: Route, how: 'push' | 'replace'): void => {
  const hash = routeHash(route);
  if (hash === window.location.hash) return;
  if (how === 'push') window.history.pushState(null, '', hash);
  else window.history.replaceState(null, '', hash);
};
