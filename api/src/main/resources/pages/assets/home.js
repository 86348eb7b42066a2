// The home page: the credential panel, and the rules version once a credential is given.
import {authorization, callApi, credentialPanel} from './common.js';

async function showRulesVersion() {
  const target = document.getElementById('rules-version');
  if (!authorization()) {
    target.textContent = 'The rules version is shown once you have given your API key.';
    return;
  }
  try {
    const r = await callApi('GET', '/v1/rules/version');
    target.textContent = r.ok && r.json
      ? `The service answers with rules ${r.json.version} (${r.json.contentHash}), protocols ${r.json.protocols.join(', ')}.`
      : 'The rules version is shown once you have given a valid API key.';
  } catch (e) {
    target.textContent = 'The service could not be reached.';
  }
}

credentialPanel(document.getElementById('credential'), showRulesVersion);
showRulesVersion();
