/**
 * The shareable URL: `#/<page>?<parameters>`. Each page writes its inputs
 * (the model file as JSON, slider values, …) with `replaceState`, so the
 * address bar always holds a link that reopens the same view.
 */
export interface Route {
  page: string;
  params: URLSearchParams;
}

export function readRoute(hash = location.hash): Route {
  const m = /^#\/([\w-]*)(?:\?(.*))?$/.exec(hash);
  return { page: m?.[1] || 'continuum', params: new URLSearchParams(m?.[2] ?? '') };
}

export function routeHash(page: string, params: Record<string, string>): string {
  const q = new URLSearchParams(params).toString();
  return `#/${page}${q ? `?${q}` : ''}`;
}

/**
 * Record the page's parameters in the address bar without reloading or adding history entries,
 * while that page is the one shown: a computation finishing after the user moved to another page
 * must not put the old page back into the address.
 */
export function writeRoute(page: string, params: Record<string, string>): void {
  if (readRoute().page !== page) return;
  const hash = routeHash(page, params);
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

/** Copy the current address to the clipboard (the share button). */
export async function copyLink(): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(location.href);
    return true;
  } catch {
    return false;
  }
}
