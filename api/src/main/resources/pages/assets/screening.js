// The screening page: a candidate from the form (or a pasted JSON snapshot) is assessed by
// POST /v1/eligibility/assessments, and the verdict is shown in plain language, criterion by criterion.
import {compact, credentialPanel, el, numberOf, pastedJson, submit, today, valueOf} from './common.js';
import {SCREENED_KEY, summarise} from './verdict.js';

const STATUS_TEXT = {MET: 'Met', NOT_MET: 'Not met', UNKNOWN: 'Unknown'};

function tristate(select) {
  select.append(el('option', {value: ''}, 'Not known'), el('option', {value: 'false'}, 'No'),
      el('option', {value: 'true'}, 'Yes'));
}

function booleanOf(id) {
  const v = valueOf(id);
  return v === undefined ? undefined : v === 'true';
}

/** One lab result from a row of the form, or undefined when its value is empty. */
function lab(prefix, extra = {}) {
  const value = numberOf(`${prefix}-value`);
  if (value === undefined) {
    return undefined;
  }
  return compact({value, unit: valueOf(`${prefix}-unit`), ...extra, sampleDate: valueOf(`${prefix}-date`)});
}

function viralLoad() {
  const kind = valueOf('rna-kind');
  const sampleDate = valueOf('rna-date');
  if (kind === 'NOT_DETECTED') {
    return compact({result: 'NOT_DETECTED', sampleDate});
  }
  const value = numberOf('rna-value');
  if (value === undefined) {
    return undefined;
  }
  return compact({value, comparator: kind, unit: valueOf('rna-unit'), sampleDate});
}

/** The candidate the form describes; an empty field is left out (not known), never sent as zero or false. */
function candidateFromForm() {
  const list = (item) => (item === undefined ? undefined : [item]);
  const drugs = valueOf('art-drugs');
  const art = compact({
    startDate: valueOf('art-start'),
    lastRegimenChange: valueOf('art-change'),
    currentDrugs: drugs === undefined ? undefined : drugs.split(',').map((d) => d.trim()).filter((d) => d),
  });
  const malignancy = valueOf('malignancy');
  return compact({
    pseudonymId: valueOf('pseudonymId'),
    birthDate: valueOf('birthDate'),
    ageYears: numberOf('ageYears'),
    sex: valueOf('sex'),
    pregnant: booleanOf('pregnant'),
    breastfeeding: booleanOf('breastfeeding'),
    cd4Counts: list(lab('cd4')),
    hivRna: list(viralLoad()),
    neutrophils: list(lab('neutrophils')),
    haemoglobin: list(lab('haemoglobin')),
    platelets: list(lab('platelets')),
    creatinine: list(lab('creatinine', {upperLimitOfNormal: numberOf('creatinine-uln')})),
    art: Object.keys(art).length === 0 ? undefined : art,
    priorInterleukinTherapy: booleanOf('priorInterleukinTherapy'),
    malignancyHistory: malignancy === undefined ? undefined : (malignancy === 'NONE' ? [] : [malignancy]),
    activeOpportunisticInfection: booleanOf('activeOpportunisticInfection'),
  });
}

function showAssessment(a) {
  const verdict = el('strong', {class: `verdict ${a.verdict.toLowerCase().replace('_', '-')}`}, a.verdict);
  document.getElementById('summary').replaceChildren(verdict, ' ', summarise(a));
  const facts = [['Protocol', a.protocolId], ['Rules version', a.rulesVersion], ['Rules hash', a.rulesHash],
    ['As of', a.asOf]];
  if (a.decisionId) {
    facts.push(['Decision id', a.decisionId]);
  }
  document.getElementById('provenance').replaceChildren(...facts.flatMap(([term, value]) =>
    [el('dt', {}, term), el('dd', {}, el('code', {}, value))]));
  const rows = a.criteria.map((c) => el('tr', {class: `status-${c.status.toLowerCase().replace('_', '-')}`},
      el('th', {scope: 'row'}, c.title, el('span', {class: 'type'}, ` (${c.type.toLowerCase()})`)),
      el('td', {}, el('span', {class: 'status'}, STATUS_TEXT[c.status] || c.status)),
      el('td', {}, c.observed || '—'),
      el('td', {}, c.observedOn || '—'),
      el('td', {}, [c.threshold, c.unit].filter((x) => x).join(' ') || '—'),
      el('td', {}, c.settleBy || ''),
      el('td', {}, c.rule || '', c.source ? el('span', {class: 'source'}, c.source) : null,
          c.assumption ? el('span', {class: 'assumption'}, 'rests on an assumption') : null)));
  document.querySelector('#criteria tbody').replaceChildren(...rows);
  document.getElementById('notes').replaceChildren(...(a.notes.length === 0 ? [el('li', {}, 'None.')]
    : a.notes.map((n) => el('li', {}, n))));
  const result = document.getElementById('result');
  result.hidden = false;
  document.getElementById('result-heading').focus();
}

async function assess(event) {
  event.preventDefault();
  const problem = document.getElementById('problem');
  problem.hidden = true;
  document.getElementById('result').hidden = true;
  let candidate = candidateFromForm();
  const pasted = valueOf('snapshot');
  if (pasted !== undefined) {
    const parsed = pastedJson(problem, pasted, 'The pasted snapshot');
    if (!parsed) {
      return;
    }
    candidate = parsed.value;
  }
  const body = compact({protocolId: valueOf('protocolId'), asOf: valueOf('asOf'), candidate});
  const response = await submit(problem, '/v1/eligibility/assessments', body);
  if (response && response.ok && response.json) {
    sessionStorage.setItem(SCREENED_KEY, JSON.stringify(candidate));
    showAssessment(response.json);
  }
}

document.querySelectorAll('select.tristate').forEach(tristate);
document.getElementById('asOf').value = today();
credentialPanel(document.getElementById('credential'));
document.getElementById('screening-form').addEventListener('submit', assess);
