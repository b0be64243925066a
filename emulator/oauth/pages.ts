import type { Reply } from '../http';
import type { LoginCandidate } from './login';
import { SCOPE_TEXT } from './scopes';

/** The two HTML pages of `/oauth2/authorize`: the login (consent) page and the error page. No external assets. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:24px;
  background:#1e1f22;color:#dbdee1;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{width:100%;max-width:480px;background:#313338;border-radius:10px;padding:28px 28px 22px;
  box-shadow:0 8px 24px rgba(0,0,0,.35)}
.badge{display:inline-block;font-size:11px;font-weight:700;letter-spacing:.06em;text-transform:uppercase;
  color:#1e1f22;background:#f0b232;border-radius:4px;padding:2px 6px}
h1{font-size:21px;line-height:1.25;color:#f2f3f5;margin:10px 0 6px}
p{margin:8px 0}
.muted{color:#949ba4;font-size:13px}
.notice{background:#4a2d2f;border-left:3px solid #f23f43;padding:8px 12px;border-radius:4px;margin:12px 0}
ul.scopes{margin:8px 0 16px;padding-left:20px}
ul.users{list-style:none;margin:14px 0;padding:0;display:grid;gap:8px}
a.user{display:flex;align-items:center;gap:12px;padding:10px 12px;border-radius:8px;background:#2b2d31;
  color:inherit;text-decoration:none;border:1px solid transparent}
a.user:hover,a.user:focus{border-color:#5865f2;background:#35373c;outline:none}
.avatar{flex:none;width:38px;height:38px;border-radius:50%;display:flex;align-items:center;justify-content:center;
  font-weight:700;color:#fff}
.name{font-weight:600;color:#f2f3f5}
.handle{color:#949ba4;font-weight:400;margin-left:4px}
.hint{display:block;font-size:12.5px;color:#b5bac1}
.actions{display:flex;justify-content:space-between;align-items:center;margin-top:18px;gap:12px}
a.cancel{color:#dbdee1;text-decoration:none;padding:8px 14px;border-radius:4px;background:#4e5058}
a.cancel:hover{background:#6d6f78}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12.5px;background:#1e1f22;
  padding:1px 4px;border-radius:3px;word-break:break-all}
`;

const COLORS = ['#5865f2', '#3ba55c', '#eb459e', '#faa61a', '#ed4245', '#00a8fc', '#9b59b6'];

function page(status: number, title: string, body: string, headers: Record<string, string> = {}): Reply {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><span class="badge">Emulated Discord</span>
${body}
</main></body></html>
`;
  return {
    status,
    body: html,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  };
}

export interface LoginPage {
  appName: string;
  scopes: string[];
  redirectUri: string;
  candidates: LoginCandidate[];
  more: number;
  /** Link for each user id (the same authorize URL plus `login_as`). */
  loginHref(userId: string): string;
  cancelHref: string;
  notice?: string;
}

export function loginPage(view: LoginPage, status = 200): Reply {
  const scopes = view.scopes
    .map((s) => `<li>${escapeHtml(SCOPE_TEXT[s] ?? `Use the “${s}” scope`)}</li>`)
    .join('');
  const users = view.candidates
    .map(({ user, hint }) => {
      const name = user.global_name ?? user.username;
      const color = COLORS[[...user.id].reduce((sum, c) => sum + c.charCodeAt(0), 0) % COLORS.length];
      return `<li><a class="user" href="${escapeHtml(view.loginHref(user.id))}">
<span class="avatar" style="background:${color}">${escapeHtml([...name][0]?.toUpperCase() ?? '?')}</span>
<span><span class="name">${escapeHtml(name)}</span><span class="handle">@${escapeHtml(user.username)}</span>
<span class="hint">${escapeHtml(hint)}</span></span></a></li>`;
    })
    .join('\n');
  const more =
    view.more > 0
      ? `<p class="muted">${view.more} more users: add <code>login_as=&lt;id or username&gt;</code> to the URL.</p>`
      : '';
  const title = `Log in to ${view.appName} (emulated Discord)`;
  return page(
    status,
    title,
    `<h1>${escapeHtml(title)}</h1>
${view.notice ? `<p class="notice">${escapeHtml(view.notice)}</p>` : ''}
<p><strong>${escapeHtml(view.appName)}</strong> wants to:</p>
<ul class="scopes">${scopes}</ul>
<p>Choose who you are. No password: this is the local emulator.</p>
<ul class="users">
${users || '<li class="muted">The emulator has no users who can log in.</li>'}
</ul>
${more}
<div class="actions"><a class="cancel" href="${escapeHtml(view.cancelHref)}">Cancel</a>
<span class="muted">Then back to <code>${escapeHtml(view.redirectUri)}</code></span></div>
<p class="muted">Your choice is kept in a cookie until the emulator resets (add <code>prompt=consent</code> to
choose again). Tests skip this page with <code>PUT /__emulator/oauth/current-user</code>.</p>`,
  );
}

/** 400 without a redirect: the client or redirect URI cannot be trusted. */
export function errorPage(title: string, detail: string, items: string[] = []): Reply {
  const list =
    items.length > 0 ? `<ul>${items.map((i) => `<li><code>${escapeHtml(i)}</code></li>`).join('')}</ul>` : '';
  return page(400, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>${list}`);
}

/** Any method but GET and HEAD. */
export function methodNotAllowed(): Reply {
  return page(405, 'Method not allowed', '<h1>Method not allowed</h1><p>Use GET.</p>', {
    Allow: 'GET, HEAD',
  });
}
