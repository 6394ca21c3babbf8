/**
 * Who may talk to browser mode: only the page opened from the address `pwb serve` printed. A random token per start
 * (kept in an HttpOnly, SameSite=Strict cookie after the first page load), the exact Host (DNS rebinding), the Origin
 * and Sec-Fetch-Site of the request (other web pages on the same PC). Pure checks over the request's headers.
 */
import crypto from 'node:crypto';
import type http from 'node:http';

/** A request the guard turns away, with the status and the message (中文 / English) to send. */
export interface Refusal {
  status: number;
  message: string;
}

export const REFUSALS = {
  host: {
    status: 421,
    message: '请求的主机名不是本机地址，已拒绝（请用 127.0.0.1 或 localhost 打开）。 / Refused: the Host header is not 127.0.0.1 or localhost on this port.',
  },
  token: {
    status: 403,
    message: '需要访问口令：请使用命令行（pwb serve）给出的地址打开工作台。 / A token is required: open the address printed by `pwb serve`.',
  },
  wrongToken: {
    status: 403,
    message: '访问口令不对：请使用本次 pwb serve 给出的地址（每次启动都会换新口令）。 / Wrong token: use the address printed by this start of `pwb serve`.',
  },
  origin: {
    status: 403,
    message: '请求来自其他网页，已拒绝。 / Refused: the request comes from another web page (Origin or Sec-Fetch-Site).',
  },
} satisfies Record<string, Refusal>;

export interface Guard {
  readonly token: string;
  /** The cookie that carries the token; its name holds the port because cookies are shared by all ports of a host. */
  readonly cookieName: string;
  /** The Set-Cookie value given once the right token was shown. */
  setCookie(): string;
  /** Why the request must be refused before anything else is read, or null. */
  checkSource(req: http.IncomingMessage): Refusal | null;
  /** Whether the request shows the token (cookie, `?token=` or `Authorization: Bearer`). */
  hasToken(req: http.IncomingMessage, url: URL): boolean;
  /** Whether `token` (from the query) is this start's token. */
  isToken(token: string | null): boolean;
}

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

/** Reads one cookie from a Cookie header without throwing on odd input. */
const cookie = (header: string | undefined, name: string): string | null => {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
};

export const newToken = (): string => crypto.randomBytes(32).toString('base64url');

export const createGuard = (port: number, token: string = newToken()): Guard => {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((h) => `http://${h}`));
  const cookieName = `pwb_token_${port}`;
  const isToken = (candidate: string | null): boolean => candidate !== null && sameSecret(candidate, token);
  return {
    token,
    cookieName,
    setCookie: () => `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`,
    checkSource: (req) => {
      if (!hosts.has((req.headers.host ?? '').toLowerCase())) return REFUSALS.host;
      const origin = req.headers.origin;
      if (origin !== undefined && !origins.has(origin.toLowerCase())) return REFUSALS.origin;
      const site = req.headers['sec-fetch-site'];
      // 'none': the user typed or pasted the address; 'same-origin': the page itself. 'same-site' is another port.
      if (site !== undefined && site !== 'same-origin' && site !== 'none') return REFUSALS.origin;
      return null;
    },
    hasToken: (req, url) => {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
      return isToken(cookie(req.headers.cookie, cookieName)) || isToken(url.searchParams.get('token')) || isToken(bearer);
    },
    isToken,
  };
};
