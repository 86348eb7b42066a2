// Shared by the pages: the credential kept for this browser tab, calls to the API with it, and safe DOM building
// (text is always set as text, never parsed as HTML, so nothing a response carries can run in the page).

const STORAGE_KEY = 'il7cds.authorization';

/** The Authorization header value kept for this tab, or null. */
export function authorization() {
  return sessionStorage.getItem(STORAGE_KEY);
}

/** "ApiKey <key>" for a bare key; a value that already names its scheme (ApiKey or Bearer) is kept as given. */
export function toAuthorization(value) {
  const v = value.trim();
  return /^(ApiKey|Bearer)\s+\S/i.test(v) ? v : 'ApiKey ' + v;
}

/** Builds an element: el('td', {class: 'x'}, 'text', child). Strings become text nodes. */
export function el(tag, attributes = {}, ...children) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) {
      e.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const c of children.flat()) {
    if (c !== undefined && c !== null) {
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
  return e;
}

/** Today in the browser's time zone, as an ISO date. */
export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Keeps every number of a response as the service wrote it ("2.80" mL stays 2.80, never 2.8): the pages only show
 * numbers, and a decimal must read as the service decided it. Where a browser gives no source text, the number.
 */
function exactNumbers(key, value, context) {
  return typeof value === 'number' && context && typeof context.source === 'string' ? context.source : value;
}

/**
 * Calls the API with the tab's credential. Resolves to {status, ok, type, json, text, headers}; rejects only when
 * the service cannot be reached.
 */
export async function callApi(method, path, body, accept = 'application/json') {
  const headers = {Accept: accept};
  const credential = authorization();
  if (credential) {
    headers.Authorization = credential;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  const type = response.headers.get('Content-Type') || '';
  const text = await response.text();
  let json = null;
  if (type.includes('json')) {
    try {
      json = JSON.parse(text, exactNumbers);
    } catch (e) {
      json = null;
    }
  }
  return {status: response.status, ok: response.ok, type, json, text, headers: response.headers};
}

/** Shows an RFC 9457 problem (or a failure to reach the service) in the section, every bad field listed. */
export function showProblem(section, problem, fallback) {
  section.replaceChildren();
  if (!problem) {
    section.append(el('h2', {}, 'The request failed'), el('p', {}, fallback || 'The service could not be reached.'));
  } else {
    section.append(el('h2', {}, `${problem.title || 'The request was refused'} (${problem.status})`));
    if (problem.detail) {
      section.append(el('p', {}, problem.detail));
    }
    if (Array.isArray(problem.errors) && problem.errors.length > 0) {
      section.append(el('ul', {}, problem.errors.map((e) => el('li', {}, el('code', {}, e.field || '(body)'), ' ',
          e.message))));
    }
    if (problem.status === 401) {
      section.append(el('p', {}, 'Check the API key above: it is sent as Authorization: ApiKey <key>.'));
    }
  }
  section.hidden = false;
}

/**
 * POSTs a JSON body to the API for a form: a refusal (or no answer) is shown in the problem section. Resolves to
 * the response (check {@code ok}), or to null when the service could not be reached.
 */
export async function submit(problem, path, body, accept = 'application/json') {
  problem.hidden = true;
  try {
    const response = await callApi('POST', path, body, accept);
    if (!response.ok) {
      showProblem(problem, response.json, `The service answered ${response.status}.`);
    }
    return response;
  } catch (e) {
    showProblem(problem, null);
    return null;
  }
}

/** The JSON a user pasted, as {value}; null, with the problem shown, when it is not JSON. */
export function pastedJson(problem, text, what) {
  try {
    return {value: JSON.parse(text)};
  } catch (e) {
    showProblem(problem, null, `${what} is not JSON: ${e.message}`);
    return null;
  }
}

/**
 * The "Your credential" panel: a form to give the API key (kept in sessionStorage, so only for this tab's
 * session), or the note that one is kept with a button to forget it. Calls onChange after either.
 */
export function credentialPanel(section, onChange = () => {}) {
  const render = () => {
    section.replaceChildren(el('h2', {id: 'credential-heading'}, 'Your credential'));
    if (authorization()) {
      const forget = el('button', {type: 'button', class: 'secondary', id: 'forget-key'}, 'Forget the key');
      forget.addEventListener('click', () => {
        sessionStorage.removeItem(STORAGE_KEY);
        render();
        onChange();
      });
      section.append(el('p', {id: 'key-status'}, 'A credential is kept for this browser tab only, and sent with every'
          + ' request as the API expects. ', forget));
    } else {
      const input = el('input', {id: 'api-key', type: 'password', autocomplete: 'off', spellcheck: 'false',
        'aria-describedby': 'api-key-hint'});
      const form = el('form', {id: 'key-form', class: 'inline'},
          el('label', {for: 'api-key'}, 'API key'), input,
          el('button', {type: 'submit', id: 'use-key'}, 'Use this key'),
          el('p', {id: 'api-key-hint', class: 'hint'}, 'Paste the key you were given (or "Bearer <token>" where'
              + ' the service takes bearer tokens). It is kept only for this tab and forgotten when the tab closes.'));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (input.value.trim()) {
          sessionStorage.setItem(STORAGE_KEY, toAuthorization(input.value));
          render();
          onChange();
        }
      });
      section.append(form);
    }
  };
  render();
}

/** The text of an input, or undefined when it is empty (an empty field is "not known", never zero or false). */
export function valueOf(id) {
  const v = document.getElementById(id).value.trim();
  return v === '' ? undefined : v;
}

/**
 * An input's number, or undefined when empty. A decimal typed with up to 15 significant digits prints back in JSON
 * as the same decimal (70.5 stays 70.5), so no digit the user typed changes on its way to the service.
 */
export function numberOf(id) {
  const v = valueOf(id);
  return v === undefined ? undefined : Number(v);
}

/** Drops the undefined members of an object, so that the request says nothing of what is not known. */
export function compact(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}
