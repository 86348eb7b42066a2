// What the screening and pharmacy pages say of an assessment.

/** Where the screening page keeps the last candidate it assessed, for the pharmacy page of the same tab. */
export const SCREENED_KEY = 'il7cds.screenedCandidate';

const VERDICT_TEXT = {ELIGIBLE: 'eligible', NOT_ELIGIBLE: 'not eligible', INCOMPLETE: 'not yet decidable (incomplete)'};

/** "CAND-001 is eligible for levy-2009 as of 2026-11-26: all 14 criteria are met." */
export function summarise(a) {
  const count = (status) => a.criteria.filter((c) => c.status === status);
  const titles = (list) => list.map((c) => c.title).join('; ');
  const notMet = count('NOT_MET');
  const unknown = count('UNKNOWN');
  let why;
  if (a.verdict === 'ELIGIBLE') {
    why = `all ${a.criteria.length} criteria are met.`;
  } else if (a.verdict === 'NOT_ELIGIBLE') {
    why = `${notMet.length} of ${a.criteria.length} criteria not met: ${titles(notMet)}.`;
  } else {
    why = `none failed, but ${unknown.length} of ${a.criteria.length} cannot be decided without more data: `
        + `${titles(unknown)}.`;
  }
  return `${a.candidateId} is ${VERDICT_TEXT[a.verdict] || a.verdict} for ${a.protocolId} as of ${a.asOf}: ${why}`;
}
